"""Whisper's scheduling on the audio clock: results arrive as late as Whisper really took."""

from __future__ import annotations

import numpy as np
import pytest

from tests.voice_clips import say
from voice.transcribe_worker import Job, VirtualTranscribeWorker

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def audio():
    from voice.tts import PiperSynthesizer

    return say(PiperSynthesizer(deterministic=True), "We need four shards.")


@pytest.fixture(scope="module")
def stt():
    from voice.stt import WhisperTranscriber

    return WhisperTranscriber()


class Clock:
    def __init__(self) -> None:
        self.now = 10.0

    def __call__(self) -> float:
        return self.now


def test_a_result_is_released_once_the_clock_has_moved_on_by_whispers_wall_time(stt, audio):
    clock = Clock()
    worker = VirtualTranscribeWorker(stt, clock=clock)
    worker.submit(Job("partial", 0, audio))
    assert list(worker.results()) == []  # it ran just now; its result is not due yet
    took = worker.busy_s
    assert took > 0
    clock.now += took * 0.5
    assert list(worker.results()) == []
    clock.now += took * 0.6
    ((job, transcript),) = list(worker.results())
    assert job.generation == 0 and "shards" in transcript.text


def test_a_queued_job_is_replaced_by_a_newer_one_of_its_kind(stt, audio):
    clock = Clock()
    worker = VirtualTranscribeWorker(stt, clock=clock)
    worker.submit(Job("partial", 0, audio))
    list(worker.results())  # the first job is now running on the simulated worker
    worker.submit(Job("partial", 1, np.zeros(8000, np.float32)))
    worker.submit(Job("partial", 2, audio))  # replaces generation 1 before it started
    clock.now += 60
    generations = [job.generation for job, _ in worker.results()]
    clock.now += 60
    generations += [job.generation for job, _ in worker.results()]
    assert generations == [0, 2]
