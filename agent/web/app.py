"""The web app: pages, JSON endpoints, the session WebSocket and each session's board.

Routes:
- `/` start page; `/interview/{id}` the interview; `/report/{id}` the HTML report of a recording;
- `GET /api/scenarios`, `GET /api/info`, `GET /api/sessions`, `POST /api/sessions` {scenario, minutes, mode};
- `POST /api/sessions/{id}/notes` {at: "MM:SS" or seconds, text}: your own note on a recording
  (what `hotseat annotate` writes; the report page has a form for it);
- `/ws/{id}` the session socket (protocol below); `/board/{id}/` the tablet board of that
  session (its page, static files and socket, mounted from `agent.whiteboard.tablet`).

Session socket, page → server (JSON text, at most `MAX_TEXT_BYTES`, `TEXT_RATE` a second):
`turn` {text}, `minute` ("give me a minute"), `end`, `mute` {muted}, `ping`; binary frames are
microphone PCM, 16 kHz int16 (voice mode, at most `MAX_AUDIO_BYTES`, `AUDIO_RATE` a second).
Server → page: `state` on connect (everything: a reload or a second tab starts from it), then
`item` (a transcript turn, re-sent when a verdict chip is added), `phase`, `busy`, `status`
(clock, end, scores, report link), `error` (one line); in voice mode `voice` events
(`listening`, `turn`, `answering`, `stop` on barge-in, `thinking` after "give me a minute",
`microphone` {here}: whether this page is the one capturing and playing) and binary reply
audio, to the microphone page only (`agent.web.voice`). Microphone frames from any other page
are ignored.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket, WebSocketDisconnect

from agent.web.catalog import SESSION_ID, scenario_entries, session_entries, session_folder
from agent.web.guard import Guard, GuardMiddleware
from agent.web.interviewer_api import CannotStart
from agent.web.live import MAX_TURN_CHARS, Interviews, LiveInterview
from agent.whiteboard.tablet.tablet_app import RateLimit
from recordings.annotations import add_note, parse_time
from recordings.format import RecordingError
from scenarios import ScenarioLibrary, UnknownScenarioError

STATIC = Path(__file__).parent / "static"
MAX_TEXT_BYTES = 16 * 1024
MAX_AUDIO_BYTES = 16 * 1024
"""A 20 ms frame of 16 kHz int16 is 640 bytes; the page sends 20-100 ms frames."""
TEXT_RATE, TEXT_BURST = 5.0, 20.0
AUDIO_RATE, AUDIO_BURST = 100.0, 200.0
MODES = ("text", "voice")
MAX_NOTE_CHARS = 1000
_NO_STORE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


@dataclass(frozen=True)
class WebConfig:
    home: Path
    library: ScenarioLibrary
    guard: Guard
    voice: Any = None
    """A `VoiceBackend` (Whisper + Piper) for voice mode, or None: text only."""


def create_app(config: WebConfig) -> Any:
    """The ASGI app (Starlette inside the Host/Origin/token guard)."""
    interviews = Interviews(config.home, config.library, config.voice)
    sessions_root = config.home / "sessions"

    async def start_page(request: Request) -> Response:
        return _page("start.html")

    async def interview_page(request: Request) -> Response:
        session_id = request.path_params["session_id"]
        if not SESSION_ID.match(session_id):
            return PlainTextResponse("no such session", status_code=404)
        return _page("interview.html")

    async def report_page(request: Request) -> Response:
        folder = session_folder(sessions_root, request.path_params["session_id"])
        if folder is None:
            return PlainTextResponse("no such recording", status_code=404)
        html = await asyncio.to_thread(_render_report, folder)
        return HTMLResponse(_with_note_form(html), headers=_NO_STORE)

    async def add_note_api(request: Request) -> Response:
        folder = session_folder(sessions_root, request.path_params["session_id"])
        if folder is None:
            return JSONResponse({"error": "no such recording"}, status_code=404)
        try:
            body = json.loads((await request.body())[:MAX_TEXT_BYTES] or b"{}")
            text = str(body.get("text") or "").strip()
            at = body.get("at")
            seconds = float(at) if isinstance(at, int | float) else parse_time(str(at))
        except (ValueError, AttributeError, TypeError) as error:
            return _bad(str(error) if "time" in str(error) else "send JSON: {at, text}")
        if not text:
            return _bad("a note needs some text")
        if len(text) > MAX_NOTE_CHARS:
            return _bad(f"a note is at most {MAX_NOTE_CHARS} characters")
        if not math.isfinite(seconds):
            return _bad("at must be a time in the session (MM:SS)")
        try:
            note = await asyncio.to_thread(add_note, folder, seconds, text)
        except RecordingError as error:
            return _bad(str(error))
        return JSONResponse({"t": note.t, "text": note.label})

    async def scenarios_api(request: Request) -> Response:
        return JSONResponse([e.to_dict() for e in scenario_entries(config.library)])

    async def info_api(request: Request) -> Response:
        return JSONResponse({"voice": config.voice is not None})

    async def sessions_api(request: Request) -> Response:
        entries = await asyncio.to_thread(session_entries, sessions_root)
        return JSONResponse(entries, headers=_NO_STORE)

    async def create_session(request: Request) -> Response:
        try:
            body = json.loads((await request.body())[:MAX_TEXT_BYTES] or b"{}")
            scenario = config.library.get(str(body.get("scenario", "")))
            minutes = float(body.get("minutes", 45))
            mode = str(body.get("mode", "text"))
        except (ValueError, AttributeError, TypeError):
            return _bad("send JSON: {scenario, minutes, mode}")
        except UnknownScenarioError as error:
            return _bad(str(error))
        if mode not in MODES:
            return _bad(f"mode must be one of {', '.join(MODES)}")
        if mode == "voice" and config.voice is None:
            return _bad("voice is not available on this server (no speech models); use text")
        if not math.isfinite(minutes):
            return _bad("minutes must be a number")
        try:
            live = await interviews.create(scenario, minutes, mode)
        except CannotStart as error:
            return _bad(str(error))
        return JSONResponse({"id": live.session_id, "url": f"/interview/{live.session_id}"})

    async def socket(ws: WebSocket) -> None:
        session_id = ws.path_params["session_id"]
        live = await _live(ws, session_id)
        if live is None:
            return
        await ws.accept()
        text_limit = RateLimit(TEXT_RATE, TEXT_BURST)
        audio_limit = RateLimit(AUDIO_RATE, AUDIO_BURST)
        warned = 0.0
        live.clients[ws] = None  # before the snapshot, so no event falls between the two
        try:
            await ws.send_text(json.dumps(live.snapshot()))
            await live.attach(ws)
            while True:
                raw = await ws.receive()
                if raw["type"] == "websocket.disconnect":
                    break
                audio = raw.get("bytes")
                limit = audio_limit if audio is not None else text_limit
                if not limit.allow():
                    now = time.monotonic()
                    if now - warned >= 1.0:  # one warning a second, not one per dropped message
                        warned = now
                        await _send_error(ws, "too many messages; dropped")
                    continue
                if audio is not None:
                    problem = _audio(live, audio) if ws is live.speaking_page else None
                else:
                    problem = await _message(live, raw.get("text") or "")
                if problem:
                    await _send_error(ws, problem)
        except WebSocketDisconnect:
            pass
        finally:
            await live.detach(ws)

    async def _live(ws: WebSocket, session_id: str) -> LiveInterview | None:
        if not SESSION_ID.match(session_id):
            await ws.close(code=1008, reason="no such session")
            return None
        try:
            return await interviews.get(session_id)
        except CannotStart as error:
            await ws.close(code=1008, reason=str(error)[:120])
            return None

    async def board_app(scope: Scope, receive: Receive, send: Send) -> None:
        """`/board/{id}/...`: that live session's tablet board app (its own token)."""
        session_id = scope.get("path_params", {}).get("session_id", "")
        live = interviews.live.get(session_id)
        if live is None or live.board_app is None:
            if scope["type"] == "websocket":
                await receive()
                await send({"type": "websocket.close", "code": 1008, "reason": "no such board"})
                return
            await PlainTextResponse("no such board", status_code=404)(scope, receive, send)
            return
        await live.board_app(scope, receive, send)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            await asyncio.to_thread(interviews.shutdown)

    app = Starlette(
        routes=[
            Route("/", start_page),
            Route("/interview/{session_id}", interview_page),
            Route("/report/{session_id}", report_page),
            Route("/api/scenarios", scenarios_api),
            Route("/api/info", info_api),
            Route("/api/sessions", sessions_api, methods=["GET"]),
            Route("/api/sessions", create_session, methods=["POST"]),
            Route("/api/sessions/{session_id}/notes", add_note_api, methods=["POST"]),
            WebSocketRoute("/ws/{session_id}", socket),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
            Mount("/board/{session_id}", board_app),
        ],
        lifespan=lifespan,
    )
    app.state.interviews = interviews
    return GuardMiddleware(app, config.guard)


