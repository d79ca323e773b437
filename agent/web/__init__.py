"""`hotseat serve`: the whole interview as one local web page.

- `interviewer_api`: the one module that talks to the interviewer (swap it when its API moves);
- `transcript`: the page's view of the conversation (turns, verdict chips, highlighted boxes);
- `live`: one running interview (interviewer, recording, board, connected pages);
- `guard`: Host, Origin and pairing-token checks; `catalog`: scenarios and past sessions;
- `app`: the Starlette routes and the WebSocket protocol; `server`: uvicorn on a thread.
"""
