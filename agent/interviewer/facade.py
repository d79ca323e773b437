"""The interviewer facade: what the CLI and the voice loop call.

    interviewer = Interviewer(scenario, minutes=45, checkpoint_path=home / "checkpoints.sqlite")
    print(interviewer.opening())
    for sentence in interviewer.respond("1 billion a day is about 12,000 a second"):
        speak(sentence)
    interviewer.update_board(board)          # from the tablet's on_change
    scores = interviewer.wrap_up()

Each call is one LangGraph run checkpointed under thread_id = session id, so a killed process
resumes with `Interviewer.resume(session_id, checkpoint_path=...)` exactly where it stopped.
`on_event` receives typed event dicts (candidate_turn, interviewer_turn, claim, estimate_finding,
board_findings, phase_change, followup, scores, error), each with "t" in interview seconds.
"""

from __future__ import annotations

import logging
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from agent.interviewer import events as E
from agent.interviewer.context import Deps
from agent.interviewer.graph import build_graph
from agent.interviewer.phases import PhasePlan
from agent.interviewer.reference_check import references
from agent.interviewer.scorecard import Scores
from agent.interviewer.state import CHECKPOINTED, InterviewState, as_plain, new_state
from agent.knowledge import load_knowledge
from agent.llm import LlmClient
from estimation import EstimationSession
from scenarios import Scenario, ScenarioLibrary, load_scenarios, scale_quantities

_LOG = logging.getLogger("hotseat.interviewer")
FALLBACK_REPLY = "Sorry, I lost my train of thought there. Please go on."


class SessionNotFound(KeyError):
    """No checkpointed interview has that session id."""

    def __str__(self) -> str:
        return str(self.args[0])


def new_session_id() -> str:
    """A sortable, readable id: 20261124-173012-4f2a."""
    return time.strftime("%Y%m%d-%H%M%S") + "-" + secrets.token_hex(2)


CHECKPOINTED_TYPES = tuple((kind.__module__, kind.__qualname__) for kind in CHECKPOINTED)
"""The typed values in the state; the checkpoint serializer restores exactly these."""


def serializer() -> Any:
    from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer

    return JsonPlusSerializer(allowed_msgpack_modules=list(CHECKPOINTED_TYPES))


def open_checkpointer(path: Path | str | None) -> tuple[Any, sqlite3.Connection | None]:
    """The SQLite checkpointer at `path`, or an in-memory one when `path` is None."""
    if path is None:
        from langgraph.checkpoint.memory import InMemorySaver

        return InMemorySaver(serde=serializer()), None
    from agent.checkpoints import open_checkpoints  # prunes old checkpoints, survives disk full

    return open_checkpoints(path, serde=serializer())


