"""The optional LLM path against a real OpenAI-compatible HTTP server on loopback (stdlib
http.server in a thread), driven through the real `openai` client."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from agent.llm import DEFAULT_TIMEOUT, LlmClient, LlmSettings, numbers_agree, resolve_api_key
from tests.agent_harness import start
from tests.fake_llm import FakeModel, serving

SLIP = "1 billion a day divided by 86,400 is about 12,000 a second, peak is 3x, so 60,000"


@pytest.fixture
def model():
    with serving(FakeModel()) as fake:
        yield fake


@pytest.fixture
def keys(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-openai-must-not-leak")
    monkeypatch.setenv("HOTSEAT_TEST_LLM_KEY", "local-secret")


def _client(model, lines=None, **kw) -> LlmClient:
    settings = LlmSettings(
        model="tiny-test-model",
        base_url=model.base_url,
        api_key_env=kw.pop("api_key_env", "HOTSEAT_TEST_LLM_KEY"),
        timeout=kw.pop("timeout", DEFAULT_TIMEOUT),
    )
    return LlmClient(settings, log=(lines.append if lines is not None else None))


def test_wiring_model_base_url_and_named_key(model, keys, tmp_path):
    run = start("notification-system", tmp_path, llm=_client(model))
    reply = run.say(SLIP)
    assert reply.endswith(model.phrase)  # the model's phrasing was used: same numbers
    request = model.requests[-1]
    assert request["path"] == "/v1/chat/completions"
    assert request["body"]["model"] == "tiny-test-model"
    assert request["auth"] == "Bearer local-secret"
    facts = request["body"]["messages"][1]["content"]
    assert "36,000" in facts and "peak is 3x, so 60,000" in facts  # structured facts, not a task
    assert all("sk-openai" not in (r["auth"] or "") for r in model.requests)


def test_custom_base_url_never_receives_the_openai_key(model, keys, tmp_path):
    for env_name in (None, "OPENAI_API_KEY"):
        client = _client(model, api_key_env=env_name)
        client.phrase({"statement": "x"}, ["Fine."])
    assert model.requests and all(
        r["auth"] and "sk-openai" not in r["auth"] for r in model.requests
    )
    openai_settings = LlmSettings(model="gpt-x")
    env = {"OPENAI_API_KEY": "sk-real"}
    assert resolve_api_key(openai_settings, env) == "sk-real"
    custom = LlmSettings(model="m", base_url="http://127.0.0.1:1/v1", api_key_env="OPENAI_API_KEY")
    assert resolve_api_key(custom, env) != "sk-real"


def test_hallucinated_numbers_fall_back_to_the_template(model, keys, tmp_path):
    lines: list[str] = []
    model.phrase = "3x of 12,000 is 48,000, so you are off by 20,000."
    run = start("notification-system", tmp_path, llm=_client(model, lines))
    reply = run.say(SLIP)
    assert "48,000" not in reply and "36,000" in reply and "5x" in reply
    assert any("numbers not in the facts" in line for line in lines)
    model.phrase = "You were off by thirty-five thousand there."
    assert "35" not in " ".join(run.interviewer.respond(SLIP))


def test_timeout_falls_back_quickly_and_the_interview_goes_on(model, keys, tmp_path):
    lines: list[str] = []
    model.delay = 3.0
    client = _client(model, lines, timeout=0.5)
    run = start("notification-system", tmp_path, llm=client)
    began = time.monotonic()
    reply = run.say(SLIP)
    assert time.monotonic() - began < 2.5
    assert "36,000" in reply
    assert any("timed out after 0.5 s" in line for line in lines)
    assert run.interviewer.errors == 0
    assert DEFAULT_TIMEOUT == 2.5


def test_endpoint_down_logs_one_line_and_templates_take_over(keys, tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    lines: list[str] = []
    settings = LlmSettings(model="m", base_url=f"http://127.0.0.1:{port}/v1", timeout=1.0)
    client = LlmClient(settings, log=lines.append)
    run = start("notification-system", tmp_path, llm=client)
    replies = run.script([SLIP, "I love pizza and football", SLIP, "Storage is 30 TB"], 10)
    assert "36,000" in replies[0]
    assert all(r.strip() for r in replies)
    assert lines[0] == "llm: endpoint unreachable; using the template reply"
    assert client.disabled and any("templates only" in line for line in lines)
    assert run.interviewer.errors == 0


def test_llm_may_relabel_an_off_topic_turn_but_not_others(model, keys, tmp_path):
    model.label = "design"
    client = _client(model)
    run = start("notification-system", tmp_path, llm=client)
    run.say("Honestly the thing I'd start with is the fan out thingy")
    assert run.interviewer.state["turns"][-2]["kind"] == "design"
    model.label = "small_talk"
    before = len(model.requests)
    run.say(SLIP)  # rules are sure this is an estimate: no classification request
    prompts = [r["body"]["messages"][0]["content"] for r in model.requests[before:]]
    assert not any("label" in p.lower() for p in prompts)
    model.label = "nonsense-label"
    assert client.classify("hmm", "estimation") is None


def test_number_agreement_reads_digits_and_words():
    allowed = ["3x of 12,000 is 36,000 — 60,000 is 5x, not 3x."]
    assert numbers_agree("Thirty-six thousand, not sixty thousand: that's 5x, not 3x.", allowed)
    assert numbers_agree("36K rather than 60K.", allowed)
    assert not numbers_agree("It should be 48,000.", allowed)
    assert not numbers_agree("That's four times too much.", allowed)
    assert numbers_agree("Which one do you want to keep?", allowed)


def test_cli_flags_reach_the_endpoint(model, keys, hotseat_home):
    hotseat = str(Path(sys.executable).with_name("hotseat"))
    env = {**os.environ, "HOTSEAT_HOME": str(hotseat_home)}
    args = ["--llm-base-url", model.base_url, "--llm-model", "cli-model"]
    args += ["--llm-api-key-env", "HOTSEAT_TEST_LLM_KEY"]
    result = subprocess.run(
        [hotseat, "interview", "--scenario", "notification-system", "--text", *args],
        input=SLIP + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert model.phrase in result.stdout
    assert model.requests and all(r["body"]["model"] == "cli-model" for r in model.requests)
    assert all(r["auth"] == "Bearer local-secret" for r in model.requests)
