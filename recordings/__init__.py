"""Session recordings: the event log and audio, replay, annotations, reports and progress.

Depends on event *shapes* only (dicts or objects with ``to_dict()``), never on the agent or the
voice loop, so any producer can be recorded. See ``recordings/FORMAT.md`` for the files.
"""

from recordings.annotations import (
    KINDS,
    Annotation,
    add_note,
    annotations_for,
    format_time,
    parse_time,
)
from recordings.format import FORMAT_NAME, FORMAT_VERSION, RecordingError
from recordings.reader import (
    BoardSnapshot,
    Event,
    Recording,
    list_sessions,
    load_recording,
    resolve_session,
)
from recordings.recorder import Recorder, RecordingSpeaker, new_session_id
from recordings.replay import Line, NoAudioDevice, Replay, build_replay, mixed_audio, play_audio

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "KINDS",
    "Annotation",
    "BoardSnapshot",
    "Event",
    "Line",
    "NoAudioDevice",
    "Recorder",
    "Recording",
    "RecordingError",
    "RecordingSpeaker",
    "Replay",
    "add_note",
    "annotations_for",
    "build_replay",
    "format_time",
    "list_sessions",
    "load_recording",
    "mixed_audio",
    "new_session_id",
    "parse_time",
    "play_audio",
    "resolve_session",
]
