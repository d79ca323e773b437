"""The optional LLM may name a turn's dialogue act from the closed list; a bogus answer keeps
the rule-based reading, and no answer ever changes the engine's verdict. The LLM is a real
OpenAI-compatible server on loopback (the HTTP boundary), everything else is the real graph."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from agent.interviewer import nodes, policy
from agent.interviewer import reading as R
from agent.interviewer.context import Deps
from agent.interviewer.state import new_state
from agent.llm import LlmClient, LlmSettings
from estimation import EstimationSession
from scenarios import load_scenarios
from tests.fake_llm import FakeModel, serving

SCENARIO = load_scenarios().get("notification-system")
STOP = "Reckon we have earned a breather now?"  # a wrap-up the rules do not read
SLIP = "12,000 a second average and 3x peak means 60,000 a second?"


@pytest.fixture
def model(monkeypatch):
    monkeypatch.setenv("HOTSEAT_TEST_LLM_KEY", "local-secret")
    with serving(FakeModel()) as fake:
        fake.reply = ""
        settings = LlmSettings(
            model="tiny", base_url=fake.base_url, api_key_env="HOTSEAT_TEST_LLM_KEY"
        )
        fake.client = LlmClient(settings)
        yield fake


def _listen(text: str, llm: LlmClient | None):
    """The `listen` node on its own, then the conditional edge that picks the branch."""
    deps = Deps(scenario=SCENARIO, estimator=EstimationSession(), llm=llm)
    state = {**new_state("s", SCENARIO.id, 45, "seed"), "utterance": text, "now": 300.0}
    out = nodes.listen(state, SimpleNamespace(context=deps))
    return out, nodes.route_turn({**state, **out})


def test_an_act_from_the_closed_list_is_taken(model):
    model.reply = "wrap_up"
    rules, branch = _listen(STOP, None)
    assert R.WRAP_UP not in rules["reading"].acts and branch != "wrap_request"
    out, branch = _listen(STOP, model.client)
    assert out["reading"].acts[0] == R.WRAP_UP and branch == "wrap_request"
    assert any("wrap_up" in asked for asked in model.asked)  # the closed list was offered


@pytest.mark.parametrize("bogus", ["celebrate", "wrap up the design and then scale it", ""])
def test_a_bogus_act_falls_back_to_the_rule_based_reading(model, bogus):
    model.reply = bogus
    rules, rule_branch = _listen(STOP, None)
    out, branch = _listen(STOP, model.client)
    assert out["reading"] == rules["reading"] and branch == rule_branch


def test_the_llm_never_changes_a_verdict_or_drops_the_challenge(model):
    model.reply = "wrap_up"
    rules, rule_branch = _listen(SLIP, None)
    out, branch = _listen(SLIP, model.client)
    verdicts = [v.verdict for v in out["reading"].verdicts]
    assert "incorrect" in verdicts and verdicts == [v.verdict for v in rules["reading"].verdicts]
    assert [c.to_dict() for c in out["claims"]] == [c.to_dict() for c in rules["claims"]]
    assert branch == rule_branch != "wrap_request"
    # a turn with a slip and no request of its own: the LLM is not even asked
    reading = R.Reading(acts=(R.ESTIMATE,), verdicts=rules["reading"].verdicts)
    deps = Deps(scenario=SCENARIO, estimator=EstimationSession(), llm=model.client)
    before = len(model.asked)
    assert nodes._llm_act(reading, "so 60,000 a second?", "estimation", None, deps) == reading
    assert len(model.asked) == before


def test_the_challenge_node_says_the_engine_numbers_whatever_the_llm_says(model):
    model.reply = "wrap_up"
    out, _ = _listen(SLIP, model.client)
    deps = Deps(scenario=SCENARIO, estimator=EstimationSession(), llm=model.client)
    state = {**new_state("s", SCENARIO.id, 45, "seed"), "utterance": SLIP, "now": 300.0, **out}
    move = nodes.clarify(state, SimpleNamespace(context=deps))["move"]
    said = " ".join(move.sentences)
    assert "36,000" in said and move.kind == policy.ANSWER
