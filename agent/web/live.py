"""One running interview behind the page: the interviewer, its recording, its board and the
pages connected to it.

Interviewer calls run one at a time on the session's own worker thread (a turn never blocks the
server's event loop, and a board change never overtakes the turn before it). Every event goes to
the recording first, then to the transcript view, then to every connected page, so a reloaded
or second tab gets the same state from `snapshot()`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from agent.web.catalog import interview_folders
from agent.web.interviewer_api import (
    GIVE_ME_A_MINUTE,
    CannotStart,
    InterviewHandle,
    TurnSaid,
    fresh_session_id,
    read_event,
    score_summary,
)
from agent.web.transcript import TranscriptView
from agent.whiteboard.tablet.board_session import BoardSession
from agent.whiteboard.tablet.tablet_app import Hub, create_app
from recordings import Recorder
from recordings.reader import RecordingError, load_recording
from recordings.recorder import SessionBusy
from scenarios import Scenario, ScenarioLibrary

_LOG = logging.getLogger("hotseat.web")
CHECKPOINTS = "checkpoints.sqlite"
MAX_TURN_CHARS = 2000
T = TypeVar("T")


class LiveInterview:
    """Create with `start` or `resume`; the app keeps one per session id."""

    def __init__(self, home: Path, mode: str, loop: asyncio.AbstractEventLoop) -> None:
        self.home = home
        self.mode = mode
        self.loop = loop
        self.clients: dict[Any, None] = {}
        """Connected pages, oldest first."""
        self.speaking_page: Any = None
        """In a spoken interview, the page that is the microphone and the speaker: the one
        connected last (two tabs both capturing and playing would echo and garble the turn)."""
        self.view = TranscriptView(label_of=self._label_of)
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="interview")
        self.handle: InterviewHandle | None = None
        self.recorder: Recorder | None = None
        self.board: BoardSession | None = None
        self.board_hub: Hub | None = None
        self.board_token = secrets.token_urlsafe(16)
        self.board_app: Any = None
        self.busy = False
        self.ended = False
        self.scores: dict[str, float] = {}
        self.report_id: str | None = None
        """The recording folder whose report the page links to."""
        self.voice: Any = None
        self._end_lock = threading.Lock()

    # ---- creation ---------------------------------------------------------------------------
    @classmethod
    def start(
        cls,
        scenario: Scenario,
        *,
        minutes: float,
        mode: str,
        home: Path,
        loop: asyncio.AbstractEventLoop,
        voice: Any = None,
    ) -> LiveInterview:
        """A new interview (CannotStart with one line if the budget is bad); not yet opened.
        `voice` (a `VoiceBackend`) makes it a spoken one."""
        live = cls(home, mode, loop)
        session_id = fresh_session_id()
        live.recorder = Recorder(
            home / "sessions",
            meta={"mode": mode, "scenario": scenario.id, "via": "web", "interview": session_id},
            session_id=session_id,
        )
        live.report_id = live.recorder.session_id
        try:
            live.handle = InterviewHandle.start(
                scenario,
                minutes=minutes,
                checkpoints=home / CHECKPOINTS,
                on_event=live.on_event,
                session_id=session_id,
            )
        except CannotStart:
            live.recorder.finish(reason="error")
            raise
        live._attach_board(scenario)
        live._attach_voice(voice)
        return live

    @classmethod
    def resume(
        cls,
        session_id: str,
        *,
        home: Path,
        library: ScenarioLibrary,
        loop: asyncio.AbstractEventLoop,
        voice: Any = None,
    ) -> LiveInterview:
        """An interview from its checkpoint after the server restarted (CannotStart if none).

        The earlier recording's events rebuild the transcript; the rest of the interview is
        appended to the same recording, as `hotseat interview --resume` does."""
        live = cls(home, "text", loop)
        earlier = interview_folders(home / "sessions", session_id)
        drawn, scored = None, None
        for folder in earlier:
            with contextlib.suppress(RecordingError):
                recording = load_recording(folder)
                live.mode = str(recording.meta.get("mode") or live.mode)
                scored = recording.scores or scored
                for event in recording.events:
                    live._show(event.to_dict())
                if recording.boards:
                    drawn = recording.boards[-1].load() or drawn
        live.handle = InterviewHandle.resume(
            session_id, checkpoints=home / CHECKPOINTS, library=library, on_event=live.on_event
        )
        if not live.view.items:
            for said in live.handle.transcript():
                live._show_view(said)
        live.view.phase = live.handle.phase
        if live.handle.finished:  # over and scored: show it, record nothing new
            live.ended = True
            live.report_id = earlier[-1].name if earlier else None
            live.scores = score_summary(scored) if scored else {}
        else:
            try:
                live.recorder = Recorder(
                    home / "sessions",
                    meta={
                        "mode": live.mode,
                        "scenario": live.handle.scenario.id,
                        "via": "web",
                        "interview": session_id,
                    },
                    session_id=session_id,
                    resume=True,
                )
            except SessionBusy as error:
                live.handle.close()
                raise CannotStart(str(error)) from None
            live.report_id = live.recorder.session_id
        live._attach_board(live.handle.scenario, drawn)
        live._attach_voice(voice)
        return live

    def _attach_voice(self, backend: Any) -> None:
        if self.mode != "voice":
            return
        if backend is None:  # resumed on a server without speech models
            self.mode = "text"
            return
        from agent.web.voice import BrowserVoice

        self.voice = BrowserVoice(self, backend)

    def _attach_board(self, scenario: Scenario, drawn: dict[str, Any] | None = None) -> None:
        board = None
        if drawn:
            from agent.whiteboard import Board, BoardError

            with contextlib.suppress(BoardError, ValueError, KeyError, TypeError):
                board = Board.from_dict(drawn)
        self.board = BoardSession(board, scenario=scenario)
        self.board.listener = self._board_changed
        self.board_hub = Hub(self.board)
        self.board_hub.loop = self.loop
        self.board_app = create_app(self.board, self.board_token, self.board_hub)

    @property
    def session_id(self) -> str:
        assert self.handle is not None
        return self.handle.session_id

    # ---- events from the interviewer (worker thread) ----------------------------------------
    def on_event(self, event: dict[str, Any]) -> None:
        if self.recorder is not None:
            self.recorder.record(event)
        self._show(event)

    def _show(self, event: dict[str, Any]) -> None:
        change = read_event(event)
        if change is not None:
            self._show_view(change)

    def _show_view(self, change: Any) -> None:
        for message in self.view.apply(change):
            self.push(message)
            item = message.get("item")
            if (
                isinstance(change, TurnSaid)
                and item
                and item["component_ids"]
                and self.board is not None
                and self.board_hub is not None
            ):
                self.board_hub.push(self.board.set_question(item["text"], item["component_ids"]))

    def _label_of(self, component_id: str) -> str:
        if self.board is None:
            return component_id
        component = self.board.board().components.get(component_id)
        return (component.label or component_id) if component is not None else component_id

    def _board_changed(self, board: Any, findings: Any) -> None:
        """Called by the board (under its lock): hand the change to the worker, in order."""
        with contextlib.suppress(RuntimeError):  # worker shut down: the interview is over
            self.worker.submit(self._update_board, board)

    def _update_board(self, board: Any) -> None:
        if self.ended or self.handle is None:
            return
        self.handle.update_board(board)
        if self.recorder is not None:
            self.recorder.snapshot_board(board, reason="board", phase=self.handle.phase)

    # ---- the page's calls -------------------------------------------------------------------
    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        return await self.loop.run_in_executor(self.worker, fn, *args)

    def open(self) -> None:
        """The interviewer's first words (once); a spoken interview says them when the first
        page connects, so that nobody misses them."""
        assert self.handle is not None
        if self.voice is None and not self.view.items:
            self.handle.opening()
        self.push(self.status())

    async def attach(self, ws: Any) -> None:
        """A page connected (its snapshot already sent): a spoken interview starts listening
        and talking, with this page as its microphone and speaker."""
        self.clients[ws] = None
        if self.voice is not None:
            await self._hand_microphone(ws)
            if not self.ended:
                self.voice.start()

    async def detach(self, ws: Any) -> None:
        """A page went away; the microphone passes to the page connected last, if any."""
        self.clients.pop(ws, None)
        if self.voice is not None and self.speaking_page is ws:
            await self._hand_microphone(next(reversed(self.clients), None))

    async def _hand_microphone(self, ws: Any) -> None:
        self.speaking_page = ws
        if self.voice is not None:
            self.voice.microphone.new_page()
        for page in list(self.clients):
            message = {"type": "voice", "event": "microphone", "here": page is ws}
            with contextlib.suppress(Exception):  # a page going away; its handler cleans up
                await page.send_text(json.dumps(message))

    def turn(self, text: str) -> None:
        """One typed (or transcribed) candidate turn; ends the interview when time is up."""
        assert self.handle is not None
        if self.ended:
            return
        self._set_busy(True)
        try:
            reply = self.handle.respond(text)
        finally:
            self._set_busy(False)
        if self.voice is not None and self.voice.listening:
            self.voice.say(" ".join(reply))  # typed or a button in a spoken interview: said too
        if self.handle.finished:
            self.end()

    def give_me_a_minute(self) -> None:
        """A typed interview hands the request to the interviewer as a turn; a spoken one
        holds the voice loop in its thinking wait, exactly as if the candidate had said it."""
        if self.voice is not None and not self.ended:
            self.voice.ask_for_time(GIVE_ME_A_MINUTE)
            return
        self.turn(GIVE_ME_A_MINUTE)

    def end(self, reason: str = "completed") -> None:
        """Score, close the recording, and tell every page where the report is."""
        with self._end_lock:
            if self.ended:
                return
            assert self.handle is not None and self.recorder is not None
            if self.voice is not None:
                self.voice.stop()
            self._set_busy(True)
            scores = self.handle.wrap_up()
            self.scores = score_summary(scores)
            self.recorder.finish(scores, reason=reason)
            self.ended = True
            self.busy = False
        self.push(self.status())

    def shutdown(self) -> None:
        """The server is stopping: leave a resumable session and a replayable recording."""
        if self.voice is not None:
            self.voice.stop()
            self.voice.join()
        if not self.ended and self.recorder is not None:
            self.recorder.finish(reason="interrupted")
        self.worker.shutdown(wait=True, cancel_futures=True)
        if self.handle is not None:
            self.handle.close()

    # ---- what the page sees -----------------------------------------------------------------
    def status(self) -> dict[str, Any]:
        assert self.handle is not None
        return {
            "type": "status",
            "phase": self.view.phase,
            "elapsed": round(self.handle.elapsed(), 1),
            "total": self.handle.budget_seconds(),
            "busy": self.busy,
            "ended": self.ended,
            "scores": self.scores,
            "report": f"/report/{self.report_id}" if self.report_id else None,
        }

    def snapshot(self) -> dict[str, Any]:
        assert self.handle is not None
        scenario = self.handle.scenario
        return {
            "type": "state",
            "session": self.session_id,
            "mode": self.mode,
            "scenario": {"id": scenario.id, "title": scenario.title},
            "items": self.view.to_list(),
            "board_url": f"/board/{self.session_id}/?token={self.board_token}",
            "listening": bool(self.voice is not None and self.voice.listening),
            **{k: v for k, v in self.status().items() if k != "type"},
        }

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.push({"type": "busy", "busy": busy})

    def push(self, message: dict[str, Any]) -> None:
        """Send to every connected page, from any thread."""
        if self.loop.is_closed():
            return
        text = json.dumps(message)
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is self.loop:
            self.loop.create_task(self._broadcast(text))
        else:
            with contextlib.suppress(RuntimeError):
                asyncio.run_coroutine_threadsafe(self._broadcast(text), self.loop)

    def push_bytes(self, data: bytes) -> None:
        with contextlib.suppress(RuntimeError):
            asyncio.run_coroutine_threadsafe(self._broadcast_bytes(data), self.loop)

    async def _broadcast(self, text: str) -> None:
        for ws in list(self.clients):
            with contextlib.suppress(Exception):  # a page that went away mid-send: its handler
                await ws.send_text(text)  # cleans up

    async def _broadcast_bytes(self, data: bytes) -> None:
        """The interviewer's audio goes to the speaking page only."""
        ws = self.speaking_page
        if ws is not None:
            with contextlib.suppress(Exception):
                await ws.send_bytes(data)


