"""`hotseat interview`: run a mock interview, spoken (the default when a microphone exists) or
typed.

Text mode reads one candidate turn per line from stdin and works piped: it prints the opening,
one reply per turn, and the wrap-up at the end of input. Voice mode listens on the microphone and
speaks through the speakers until time is up or Ctrl-C, then gives the scores. Every turn is
checkpointed, so a killed session continues with `--resume SESSION`, and every session is
recorded in $HOTSEAT_HOME/sessions for `hotseat replay`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from agent.cli.home import writable_hotseat_home
from agent.cli.scenario_source import scenario_library, scenario_or_fail

CHECKPOINTS = "checkpoints.sqlite"


def _err(line: str) -> None:
    click.echo(line, err=True)


def _llm(base_url: str | None, model: str | None, key_env: str | None, timeout: float) -> Any:
    if not (base_url or model or key_env):
        return None
    if not model:
        raise click.ClickException("--llm-model is required with --llm-base-url/--llm-api-key-env")
    from agent.llm import LlmClient, LlmSettings

    settings = LlmSettings(model=model, base_url=base_url, api_key_env=key_env, timeout=timeout)
    return LlmClient(settings, log=_err)


def _check_minutes(minutes: float) -> None:
    from agent.interviewer.phases import PhasePlan

    try:
        PhasePlan(minutes)
    except ValueError as error:
        raise click.ClickException(str(error)) from None


class _BoardFile:
    """A board file re-read whenever it changes, so a text interview can follow a drawing."""

    def __init__(self, path: str | None) -> None:
        self.path = Path(path) if path else None
        self.stamp: tuple[int, int] | None = None

    def changed(self) -> Any:
        if self.path is None:
            return None
        from agent.whiteboard import BoardError
        from agent.whiteboard.importers import load_board

        try:
            stat = self.path.stat()
        except OSError:
            return None
        stamp = (stat.st_size, stat.st_mtime_ns)
        if stamp == self.stamp:
            return None
        self.stamp = stamp
        try:
            return load_board(self.path)
        except BoardError as error:
            _err(f"board: {error}; keeping the previous board")
            return None


@click.command()
@click.option(
    "--scenario", "scenario_id", metavar="ID", help="Scenario id (hotseat scenarios list)."
)
@click.option("--text", "text_mode", is_flag=True, help="Read turns from stdin, one per line.")
@click.option("--minutes", type=float, default=45.0, show_default=True, help="Time budget.")
@click.option("--resume", "resume_id", metavar="SESSION", help="Continue an interrupted session.")
@click.option(
    "--board",
    "board_path",
    metavar="FILE",
    help="A board file (Excalidraw, Mermaid, board JSON); re-read when it changes.",
)
@click.option("--llm-base-url", help="OpenAI-compatible endpoint (Ollama, llama.cpp, vLLM).")
@click.option("--llm-model", help="Model name; enables the optional LLM phrasing.")
@click.option("--llm-api-key-env", help="NAME of the environment variable holding the key.")
@click.option("--llm-timeout", type=float, default=2.5, show_default=True, help="Seconds.")
@click.option("--tablet", is_flag=True, help="Serve the live tablet board (URL + QR code).")
@click.option("--headphones", is_flag=True, help="Voice: no echo to cancel (easier barge-in).")
@click.option("--input-device", metavar="N|NAME", help="Voice: microphone (hotseat devices).")
@click.option("--output-device", metavar="N|NAME", help="Voice: speaker (hotseat devices).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object at the end.")
def interview(
    scenario_id: str | None,
    text_mode: bool,
    minutes: float,
    resume_id: str | None,
    board_path: str | None,
    llm_base_url: str | None,
    llm_model: str | None,
    llm_api_key_env: str | None,
    llm_timeout: float,
    tablet: bool,
    headphones: bool,
    input_device: str | None,
    output_device: str | None,
    as_json: bool,
) -> None:
    """Run a mock system design interview.

    Without --text, Hotseat listens on the microphone and answers aloud; with no microphone it
    falls back to text mode with one line on stderr. --tablet serves a drawing board for a
    tablet on your network; --board FILE follows a diagram file instead.
    """
    from scenarios import UnknownScenarioError

    if not scenario_id and not resume_id:
        raise click.ClickException(
            "give --scenario ID (see `hotseat scenarios list`) or --resume SESSION"
        )
    if text_mode and tablet:
        raise click.ClickException(
            "--tablet needs the spoken interview; with --text use --board FILE to follow a drawing"
        )
    home = writable_hotseat_home()
    if resume_id:
        from agent.cli.session_ref import resume_target

        resume_id = resume_target(resume_id)  # checked before anything is written
    library = scenario_library()
    scenario = None
    if not resume_id:
        scenario = scenario_or_fail(str(scenario_id), library)
        _check_minutes(minutes)
    llm = _llm(llm_base_url, llm_model, llm_api_key_env, llm_timeout)
    sound_card = None if text_mode else _sound_card(input_device, output_device)
    if sound_card is None and tablet:
        _err("the tablet board needs the spoken interview; continuing without it")
    # LangGraph takes seconds to import: only after the arguments are known to be good.
    from agent.interviewer import Interviewer, SessionNotFound, new_session_id
    from agent.voice_session import EventSink
    from recordings import Recorder
    from recordings.recorder import SessionBusy

    checkpoints = home / CHECKPOINTS
    session_id = resume_id or new_session_id()
    mode = "text" if sound_card is None else "voice"
    notice = _Notice()
    try:
        recorder = Recorder(
            home / "sessions",
            meta={"mode": mode},
            session_id=session_id,
            on_problem=notice,
            resume=bool(resume_id),
        )
    except SessionBusy as error:
        raise click.ClickException(str(error)) from None
    except OSError as error:
        raise click.ClickException(
            f"cannot record in {home / 'sessions'}: {error.strerror or error}"
        ) from None
    _checkpoint_notices(notice, recorder)
    sink = EventSink(recorder)
    try:
        if resume_id:
            iv = Interviewer.resume(
                resume_id, checkpoint_path=checkpoints, library=library, llm=llm, on_event=sink
            )
            if scenario_id and scenario_id != iv.scenario.id:
                _err(f"session {resume_id} is a {iv.scenario.id} interview; ignoring --scenario")
        else:
            assert scenario is not None
            iv = Interviewer(
                scenario,
                minutes=minutes,
                session_id=session_id,
                checkpoint_path=checkpoints,
                llm=llm,
                on_event=sink,
            )
    except (UnknownScenarioError, SessionNotFound, ValueError) as error:
        recorder.finish(reason="error")
        raise click.ClickException(str(error)) from None
    recorder.meta["scenario"] = iv.scenario.id
    with iv:
        _err(f"session {iv.session_id} (continue later with --resume {iv.session_id})")
        reason, scores = "interrupted", None
        try:
            if sound_card is None:
                board = _BoardFile(board_path)
                resumed = bool(resume_id)
                snapshot = recorder.snapshot_board  # the report draws the board per phase
                scores = _run(iv, board, resumed=resumed, as_json=as_json, snapshot=snapshot)
                reason = "completed"
            else:
                from agent.cli.voice_interview import run_voice_interview

                microphone, speaker = sound_card
                scores, reason = run_voice_interview(
                    iv, sink, microphone=microphone, speaker=speaker,
                    tablet=tablet, headphones=headphones, to_stderr=as_json,
                )  # fmt: skip
                if as_json:
                    payload = {"session": iv.session_id, "turns": iv.transcript}
                    click.echo(json.dumps({**payload, "scores": scores.to_dict()}))
        finally:
            path = recorder.finish(scores, reason=reason)
        _err(f"recorded in {path} (hotseat replay {path.name})")


class _Notice:
    """Says each problem once on stderr; the recorder and the checkpoints may both hit a full
    disk, and the candidate needs to hear about it once."""

    def __init__(self) -> None:
        self.said: set[str] = set()

    def __call__(self, line: str) -> None:
        kind = "disk full" if line.startswith("disk full") else line
        if kind not in self.said:
            self.said.add(kind)
            _err(line)


def _checkpoint_notices(notice: _Notice, recorder: Any) -> None:
    """Route the checkpoint store's one-line warnings through the same once-only notice; a full
    disk stops the recording too, so the candidate hears one "disk full" line."""
    import errno
    import logging

    class _Forward(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            line = record.getMessage()
            if line.startswith("disk full"):
                recorder.stop(OSError(errno.ENOSPC, "No space left on device"))
            else:
                notice(line)

    log = logging.getLogger("hotseat.checkpoints")
    log.handlers[:] = [_Forward(logging.WARNING)]
    log.propagate = False


def _stdin_lines() -> Any:
    """Turns from stdin, one per line, decoded here so no byte sequence can end the interview
    or lose a turn (undecodable bytes become U+FFFD)."""
    source = getattr(sys.stdin, "buffer", None)
    if source is None:
        yield from iter(sys.stdin.readline, "")
        return
    for raw in iter(source.readline, b""):
        yield raw.decode("utf-8", errors="replace")


def _sound_card(input_device: str | None, output_device: str | None) -> Any:
    """The microphone and speaker, or None (with one line) when there are none."""
    from voice.errors import VoiceDeviceError

    try:
        from agent.cli.voice_interview import open_sound_card

        return open_sound_card(input_device, output_device)
    except VoiceDeviceError as error:
        _err(f"{error}; reading turns from stdin (text mode)")
        return None


def _run(iv: Any, board: _BoardFile, *, resumed: bool, as_json: bool, snapshot: Any = None) -> Any:
    """The text interview; returns the scores."""
    say = (lambda _line: None) if as_json else click.echo
    if resumed:
        last = [t for t in iv.transcript if t["speaker"] == "interviewer"]
        _err(f"resuming in {iv.phase.replace('_', ' ')}")
        if last:
            say(last[-1]["text"])
    else:
        say(iv.opening())
    first = board.changed()
    if first is not None:
        iv.update_board(first)
        if snapshot is not None:
            snapshot(first, reason="board file", phase=iv.phase)
    try:
        for line in _stdin_lines():
            if iv.finished:
                break
            updated = board.changed()
            if updated is not None:
                iv.update_board(updated)
                if snapshot is not None:
                    snapshot(updated, reason="board file", phase=iv.phase)
            say(" ".join(iv.respond(line.rstrip("\r\n"))))
    except KeyboardInterrupt:
        _err(f"interrupted; continue with: hotseat interview --resume {iv.session_id}")
        raise SystemExit(130) from None
    scores = iv.wrap_up()
    if as_json:
        payload = {"session": iv.session_id, "turns": iv.transcript, "scores": scores.to_dict()}
        click.echo(json.dumps(payload, ensure_ascii=False))
        return scores
    closing = [t for t in iv.transcript if t["speaker"] == "interviewer"][-1]["text"]
    click.echo(closing)
    _print_scores(scores)
    return scores


def _print_scores(scores: Any) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from agent.interviewer.scorecard import TITLES

    console = Console(file=sys.stdout, soft_wrap=True)
    table = Table("dimension", "score", "evidence", title="Scores")
    for name, dim in scores.dimensions.items():
        evidence = "\n".join(escape(e.text) for e in dim.evidence[:3])
        table.add_row(TITLES.get(name, name), f"{dim.score}/10", evidence)
    console.print(table)
    if scores.components:
        comps = Table("component", "score", "feedback", title="Components")
        for row in scores.components:
            comps.add_row(
                escape(str(row.get("component"))),
                f"{row.get('score')}/10",
                escape(str(row.get("feedback", ""))),
            )
        console.print(comps)
    console.print("Practise next:")
    for item in scores.practise:
        console.print(f"  - {escape(item)}")
