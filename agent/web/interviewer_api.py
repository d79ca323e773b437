"""The web app's only door to the interviewer.

Everything `agent/web` needs from the interviewer goes through `InterviewHandle` and
`read_event`, so when the interviewer's package or event names move, this file is the one to
change. It uses only the top-level session API: start or resume a session, `opening`,
`respond`, `update_board`, `wrap_up`, the transcript, the phase and the clock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from agent.interviewer import Interviewer, SessionNotFound, new_session_id
from scenarios import Scenario, ScenarioLibrary, UnknownScenarioError

EventCallback = Callable[[dict[str, Any]], None]
GIVE_ME_A_MINUTE = "Give me a minute to think this through."
"""What the "give me a minute" button says for the candidate: the interviewer reads it as a
request for time, exactly as if it had been typed or spoken."""


def fresh_session_id() -> str:
    """A new, sortable session id (the interviewer's own scheme)."""
    return new_session_id()


class CannotStart(ValueError):
    """One clear line: unknown scenario, bad budget, no such session."""


@dataclass(frozen=True)
class TurnSaid:
    """A turn in the conversation."""

    speaker: str
    text: str
    t: float


@dataclass(frozen=True)
class ClaimVerdict:
    """The calculator's verdict on one number the candidate said."""

    quote: str
    stated: str
    verdict: str
    explanation: str


@dataclass(frozen=True)
class About:
    """The components the interviewer's next question is about."""

    component_ids: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class PhaseChanged:
    phase: str


ViewEvent = TurnSaid | ClaimVerdict | About | PhaseChanged


def read_event(event: dict[str, Any]) -> ViewEvent | None:
    """What one interviewer event means for the page (None: nothing to show)."""
    kind = event.get("type")
    if kind in ("candidate_turn", "interviewer_turn"):
        speaker = "candidate" if kind == "candidate_turn" else "interviewer"
        return TurnSaid(speaker, str(event.get("text", "")), float(event.get("t", 0.0) or 0.0))
    if kind == "claim" and event.get("verdict"):
        stated = event.get("stated") or {}
        return ClaimVerdict(
            quote=str(event.get("text", "")),
            stated=_quantity(stated),
            verdict=str(event["verdict"]),
            explanation=str(event.get("explanation", "")),
        )
    if kind == "followup":
        return About(tuple(str(c) for c in event.get("components") or ()))
    if kind == "phase_change" and event.get("to"):
        return PhaseChanged(str(event["to"]))
    return None


def _quantity(stated: Any) -> str:
    if not isinstance(stated, dict) or stated.get("value") is None:
        return ""
    value = float(stated["value"])
    number = f"{value:,.0f}" if value.is_integer() or abs(value) >= 100 else f"{value:,.3g}"
    unit = str(stated.get("unit") or "").strip()
    return f"{number} {unit}".strip()


class InterviewHandle:
    """One interview session, started or resumed, with the calls the page makes."""

    def __init__(self, interviewer: Interviewer) -> None:
        self._iv = interviewer

    @classmethod
    def start(
        cls,
        scenario: Scenario,
        *,
        minutes: float,
        checkpoints: Path,
        on_event: EventCallback,
        session_id: str | None = None,
    ) -> InterviewHandle:
        try:
            interviewer = Interviewer(
                scenario,
                minutes=minutes,
                session_id=session_id or new_session_id(),
                checkpoint_path=checkpoints,
                on_event=on_event,
            )
        except ValueError as error:
            raise CannotStart(str(error)) from None
        return cls(interviewer)

    @classmethod
    def resume(
        cls,
        session_id: str,
        *,
        checkpoints: Path,
        library: ScenarioLibrary,
        on_event: EventCallback,
    ) -> InterviewHandle:
        try:
            interviewer = Interviewer.resume(
                session_id, checkpoint_path=checkpoints, library=library, on_event=on_event
            )
        except (SessionNotFound, UnknownScenarioError, ValueError) as error:
            raise CannotStart(str(error)) from None
        return cls(interviewer)

    @property
    def session_id(self) -> str:
        return self._iv.session_id

    @property
    def scenario(self) -> Scenario:
        return self._iv.scenario

    @property
    def interviewer(self) -> Interviewer:
        """For the voice loop, which takes the interviewer itself as its responder."""
        return self._iv

    def opening(self) -> str:
        return self._iv.opening()

    def respond(self, text: str) -> list[str]:
        return list(self._iv.respond(text))

    def update_board(self, board: Any) -> None:
        self._iv.update_board(board)

    def wrap_up(self) -> Any:
        """The scores object (has `to_dict()`)."""
        return self._iv.wrap_up()

    def transcript(self) -> list[TurnSaid]:
        return [TurnSaid(t["speaker"], t["text"], float(t["t"])) for t in self._iv.transcript]

    @property
    def phase(self) -> str:
        return self._iv.phase

    @property
    def finished(self) -> bool:
        return self._iv.finished

    def elapsed(self) -> float:
        return self._iv.now()

    def budget_seconds(self) -> float:
        return float(self._iv.state.get("minutes", 45.0)) * 60.0

    def close(self) -> None:
        self._iv.close()


def voice_session(
    handle: InterviewHandle,
    *,
    recorder: Any,
    display: Callable[[dict[str, Any]], None],
    microphone: Any,
    speaker: Any,
    transcriber: Any,
    synthesizer: Any,
) -> Any:
    """The terminal's spoken-interview wiring (endpointer, turn policy, barge-in, recording of
    both voices) around this interview, with the browser as microphone and speaker.

    Returns an object with `run()` (speaks the opening, then takes turns until `stop()`),
    `stop()` and `loop.audio_origin` (monotonic time of the first microphone sample)."""
    from agent.voice_session import EventSink, VoiceSession

    return VoiceSession(
        handle.interviewer,
        EventSink(recorder, display),
        microphone=microphone,
        speaker=speaker,
        transcriber=transcriber,
        synthesizer=synthesizer,
        vocabulary=handle.scenario.vocabulary,
    )


def score_summary(scores: Any) -> dict[str, float]:
    """{dimension: score} from a wrap-up (object with `to_dict()` or its dict)."""
    from recordings.scores import read_scores

    data = scores.to_dict() if hasattr(scores, "to_dict") else scores
    return {d.name: d.score for d in read_scores(data).dimensions}


__all__ = [
    "GIVE_ME_A_MINUTE",
    "About",
    "CannotStart",
    "ClaimVerdict",
    "InterviewHandle",
    "PhaseChanged",
    "TurnSaid",
    "ViewEvent",
    "fresh_session_id",
    "read_event",
    "score_summary",
    "voice_session",
]