async def _message(live: LiveInterview, text: str) -> str | None:
    """Handle one JSON message from the page; returns an error line or None."""
    size = len(text.encode("utf-8"))
    if size > MAX_TEXT_BYTES:
        return f"message too large: {size} bytes, limit {MAX_TEXT_BYTES}"
    try:
        message = json.loads(text)
    except (ValueError, RecursionError):
        return "malformed JSON"
    if not isinstance(message, dict):
        return "a message must be a JSON object with a 'type'"
    kind = message.get("type")
    if kind == "ping":
        return None
    if live.ended and kind in ("turn", "minute", "end"):
        return "the interview has ended; open the report"
    if kind == "turn":
        turn = message.get("text")
        if not isinstance(turn, str) or not turn.strip():
            return "a turn needs some text"
        if len(turn) > MAX_TURN_CHARS:
            return f"a turn is at most {MAX_TURN_CHARS} characters"
        await live.call(live.turn, turn.strip())
        return None
    if kind == "minute":
        await live.call(live.give_me_a_minute)
        return None
    if kind == "end":
        await live.call(live.end)
        return None
    if kind == "mute":
        if live.voice is not None:
            live.voice.mute(bool(message.get("muted")))
        return None
    return f"unknown message type {kind!r} (known: turn, minute, end, mute, ping)"


