"""Recordings: written with the real Recorder, read back, killed mid-write, refused when bad."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import wave
from pathlib import Path

import pytest
from click.testing import CliRunner

from agent.cli.main import cli
from recordings import (
    FORMAT_VERSION,
    Recorder,
    RecordingError,
    add_note,
    build_replay,
    format_time,
    load_recording,
    parse_time,
    resolve_session,
)
from recordings.wav import read_track
from tests.session_factory import SCORES, write_session
from voice.wav_io import WavReader

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def sessions(hotseat_home: Path) -> Path:
    root = hotseat_home / "sessions"
    root.mkdir(parents=True)
    return root


def test_written_session_replays_with_the_same_annotations(sessions):
    path, expected = write_session(sessions)
    replay = build_replay(load_recording(path))
    assert [(a.t, a.kind) for a in replay.annotations] == expected
    assert not replay.recording.cut_short and replay.recording.end_reason == "completed"
    assert replay.recording.scores == SCORES
    incorrect = [a for a in replay.annotations if a.severity == "bad" and a.kind == "estimate"]
    assert "5x your 12,000 average" in incorrect[0].detail
    spof = next(a for a in replay.annotations if a.label.startswith("SPOF"))
    assert spof.components == ("c2",)
    assert [p for _, p in replay.phases] == ["Requirements", "Estimation", "High level design"]


def test_transcript_places_turns_at_speech_start_and_marks_cut_off_replies(sessions):
    path, _ = write_session(sessions)
    lines = build_replay(load_recording(path)).transcript
    speakers = [(round(line.t, 1), line.speaker) for line in lines]
    assert speakers == [
        (0.5, "interviewer"),
        (3.0, "candidate"),
        (5.5, "interviewer"),
        (9.0, "candidate"),
        (12.6, "interviewer"),
        (23.5, "interviewer"),
    ]
    assert lines[-2].interrupted and lines[-2].heard == "You said 3x for peak"
    assert lines[-1].text == "That's it for today."


def test_audio_tracks_line_up_with_session_time(sessions):
    path, _ = write_session(sessions)
    rec = load_recording(path)
    candidate, rate = read_track(rec.tracks["candidate"])
    assert rate == 16_000
    # silence before the first answer at 3.0 s, the tone after it
    assert abs(candidate[: int(2.9 * rate)]).max() == 0
    assert abs(candidate[int(3.1 * rate) : int(4.9 * rate)]).max() > 0.1
    interviewer, irate = read_track(rec.tracks["interviewer"])
    assert irate == 22_050
    # the probe started at 12.6 s and was cut by barge-in at 14.2 s: nothing after the cut...
    cut = int(14.2 * irate)
    assert abs(interviewer[int(12.7 * irate) : cut - 100]).max() > 0.1
    assert abs(interviewer[cut + 100 :]).max() == 0
    # ...and the track was padded to the session's end
    assert abs(len(interviewer) / irate - 24.0) < 0.05
    with wave.open(str(rec.tracks["candidate"])) as wav:  # a standard player opens it
        assert wav.getframerate() == 16_000 and wav.getnframes() == len(candidate)


def test_user_notes_join_the_annotations(sessions):
    path, expected = write_session(sessions)
    add_note(path, parse_time("00:20"), "  I rushed the   estimate ")
    notes = [a for a in build_replay(load_recording(path)).annotations if a.source == "user"]
    assert [(n.t, n.kind, n.label) for n in notes] == [(20.0, "note", "I rushed the estimate")]
    with pytest.raises(RecordingError, match="outside the session"):
        add_note(path, 999.0, "too late")
    with pytest.raises(RecordingError, match="empty"):
        add_note(path, 1.0, "   ")


def test_time_parsing_and_formatting():
    assert parse_time("03:12") == 192.0
    assert parse_time("1:02:03") == 3723.0
    assert parse_time("75.5s") == 75.5
    assert format_time(192.9) == "03:12"
    assert format_time(3723) == "1:02:03"
    for bad in ("3m", "03:75", "", "ab:cd"):
        with pytest.raises(ValueError, match="cannot read time"):
            parse_time(bad)


def test_bad_events_are_recorded_as_errors_not_raised(sessions):
    rec = Recorder(sessions, meta={"scenario": "x"})
    rec.record(object())  # neither a dict nor an event
    rec.record({"type": "probe", "text": "ok", "value": float("nan"), "t": 5})
    rec.record({"no_type": True})
    rec.finish()
    events = load_recording(rec.path).events
    assert [e.type for e in events] == [
        "session_start",
        "recorder_error",
        "probe",
        "event",
        "session_end",
    ]
    assert events[2].get("value") is None and events[2].get("event_t") == 5


def test_recording_killed_mid_write_is_readable_and_cut_short(sessions, tmp_path):
    ready = tmp_path / "ready"
    child = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "session_factory.py"), str(sessions), str(ready)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        deadline = time.monotonic() + 60
        while not ready.exists() and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.05)
        assert ready.exists(), "the writer never got going"
        time.sleep(0.3)  # let it get well into writing
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    rec = load_recording(Path(ready.read_text()))
    assert rec.cut_short and rec.end_reason is None
    probes = [e for e in rec.events if e.type == "probe"]
    assert len(probes) > 50
    assert [e.get("text") for e in probes] == [f"question {i}" for i in range(len(probes))]
    with WavReader(rec.tracks["candidate"]) as reader:  # the audio plays up to the kill
        assert reader.duration > 1.0
    samples, _ = read_track(rec.tracks["candidate"])
    assert len(samples) / 16_000 == pytest.approx(rec.duration, abs=1.0)
    result = CliRunner().invoke(cli, ["replay", "latest", "--no-audio"])
    assert result.exit_code == 0, result.output
    assert "cut short" in result.output


def test_torn_last_line_is_tolerated(sessions):
    path, expected = write_session(sessions, finish=False)
    with open(path / "events.jsonl", "a") as log:
        log.write('{"seq": 99, "t": 30.0, "type": "pro')
    rec = load_recording(path)
    assert rec.cut_short
    assert any("incomplete last line" in w for w in rec.warnings)
    assert [(a.t, a.kind) for a in build_replay(rec).annotations] == expected


def test_malformed_recordings_get_one_clear_error(sessions, tmp_path):
    path, _ = write_session(sessions)
    lines = (path / "events.jsonl").read_text().splitlines()
    lines[3] = "{this is not json"
    (path / "events.jsonl").write_text("\n".join(lines) + "\n")
    with pytest.raises(RecordingError, match=r"line 4 is malformed"):
        load_recording(path)

    not_rec = tmp_path / "empty-dir"
    not_rec.mkdir()
    with pytest.raises(RecordingError, match="not a Hotseat recording"):
        load_recording(not_rec)
    with pytest.raises(RecordingError, match="no recording at"):
        load_recording(tmp_path / "missing")

    wrong = tmp_path / "wrong"
    wrong.mkdir()
    (wrong / "events.jsonl").write_text('{"seq": 1, "t": 0, "type": "probe"}\n')
    with pytest.raises(RecordingError, match="not a hotseat-recording session_start"):
        load_recording(wrong)
    (wrong / "events.jsonl").write_text("")
    with pytest.raises(RecordingError, match="empty"):
        load_recording(wrong)


def test_future_version_is_refused_with_an_upgrade_hint(sessions):
    path, _ = write_session(sessions)
    log = path / "events.jsonl"
    lines = log.read_text().splitlines()
    first = json.loads(lines[0])
    first["version"] = FORMAT_VERSION + 1
    log.write_text("\n".join([json.dumps(first), *lines[1:]]) + "\n")
    with pytest.raises(RecordingError, match=r"version 2, newer .* upgrade Hotseat"):
        load_recording(path)
    result = CliRunner().invoke(cli, ["replay", str(path), "--json"])
    assert result.exit_code == 1
    assert "upgrade Hotseat" in result.output and "Traceback" not in result.output


def test_cli_replay_json_and_session_lookup(sessions):
    first, _ = write_session(sessions)
    second, expected = write_session(sessions, scenario="url-shortener")
    assert resolve_session(sessions, "latest") == second
    assert resolve_session(sessions, first.name) == first
    runner = CliRunner()
    result = runner.invoke(cli, ["annotate", "latest", "--at", "00:21", "redraw", "this"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["replay", "latest", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["session"] == second.name and data["scenario"] == "url-shortener"
    assert data["cut_short"] is False
    kinds = [(a["t"], a["kind"]) for a in data["annotations"]]
    assert kinds == sorted([*expected, (21.0, "note")], key=lambda x: x[0])
    assert set(data["audio"]) == {"candidate", "interviewer"}
    text = runner.invoke(cli, ["replay", first.name, "--from", "00:16", "--no-audio"]).output
    assert "SPOF" in text and "Phase: Estimation" not in text
    bad = runner.invoke(cli, ["replay", "nope"])
    assert bad.exit_code == 1 and "no session 'nope'" in bad.output
    bad = runner.invoke(cli, ["replay", "latest", "--from", "3 minutes"])
    assert bad.exit_code == 1 and "cannot read time" in bad.output


def test_replay_without_a_sound_card_says_so(sessions):
    write_session(sessions)
    from recordings.replay import NoAudioDevice, check_output_device

    try:
        check_output_device()
    except NoAudioDevice:
        result = CliRunner().invoke(cli, ["replay", "latest"])
        assert result.exit_code == 1
        assert "no audio output" in result.output and "--no-audio" in result.output
    else:
        pytest.skip("this machine has an audio output device")


def test_report_audio_mulaw_matches_the_g711_reference():
    import warnings

    import numpy as np

    from recordings.wav import mulaw_encode, wav_bytes

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import audioop  # the stdlib's G.711 codec, as an independent reference

    t = np.arange(8000) / 8000
    samples = (0.5 * np.sin(2 * np.pi * 300 * t) * np.linspace(0.01, 1, 8000)).astype(np.float32)
    pcm = (samples * 32767).astype("<i2").tobytes()
    assert mulaw_encode(samples) == audioop.lin2ulaw(pcm, 2)
    wav = wav_bytes(samples, 8000, "mulaw")
    assert wav[:4] == b"RIFF" and wav[20:22] == b"\x07\x00"  # WAVE_FORMAT_MULAW
    assert len(wav) < len(wav_bytes(samples, 8000)) * 0.6


def test_board_svg_marks_what_findings_are_about_and_lays_out_imported_boards():
    from recordings.svg import board_svg
    from tests.session_factory import BOARD_2

    svg = board_svg(BOARD_2, flagged={"c2"}, involved={"c2", "c3"})
    assert '<g class="component flagged" data-id="c2">' in svg
    assert '<g class="component involved" data-id="c3">' in svg
    assert '<g class="component" data-id="c1">' in svg
    assert svg.count('class="edge"') == 3 and 'stroke-dasharray="6 4"' in svg  # async edge
    imported = {
        "components": [
            {k: v for k, v in c.items() if k not in "xywh"} for c in BOARD_2["components"]
        ],
        "edges": BOARD_2["edges"],
    }
    laid_out = board_svg(imported)
    assert laid_out.count("<rect") == 4 and laid_out.count('class="edge"') == 3
    assert "(the board was empty)" in board_svg({"components": []})
