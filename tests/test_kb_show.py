"""`hotseat kb show` reads as study material: no detection regexes, no `None`, a final newline."""

from __future__ import annotations

from click.testing import CliRunner

from agent.cli.main import cli
from agent.knowledge import load_knowledge
from agent.knowledge.entries import AntiPattern, Pattern, Threshold


def _internal_rules(entry) -> list[str]:
    """The regular expressions and check names the interviewer detects an entry with."""
    if isinstance(entry, Pattern):
        return list(entry.recognise.speech)
    if isinstance(entry, AntiPattern):
        rules = []
        if entry.detect.speech is not None:
            rules += entry.detect.speech.any + entry.detect.speech.unless
        if entry.detect.board is not None and entry.detect.board.check:
            rules.append(entry.detect.board.check)
        return rules
    if isinstance(entry, Threshold):
        return list(entry.context)
    return []


def test_every_entry_shows_without_internals_and_ends_with_a_newline():
    runner = CliRunner()
    for entry_id, kind, entry in load_knowledge().entries():
        result = runner.invoke(cli, ["kb", "show", entry_id])
        assert result.exit_code == 0, (entry_id, result.output)
        text = result.output
        assert text.endswith("\n") and not text.endswith("\n\n"), entry_id
        assert "None" not in text and "check:" not in text, (entry_id, text)
        assert "{component}" not in text and "{value}" not in text, (entry_id, text)
        unwrapped = " ".join(text.split())
        for rule in _internal_rules(entry):
            if any(c in rule for c in "\\|()[]?") or "_" in rule:
                assert rule not in unwrapped, (entry_id, rule)
        assert kind in text.splitlines()[0]


def test_anti_pattern_shows_why_fix_and_the_question_in_plain_words():
    text = CliRunner().invoke(cli, ["kb", "show", "cache-without-invalidation"]).output
    assert "Why it hurts" in text and "The fix" in text
    assert "What is the TTL on" in text
    assert "ttl\\b" not in text and "CACHE_NO_TTL" not in text


def test_threshold_quotes_the_limit_it_comes_from():
    text = CliRunner().invoke(cli, ["kb", "show", "rate-above-single-redis"]).output
    assert "100,000 per second" in " ".join(text.split())
    assert "redis.ops_per_node" not in text
