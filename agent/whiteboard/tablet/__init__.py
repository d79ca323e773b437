"""The live tablet board: a page a tablet opens over the LAN, strokes recognised on the server
into boxes and arrows, the board's truth held here and pushed to every tablet.

    from agent.whiteboard.tablet import TabletBoard
    with TabletBoard(on_change=lambda board, findings: print(len(findings))) as tablet:
        print(tablet.url)
        tablet.show_question("What happens when Postgres goes down?", ["c2"])

Starlette and uvicorn are imported only when this package is.
"""

from agent.whiteboard.tablet.board_session import BoardSession, copy_board
from agent.whiteboard.tablet.lan import lan_address, qr_text
from agent.whiteboard.tablet.sketch import SNAP_TOLERANCE, Sketcher, SketchResult
from agent.whiteboard.tablet.tablet_app import MAX_MESSAGE_BYTES, MAX_RATE, RateLimit, create_app
from agent.whiteboard.tablet.tablet_server import TabletBoard

__all__ = [
    "MAX_MESSAGE_BYTES",
    "MAX_RATE",
    "SNAP_TOLERANCE",
    "BoardSession",
    "RateLimit",
    "SketchResult",
    "Sketcher",
    "TabletBoard",
    "copy_board",
    "create_app",
    "lan_address",
    "qr_text",
]