class Interviews:
    """The live interviews of this server, by session id."""

    def __init__(self, home: Path, library: ScenarioLibrary, voice: Any = None) -> None:
        self.home = home
        self.library = library
        self.voice = voice
        self.live: dict[str, LiveInterview] = {}
        self._lock = asyncio.Lock()

    async def create(self, scenario: Scenario, minutes: float, mode: str) -> LiveInterview:
        """A new interview; CannotStart (one line) for a second spoken one, because the
        server has one Whisper and one Piper and one candidate at the desk."""
        speaking = [
            live.session_id
            for live in self.live.values()
            if live.voice is not None and not live.ended
        ]
        if mode == "voice" and speaking:
            raise CannotStart(
                f"a spoken interview is already running ({speaking[0]}); end it first or type"
            )
        loop = asyncio.get_running_loop()
        live = await asyncio.to_thread(
            LiveInterview.start,
            scenario,
            minutes=minutes,
            mode=mode,
            home=self.home,
            loop=loop,
            voice=self.voice,
        )
        self.live[live.session_id] = live
        await live.call(live.open)
        return live

    async def get(self, session_id: str) -> LiveInterview:
        """The live interview, resumed from its checkpoint if the server restarted since."""
        async with self._lock:
            live = self.live.get(session_id)
            if live is not None:
                return live
            loop = asyncio.get_running_loop()
            live = await asyncio.to_thread(
                LiveInterview.resume,
                session_id,
                home=self.home,
                library=self.library,
                loop=loop,
                voice=self.voice,
            )
            self.live[session_id] = live
            return live

    def shutdown(self) -> None:
        for live in list(self.live.values()):
            try:
                live.shutdown()
            except Exception:  # one broken session must not keep the others from closing
                _LOG.exception("closing a session failed")
        self.live.clear()