class Interviewer:
    """One interview session. Thread-safe: the tablet may push boards while a turn runs."""

    def __init__(
        self,
        scenario: Scenario,
        *,
        minutes: float = 45,
        session_id: str | None = None,
        checkpoint_path: Path | str | None = None,
        llm: LlmClient | None = None,
        clock: Callable[[], float] = time.monotonic,
        on_event: Callable[[dict[str, Any]], None] | None = None,
        seed: str | None = None,
        _resume: bool = False,
    ) -> None:
        PhasePlan(float(minutes))  # validates the budget before anything is stored
        self.scenario = scenario
        self.session_id = session_id or new_session_id()
        self.errors = 0
        self._clock = clock
        self._on_event = on_event
        self._lock = threading.RLock()
        self._saver, self._conn = open_checkpointer(checkpoint_path)
        self._graph = build_graph(self._saver)
        self._config = {"configurable": {"thread_id": self.session_id}}
        self._deps = Deps(
            scenario=scenario,
            estimator=EstimationSession(),
            references=references(scenario),
            scale=_scale(scenario),
            llm=llm,
        )
        load_knowledge()  # parse and validate once now, not inside the first timed turn
        values = self._values()
        if _resume:
            if not values:
                self.close()
                raise SessionNotFound(f"no interview session {self.session_id!r} to resume")
            self._rebuild(values)
        else:
            if values:
                self.close()
                raise ValueError(f"session {self.session_id!r} exists; resume it instead")
            start = new_state(self.session_id, scenario.id, float(minutes), seed or self.session_id)
            self._graph.invoke(
                {**start, "event": "init"}, self._config, context=self._deps, durability="exit"
            )
            values = self._values()
        self._base = float(values.get("elapsed", 0.0))
        self._t0 = clock()

    # -- lifecycle -----------------------------------------------------------------------------
    @classmethod
    def resume(
        cls,
        session_id: str,
        *,
        checkpoint_path: Path | str | None,
        scenario: Scenario | None = None,
        library: ScenarioLibrary | None = None,
        llm: LlmClient | None = None,
        clock: Callable[[], float] = time.monotonic,
        on_event: Callable[[dict[str, Any]], None] | None = None,
    ) -> Interviewer:
        """Reopen a checkpointed session; the scenario comes from its stored id unless given."""
        if scenario is None:
            saver, conn = open_checkpointer(checkpoint_path)
            try:
                graph = build_graph(saver)
                snapshot = graph.get_state({"configurable": {"thread_id": session_id}})
                scenario_id = (snapshot.values or {}).get("scenario_id")
            finally:
                if conn is not None:
                    conn.close()
            if not scenario_id:
                raise SessionNotFound(f"no interview session {session_id!r} to resume")
            scenario = (library or load_scenarios()).get(scenario_id)
        return cls(
            scenario,
            session_id=session_id,
            checkpoint_path=checkpoint_path,
            llm=llm,
            clock=clock,
            on_event=on_event,
            _resume=True,
        )

    def _rebuild(self, values: dict[str, Any]) -> None:
        """Replay the candidate's turns into a fresh estimation session (the board is read from
        its snapshot in the state)."""
        for turn in values.get("turns", []):
            if turn.by_candidate and turn.text:
                self._deps.estimator.add(turn.text)

    def close(self) -> None:
        """Release the checkpoint database."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Interviewer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the calls -----------------------------------------------------------------------------
    def now(self) -> float:
        """Interview seconds used (time before an interruption counts, the gap does not)."""
        return self._base + (self._clock() - self._t0)

    def opening(self) -> str:
        """The interviewer's first words (the same text if called again)."""
        return " ".join(self._call({"event": "open"}).get("reply", []))

    def respond(self, utterance: str) -> Iterator[str]:
        """Take one candidate turn; the reply as sentences, so speech can start on the first."""
        result = self._call({"event": "turn", "utterance": utterance})
        return iter(list(result.get("reply") or [FALLBACK_REPLY]))

    def update_board(self, board: Any) -> None:
        """A new board snapshot (an `agent.whiteboard.Board` or its dict) from the tablet."""
        snapshot = board if isinstance(board, dict) else board.to_dict()
        self._call({"event": "board", "board_in": snapshot})

    def wrap_up(self) -> Scores:
        """Score the interview (once; calling again returns the same scores)."""
        result = self._call({"event": "wrap_up"})
        scores = result.get("scores")
        return scores if isinstance(scores, Scores) else Scores({})

    # -- what it knows ------------------------------------------------------------------------
    @property
    def state(self) -> dict[str, Any]:
        """The checkpointed state as plain data (typed values through their `to_dict`)."""
        return as_plain(self._values())

    @property
    def typed_state(self) -> InterviewState:
        """The checkpointed state as the graph keeps it (typed values)."""
        return InterviewState(**self._values())

    @property
    def transcript(self) -> list[dict[str, Any]]:
        """[{"speaker", "text", "t"}] in order."""
        out = []
        for t in self._values().get("turns", []):
            turn = {"speaker": t.speaker, "text": t.text, "t": round(float(t.t), 3)}
            if t.move is not None:
                turn["move"] = t.move.to_dict()
            if t.reading is not None:
                turn["reading"] = t.reading.to_dict()
            out.append(turn)
        return out

    @property
    def phase(self) -> str:
        return self._values().get("phase", "requirements")

    @property
    def finished(self) -> bool:
        """The clock ran out or the interview was scored."""
        values = self._values()
        counters = values.get("counters")
        if values.get("scores") or (counters is not None and counters.time_up):
            return True
        dialogue = values.get("dialogue")
        return bool(dialogue is not None and dialogue.wrap_requested)

    # -- internals ------------------------------------------------------------------------------
    def _values(self) -> dict[str, Any]:
        return dict(self._graph.get_state(self._config).values or {})

    def _call(self, payload: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            before = self._values()
            payload = {**payload, "now": self.now()}
            try:
                result = self._graph.invoke(
                    payload, self._config, context=self._deps, durability="exit"
                )
            except Exception as error:  # a bug must not end the interview; it is reported
                self.errors += 1
                _LOG.exception("interviewer failed on %s", payload.get("event"))
                self._emit(E.ErrorEvent(f"{type(error).__name__}: {error}"))
                return {"reply": [FALLBACK_REPLY]}
            self._events(before, result, payload)
            return result

    def _emit(self, event: Any) -> None:
        if self._on_event is None:
            return
        event = E.to_dict(event)
        event.setdefault("t", round(self.now(), 3))
        try:
            self._on_event(event)
        except Exception:  # a broken recorder must not stop the interview
            _LOG.exception("on_event callback failed")

    def _events(self, before: dict[str, Any], after: dict[str, Any], payload: dict) -> None:
        if self._on_event is None:
            return
        t = round(payload["now"], 3)

        def new(name: str) -> list[Any]:
            return list(after.get(name, []))[len(before.get(name, [])) :]

        for turn in new("turns"):
            phase = turn.phase or None
            if turn.by_candidate:
                reading = turn.reading.to_dict() if turn.reading is not None else None
                self._emit(E.CandidateTurn(turn.text, turn.kind or None, phase, t, reading))
            else:
                sentences = list(after.get("reply", []))
                move = turn.move.to_dict() if turn.move is not None else None
                self._emit(E.InterviewerTurn(turn.text, sentences, phase, t, move))
            if turn.by_candidate:
                for claim in new("claims"):
                    self._emit(E.Record("claim", claim.to_dict(), t))
                for finding in new("estimate_findings"):
                    self._emit(E.Record("estimate_finding", finding.to_dict(), t))
                if after.get("phase") != before.get("phase"):
                    note = after.get("phase_note")
                    reason = note.reason if note is not None else ""
                    self._emit(E.PhaseChange(before.get("phase"), after.get("phase"), reason, t))
                for asked in new("asked"):
                    self._emit(E.Record("followup", asked.to_dict(), t))
        if payload["event"] == "board":
            revision = (after.get("board") or {}).get("revision")
            findings = [f.to_dict() for f in after.get("board_findings", [])]
            self._emit(E.BoardFindings(revision, findings, t))
        if payload["event"] == "wrap_up" and after.get("scores") and not before.get("scores"):
            self._emit(E.ScoresEvent(after["scores"].to_dict(), t))


def _scale(scenario: Scenario) -> list[tuple[str, Any]]:
    try:
        return list(scale_quantities(scenario).items())
    except ValueError:
        return []
