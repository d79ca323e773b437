"""Item 8: the LLM may reword the interviewer, never flip its verdict or drop its pushback.
A real OpenAI-compatible server on loopback answers with the hostile phrasing."""

from __future__ import annotations

import pytest

from agent.llm import LlmClient, LlmSettings
from tests.fake_llm import FakeModel, serving

DRAFT = [
    "You said: 'Peak is 3x, so 60,000 per second'.",
    "3x of 12,000 is 36,000 — 60,000 is 5x, not 3x.",
]


@pytest.fixture
def model():
    with serving(FakeModel()) as fake:
        fake.reply = ""
        yield fake


@pytest.mark.parametrize(
    "hostile",
    [
        "You said 60,000 per second at 3x peak, and that's correct.",
        "Fine.",
        "3x of 12,000 is 36,000, and 60,000 at 5x is right too.",
    ],
)
def test_item08_a_phrasing_cannot_flip_the_verdict(model, hostile):
    model.reply = hostile
    client = LlmClient(LlmSettings(model="m", base_url=model.base_url, timeout=5), environ={})
    assert client.phrase({"move": "challenge"}, DRAFT) == DRAFT


def test_item08_a_faithful_rewording_is_still_used(model):
    model.reply = "Careful: 3x of 12,000 is 36,000, not 60,000 — 60,000 would be 5x."
    client = LlmClient(LlmSettings(model="m", base_url=model.base_url, timeout=5), environ={})
    phrased = client.phrase({"move": "challenge"}, DRAFT)
    assert phrased != DRAFT and "36,000" in " ".join(phrased)
