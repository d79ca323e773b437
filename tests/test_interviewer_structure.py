"""The interviewer package's structure: every module imports on its own (no cycles), one graph
node runs on its own state, the events are the contract recordings read, and an LLM phrasing
never flips a verdict."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

import agent.interviewer
from agent.interviewer import events, nodes, policy, replies
from agent.interviewer import reading as R
from agent.interviewer.memory import Dialogue
from agent.interviewer.turn_log import CANDIDATE, Turn
from scenarios import load_scenarios

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted(
    f"agent.interviewer.{m.name}" for m in pkgutil.iter_modules(agent.interviewer.__path__)
)


@pytest.mark.parametrize("module", MODULES)
def test_every_module_imports_on_its_own(module):
    # a fresh interpreter per module: an import cycle fails here whichever module is first
    result = subprocess.run(
        [sys.executable, "-c", f"import {module}"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-800:]


def test_the_graph_lists_every_branch_of_the_policy():
    graph = agent.interviewer.build_graph().get_graph()
    names = set(graph.nodes)
    assert set(policy.BRANCHES) <= names
    assert {"listen", "pace", "speak", "open", "board", "wrap"} <= names
    mermaid = graph.draw_mermaid()
    readme = (ROOT / "agent" / "interviewer" / "README.md").read_text()
    assert mermaid.strip() in readme  # the committed drawing is the compiled graph


def _runtime(scenario_id: str = "news-feed"):
    deps = SimpleNamespace(scenario=load_scenarios().get(scenario_id), llm=None)
    return SimpleNamespace(context=deps)


def _state(text: str, reading: R.Reading, **extra):
    state = {
        "seed": "s",
        "phase": "estimation",
        "minutes": 45.0,
        "now": 600.0,
        "utterance": text,
        "turns": [Turn(CANDIDATE, text, 600.0)],
        "claims": [],
        "reading": reading,
        "dialogue": Dialogue(),
    }
    return {**state, **extra}


def test_meta_node_tells_the_time_with_correct_plurals():
    reading = R.Reading(acts=(R.TIME,))
    out = nodes.meta(_state("How much time is left?", reading, now=44 * 60.0), _runtime())
    line = " ".join(out["move"].sentences)
    assert out["move"].kind == policy.ANSWER and out["move"].about == "time"
    assert "1 minute left" in line and "1 minutes" not in line


def test_clarify_node_answers_by_meaning_from_the_brief():
    text = "How stale can a feed be, and does an author see their own post right away?"
    out = nodes.clarify(_state(text, R.Reading(acts=(R.CLARIFY,))), _runtime())
    said = " ".join(out["move"].sentences)
    assert "few seconds" in said and "immediately" in said


def test_pushback_that_the_brief_backs_is_conceded():
    text = "I disagree that we need fresh prices: a 30-second-old multiplier is fine by the brief."
    out = nodes.pushback(_state(text, R.Reading(acts=(R.PUSHBACK,))), _runtime("surge-pricing"))
    assert out["move"].kind == policy.CONCEDE
    assert "30-second" in " ".join(out["move"].sentences)


def test_negation_is_read_as_a_rejected_choice():
    assert R.polarity("We don't need a cache, MySQL can handle it.", "cache") is False
    assert R.polarity("No CDN for this.", "cdn") is False
    assert R.polarity("Redis stays off the request path.", "redis") is True
    assert R.polarity("A cache in front of MySQL.", "cache") is True


def test_a_settled_topic_is_never_asked_and_no_question_twice():
    dialogue = Dialogue().settle(["peak qps"], 2)
    assert not policy.may_ask("What do you get for the peak per second?", dialogue)
    assert policy.may_ask("What do you get for the peak per second?", dialogue, turn=2)
    asked = Dialogue().ask("How would you shard the posts table?", ["sharding"], 1)
    assert not policy.may_ask("How would you shard the posts table?", asked)


def test_no_sentence_is_said_twice():
    said = Dialogue().spoke(["The hot working set is about 5 TB today."])
    again = replies.fresh(["The hot working set is about 5 TB today."], said)
    assert again == ["As I said, the hot working set is about 5 TB today."]


def test_llm_phrasing_never_flips_a_verdict_or_drops_a_challenge():
    challenge = ['You said "58,000 a second", but I get about 35,000 a second.', "Redo it?"]
    # keeps the numbers but drops the dispute
    assert replies.guard("challenge", challenge, ["Nice, 58,000 a second works."]) == challenge
    # changes a number
    assert replies.guard("challenge", challenge, ["You said 58,000 but I get about 40,000."]) == (
        challenge
    )
    seed = ['You said "peak is 3x, so 60,000 per second", but I get about 36,000 a second.']
    flipped = ["You said 60,000 per second at 3x peak, and that's correct."]
    assert replies.guard("challenge", seed, flipped) == seed  # issue 15, item 8
    assert replies.guard("challenge", seed, ["Fine."]) == seed
    ack = ["Good — 35,000 a second checks out."]
    # turns an acknowledgement into an accusation
    assert replies.guard("acknowledge", ack, ["Hmm, I get about 35,000; redo that."]) == ack
    concede = ["Fair point — the brief allows 30 seconds.", "I'll take that."]
    assert replies.guard("concede", concede, ["The brief allows 30 seconds."]) == concede
    assert replies.guard("acknowledge", ack, ["Right, 35,000 a second holds up."]) == [
        "Right, 35,000 a second holds up."
    ]


def test_interviewer_events_are_the_types_recordings_read():
    from recordings import annotations, replay

    assert "candidate_turn" in replay._CANDIDATE_TYPES
    assert "interviewer_turn" in replay._INTERVIEWER_TYPES
    assert "phase_change" in annotations._PHASE
    assert "claim" in annotations._ESTIMATE
    assert "estimate_finding" in annotations._ESTIMATE_FINDING
    assert "board_findings" in annotations._FINDING_LISTS
    assert "followup" in annotations._PROBE
    built = events.to_dict(events.CandidateTurn("hi", "design", "estimation", 1.0, {"acts": []}))
    assert built["type"] == "candidate_turn" and built["reading"] == {"acts": []}
    change = events.to_dict(events.PhaseChange("requirements", "estimation", "content", 2.0))
    assert change == {
        "type": "phase_change",
        "from": "requirements",
        "to": "estimation",
        "reason": "content",
        "t": 2.0,
    }
    assert set(events.EVENT_TYPES) >= {"candidate_turn", "interviewer_turn", "scores"}


def _imports(module: str) -> set[str]:
    """The agent.interviewer modules `module` imports anywhere (functions included)."""
    import ast

    path = ROOT / (module.replace(".", "/") + ".py")
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "agent.interviewer":
                found |= {f"agent.interviewer.{a.name}" for a in node.names}
            elif node.module.startswith("agent.interviewer."):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("agent.interviewer.")}
    return found & set(MODULES)


def test_no_import_cycle_inside_the_package():
    graph = {m: _imports(m) for m in MODULES}
    state: dict[str, int] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for dep in sorted(graph[module]):
            assert state.get(dep) != 1, "import cycle: " + " -> ".join([*path, module, dep])
            if dep not in state:
                visit(dep, [*path, module])
        state[module] = 2

    for module in MODULES:
        if module not in state:
            visit(module, [])
