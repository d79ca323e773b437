"""Scripted candidates against the real interviewer with the knowledge base wired in: pattern
probes, anti-pattern probes and estimate-conditioned probes come in the right place (after a
slip, in the design phases, once each), cite their entry, and the wrap-up lists what to study."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

from agent.whiteboard import Board
from tests.agent_harness import Run, start

HOTSEAT = str(Path(sys.executable).with_name("hotseat"))


DESIGN_TURNS = itertools.cycle(
    [
        "The gateway calls the rate limiter service on every request.",
        "Counters live in Redis with a sliding window per API key.",
        "When the limit is hit we return a 429 with a Retry-After header.",
        "The rules for each API key are cached in the rate limiter service.",
    ]
)
"""On-topic design turns that say nothing the knowledge base recognises."""


def _kb_followups(run: Run) -> list[dict]:
    return [e for e in run.followups() if e.get("kb")]


def _kb_ids(run: Run) -> list[str]:
    return [e["kb"]["id"] for e in _kb_followups(run)]


def _to(run: Run, phase: str) -> None:
    """Move the interview on until it reaches `phase` (as a candidate would: "let's move on")."""
    for _ in range(6):
        if run.interviewer.phase == phase:
            return
        run.say("Let's move on to the next part.", 30)
    assert run.interviewer.phase == phase


def test_rate_limiter_memory_probe_comes_after_the_slip_is_fixed(tmp_path):
    run = start("rate-limiter", tmp_path)
    run.say("We limit per API key and reject with a 429.")
    slip = run.say("100,000 keys at 24 bytes is 24 MB")
    # the slip first: no probe builds on a wrong number
    assert "10x" in slip and "fits in RAM" not in slip
    assert _kb_ids(run) == []
    fixed = run.say("Sorry, 100,000 keys at 24 bytes is 2.4 MB per node.")
    assert "2.4 MB" in fixed and "fits in RAM" in fixed and "Redis" in fixed
    (event,) = _kb_followups(run)
    assert event["kind"] == "capacity"
    assert event["kb"]["id"] == "per-node-memory-fits-in-ram"
    assert event["kb"]["kind"] == "threshold"
    assert event["kb"]["source"].startswith("http")
    assert "2.4 MB" in event["kb"]["why"]
    # the same number again is not asked about again
    again = run.say("So it's 2.4 MB of memory per node for the counters.")
    assert "fits in RAM" not in again
    assert _kb_ids(run) == ["per-node-memory-fits-in-ram"]


def test_threshold_waits_for_a_slip_in_the_same_turn(tmp_path):
    run = start("rate-limiter", tmp_path)
    run.say("We limit per API key and reject with a 429.")
    reply = run.say("100,000 keys at 24 bytes is 24 MB of memory per node")
    assert "10x" in reply and "fits in RAM" not in reply
    assert [e["kind"] for e in run.followups()] == ["arithmetic"]


def test_event_sourcing_probe_in_the_deep_dive_and_not_before(tmp_path):
    run = start("rate-limiter", tmp_path)
    early = run.say("I think we'd use event sourcing somewhere.")
    assert "rebuild" not in early  # requirements: no design probes yet
    run.say("100,000 keys at 24 bytes is 2.4 MB per node.")
    _to(run, "deep_dive")
    reply = run.say("We'd use event sourcing for the ledger of limit changes.")
    assert "You said event sourcing" in reply and "bad deploy" in reply
    probe = [e for e in _kb_followups(run) if e["kb"]["id"] == "event-sourcing"]
    assert len(probe) == 1 and probe[0]["kind"] == "probe"
    assert probe[0]["kb"]["kind"] == "pattern" and probe[0]["kb"]["name"] == "Event sourcing"
    assert probe[0]["kb"]["summary"] and probe[0]["kb"]["source"].startswith("https://")
    again = run.say("To be clear, the ledger is event sourced and we replay the events.")
    assert "bad deploy" not in again
    assert _kb_ids(run).count("event-sourcing") == 1


def test_consistent_hashing_without_virtual_nodes_is_probed_once(tmp_path):
    run = start("rate-limiter", tmp_path)
    run.say("100,000 keys at 24 bytes is 2.4 MB per node.")
    _to(run, "high_level_design")
    reply = run.say("We shard the counters across Redis nodes with consistent hashing.")
    assert "consistent hashing has no virtual nodes" in reply
    assert "one node leaves" in reply
    event = _kb_followups(run)[-1]
    assert event["kb"]["id"] == "hashing-without-virtual-nodes"
    assert event["kb"]["kind"] == "anti-pattern" and event["kind"] == "finding"
    later = run.say("The consistent hashing ring maps each key to a Redis node.")
    # neither the anti-pattern nor the pattern's own virtual-node probe is asked again
    assert "virtual nodes" not in later
    assert _kb_ids(run).count("hashing-without-virtual-nodes") == 1


def test_strong_candidate_is_not_asked_what_they_already_said(tmp_path):
    run = start("rate-limiter", tmp_path)
    run.say("100,000 keys at 24 bytes is 2.4 MB per node.")
    _to(run, "high_level_design")
    vnodes = run.say("Consistent hashing with 200 virtual nodes per Redis node spreads the keys.")
    backoff = run.say("Clients retry with exponential backoff and jitter, and an idempotency key.")
    assert "virtual nodes" not in vnodes.replace("200 virtual nodes", "")
    assert "every client retries" not in backoff
    ids = _kb_ids(run)
    assert "hashing-without-virtual-nodes" not in ids
    assert "retries-without-backoff" not in ids
    for event in run.followups():
        assert "How many virtual nodes" not in event["text"]


def test_weak_retry_is_asked_with_its_words_in_a_design_phase(tmp_path):
    run = start("notification-system", tmp_path)
    run.say("1 billion a day divided by 86,400 is about 11,600 a second.")
    _to(run, "high_level_design")
    reply = run.say("The sender workers just retry on failure.")
    assert "every client retries" in reply
    assert _kb_ids(run) == ["retries-without-backoff"]


def test_dual_write_on_the_board_names_the_service(tmp_path):
    run = start("notification-system", tmp_path)
    run.say("1 billion a day divided by 86,400 is about 11,600 a second.")
    _to(run, "high_level_design")
    board = Board()
    app = board.add_component("Mobile app")
    api = board.add_component("Notification service")
    db = board.add_component("Postgres")
    kafka = board.add_component("Kafka")
    for a, b in ((app, api), (api, db), (api, kafka)):
        board.add_edge(a.id, b.id)
    for node in (api, db, kafka):
        board.add_note(node.id, "3 replicas with failover")
    run.interviewer.update_board(board)
    asked = []
    for _ in range(6):
        asked.append(run.say("The service stores the notification and hands it to the workers."))
        if "dual-write-without-outbox" in _kb_ids(run):
            break
    event = next(e for e in _kb_followups(run) if e["kb"]["id"] == "dual-write-without-outbox")
    assert api.id in event["components"]
    assert "Notification service writes to the database and publishes" in event["text"]
    assert "drawn: Notification service" in event["kb"]["why"]
    assert _kb_ids(run).count("dual-write-without-outbox") == 1


def test_spof_finding_cites_the_entry_and_is_not_asked_twice(tmp_path):
    run = start("notification-system", tmp_path)
    run.say("1 billion a day divided by 86,400 is about 11,600 a second.")
    _to(run, "high_level_design")
    board = Board()
    api = board.add_component("Notification API")
    db = board.add_component("MySQL")
    board.add_edge(api.id, db.id)
    run.interviewer.update_board(board)
    for _ in range(4):
        run.say("Everything goes to a single database, the MySQL box.")
    spof = [e for e in _kb_followups(run) if e["kb"]["id"] == "single-point-of-failure"]
    # the whiteboard finding carries the entry; the spoken version is not asked on top of it
    assert spof and all(e["key"].startswith("board:") for e in spof)
    assert db.id in spof[0]["components"]


def test_wrap_up_cites_the_entries_and_says_what_to_study(tmp_path):
    run = start("rate-limiter", tmp_path)
    run.say("100,000 keys at 24 bytes is 2.4 MB per node.")
    _to(run, "deep_dive")
    run.say("We'd use event sourcing for the ledger of limit changes.")
    run.say("We keep snapshots and replay from the last good one after a bad deploy.")
    scores = run.interviewer.wrap_up()
    refs = {r["id"]: r for r in scores.references}
    assert {"per-node-memory-fits-in-ram", "event-sourcing"} <= set(refs)
    assert refs["event-sourcing"]["kind"] == "pattern"
    assert 'you said "event sourcing"' in refs["event-sourcing"]["why"]
    assert refs["per-node-memory-fits-in-ram"]["dimension"] == "estimation"
    study = " ".join(scores.practise)
    for entry_id in refs:
        assert f"Study next: hotseat kb show {entry_id}" in study
    evidence = [e.text for d in scores.dimensions.values() for e in d.evidence]
    assert any("[event-sourcing]" in line for line in evidence)
    payload = scores.to_dict()
    assert payload["references"] == scores.references
    assert type(scores).from_dict(json.loads(json.dumps(payload))).references == scores.references


def test_interview_json_includes_the_references(hotseat_home):
    stdin = "\n".join(
        [
            "We limit per API key and reject with a 429.",
            "100,000 keys at 24 bytes is 2.4 MB per node.",
        ]
    )
    env = {**os.environ, "HOTSEAT_HOME": str(hotseat_home)}
    result = subprocess.run(
        [HOTSEAT, "interview", "--scenario", "rate-limiter", "--text", "--json"],
        input=stdin + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=90,
    )
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    refs = payload["scores"]["references"]
    assert [r["id"] for r in refs] == ["per-node-memory-fits-in-ram"]
    assert any(
        "hotseat kb show per-node-memory-fits-in-ram" in p for p in payload["scores"]["practise"]
    )


def test_pattern_drawn_on_the_board_is_probed_by_its_box(tmp_path):
    run = start("rate-limiter", tmp_path)
    run.say("100,000 keys at 24 bytes is 2.4 MB per node.")
    _to(run, "deep_dive")
    board = Board()
    api = board.add_component("Rate limiter service")
    store = board.add_component("Event store")
    board.add_edge(api.id, store.id)
    for node in (api, store):
        board.add_note(node.id, "3 replicas with failover, monitored")
    run.interviewer.update_board(board)
    for _ in range(8):
        run.say(next(DESIGN_TURNS))
        if "event-sourcing" in _kb_ids(run):
            break
    event = next(e for e in _kb_followups(run) if e["kb"]["id"] == "event-sourcing")
    assert event["components"] == [store.id]
    assert event["kb"]["why"] == "drawn: Event store"
    assert _kb_ids(run).count("event-sourcing") == 1


def test_text_wrap_up_prints_what_to_study(hotseat_home):
    env = {**os.environ, "HOTSEAT_HOME": str(hotseat_home)}
    result = subprocess.run(
        [HOTSEAT, "interview", "--scenario", "rate-limiter", "--text"],
        input="We limit per API key.\n100,000 keys at 24 bytes is 2.4 MB per node.\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=90,
    )
    assert result.returncode == 0, result.stderr
    assert "fits in RAM" in result.stdout
    assert "Study next: hotseat kb show per-node-memory-fits-in-ram" in " ".join(
        result.stdout.split()
    )