def _audio(live: LiveInterview, data: bytes) -> str | None:
    if len(data) > MAX_AUDIO_BYTES:
        return f"audio frame too large: {len(data)} bytes, limit {MAX_AUDIO_BYTES}"
    if live.voice is None or live.ended:
        return None  # a late frame after the end, or a text session: ignored
    if len(data) % 2:
        return "audio frames are 16-bit PCM: an even number of bytes"
    live.voice.feed(data)
    return None


def _render_report(folder: Path) -> str:
    from recordings.html_report import render_report
    from recordings.reader import load_recording

    return render_report(load_recording(folder))


NOTE_FORM = """
<style>
  body { padding-bottom: 64px; }
  .hotseat-notes { position: fixed; left: 0; right: 0; bottom: 0; display: flex; gap: 8px;
    align-items: center; padding: 10px 16px; background: #fff; border-top: 1px solid #ddd;
    font: 14px system-ui, sans-serif; }
  .hotseat-notes #note-text { flex: 1; }
</style>
<form id="note-form" class="hotseat-notes" autocomplete="off">
  <strong>Your note</strong>
  <input name="at" id="note-at" placeholder="03:12" size="6" aria-label="When (MM:SS)" required>
  <input name="text" id="note-text" placeholder="what to remember about this moment" aria-label="Note" required
    maxlength="1000">
  <button type="submit">Add note</button> <span id="note-status" role="status"></span>
</form>
<script src="/static/report-notes.js"></script>
"""
"""Served reports get a form for your own notes (the file on disk stays self-contained)."""


def _with_note_form(html: str) -> str:
    at = html.rfind("</body>")
    return html[:at] + NOTE_FORM + html[at:] if at >= 0 else html + NOTE_FORM


def _page(name: str) -> Response:
    return HTMLResponse((STATIC / name).read_text(encoding="utf-8"), headers=_NO_STORE)


def _bad(text: str) -> Response:
    return JSONResponse({"error": text}, status_code=400)


async def _send_error(ws: WebSocket, text: str) -> None:
    with contextlib.suppress(Exception):
        await ws.send_text(json.dumps({"type": "error", "message": text}))
