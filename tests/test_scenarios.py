"""The scenario library: every bundled file loads and is complete; bad user files are reported
with file, field and problem while the rest still load."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from agent.whiteboard.kinds import ComponentKind
from scenarios import (
    BUNDLED_DIR,
    CACHE_FILE,
    COMPONENT_KINDS,
    RUBRIC_DIMENSIONS,
    Scenario,
    ScenarioError,
    UnknownScenarioError,
    clear_cache,
    load_scenarios,
)

REQUIRED_IDS = {
    "notification-system",
    "rate-limiter",
    "surge-pricing",
    "news-feed",
    "url-shortener",
}
MIN_SCENARIOS = 40


@pytest.fixture(scope="module")
def library():
    return load_scenarios()


def bundled_document(scenario_id: str) -> dict:
    return yaml.safe_load((BUNDLED_DIR / f"{scenario_id}.yaml").read_text("utf-8"))


def write(directory: Path, name: str, document: dict | str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    text = document if isinstance(document, str) else yaml.safe_dump(document, sort_keys=False)
    path.write_text(text, "utf-8")
    return path


def test_bundled_scenarios_load_without_errors(library):
    assert library.errors == ()
    files = sorted(BUNDLED_DIR.glob("*.yaml"))
    assert len(library) == len(files)
    for path in files:
        assert path.stem in library, f"{path.name} must hold the scenario with id {path.stem!r}"


def test_library_is_large_enough_and_has_required_ids(library):
    assert len(library) >= MIN_SCENARIOS
    assert set(library.ids()) >= REQUIRED_IDS


def test_component_kinds_match_the_whiteboard():
    assert {kind.value for kind in ComponentKind} == COMPONENT_KINDS


def test_every_scenario_is_a_full_brief(library):
    for scenario in library:
        where = scenario.id
        assert len(scenario.reference_estimates) >= 3, where
        assert len(scenario.probes) >= 4, where
        assert {p.kind for p in scenario.probes} & {"tradeoff"}, f"{where}: no trade-off probe"
        assert {p.kind for p in scenario.probes} & {"failure"}, f"{where}: no failure probe"
        assert scenario.critical_components(), f"{where}: no critical component"
        assert all(c.kind in COMPONENT_KINDS for c in scenario.components), where
        assert set(scenario.rubric) == set(RUBRIC_DIMENSIONS), where
        assert len(scenario.facts) >= 5, where
        assert len(scenario.vocabulary) >= 5, where
        assert scenario.consistency, where
        assert scenario.source.strip(), where


def test_flow_lists_do_not_split_numbers_with_thousands_separators():
    """YAML splits `[10,000 QPS, ...]` into "10" and "000 QPS": such items must be quoted."""
    flow = re.compile(r"^\s*(-\s+)?(\w+:\s*)?[\[{]")
    for path in sorted(BUNDLED_DIR.glob("*.yaml")):
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            unquoted = re.sub(r"\"(?:[^\"\\]|\\.)*\"|'[^']*'", '""', line)
            if flow.match(unquoted):
                assert not re.search(r"\d,\d{3}", unquoted), f"{path.name}:{number}: quote it"


def test_facts_answer_clarifying_questions(library):
    scenario = library.get("notification-system")
    assert "30 days" in scenario.answer("How long do we need to keep the notifications?")
    assert scenario.answer("What colour is the logo?") == scenario.unknown_answer


def test_the_most_specific_fact_wins_and_short_keywords_match_whole_words(library):
    scenario = library.get("notification-system")
    assert "500 million users" in scenario.answer("How many users do we have?")
    assert "billion push notifications a day" in scenario.answer("How many notifications a day?")
    top_k = library.get("top-k")
    assert top_k.answer("What is K here?").startswith("K is 100")
    assert top_k.answer("Should we keep a backup?") == top_k.unknown_answer


def test_every_fact_is_reachable_by_its_own_keywords(library):
    for scenario in library:
        for fact in scenario.facts:
            assert any(
                fact.matches(f"what about {k.replace('.?', ' ')}?") for k in fact.keywords
            ), f"{scenario.id}: {fact.answer[:40]}"


def test_probe_placeholders_are_filled_with_the_candidates_labels(library):
    scenario = library.get("rate-limiter")
    probe = next(p for p in scenario.probes if p.id == "redis-partition")
    text = scenario.render_probe(probe, {"Redis": "KeyDB"})
    assert "Local rate limiter" in text and "KeyDB" in text and "{" not in text


def test_get_unknown_id_names_close_ids(library):
    with pytest.raises(UnknownScenarioError) as raised:
        library.get("notification")
    assert isinstance(raised.value, KeyError)
    assert "notification-system" in str(raised.value)


def test_duplicate_ids_are_rejected(tmp_path, library):
    document = bundled_document("rate-limiter")
    path = write(tmp_path, "copy.yaml", document)
    loaded = load_scenarios([tmp_path])
    assert len(loaded) == len(library)
    [error] = loaded.errors
    assert error.file == str(path) and error.field == "id" and "duplicate" in error.problem


def test_empty_probes_are_rejected(tmp_path):
    document = bundled_document("rate-limiter") | {"id": "my-limiter", "probes": []}
    write(tmp_path, "mine.yaml", document)
    [error] = load_scenarios([tmp_path]).errors
    assert error.field == "probes" and "at least 1" in error.problem


def test_malformed_user_file_names_file_and_field_and_others_load(tmp_path, library):
    good = bundled_document("rate-limiter") | {"id": "my-limiter"}
    write(tmp_path, "good.yaml", good)
    bad = bundled_document("rate-limiter") | {"id": "bad-one"}
    bad["components"][0]["kind"] = "loadbalancer"
    bad_path = write(tmp_path, "bad.yaml", bad)
    write(tmp_path, "broken.yml", "id: x\ntitle: [unclosed\n")
    loaded = load_scenarios([tmp_path])
    assert "my-limiter" in loaded and "bad-one" not in loaded
    assert len(loaded) == len(library) + 1
    by_file = {Path(e.file).name: e for e in loaded.errors}
    assert set(by_file) == {"bad.yaml", "broken.yml"}
    assert by_file["bad.yaml"].field == "components[API clients].kind"
    assert "client" in by_file["bad.yaml"].problem
    assert str(bad_path) in str(by_file["bad.yaml"])
    assert "not valid YAML" in by_file["broken.yml"].problem


def test_rubric_needs_all_six_dimensions():
    document = bundled_document("rate-limiter")
    del document["rubric"]["tradeoffs"]
    with pytest.raises(ValueError, match="missing tradeoffs"):
        Scenario.model_validate(document)


def test_probe_keyed_to_unknown_component_is_rejected():
    document = bundled_document("rate-limiter")
    document["probes"][0]["components"] = ["Kafka cluster"]
    with pytest.raises(ValueError, match="Kafka cluster"):
        Scenario.model_validate(document)


def test_scenarios_are_frozen(library):
    scenario = library.get("rate-limiter")
    with pytest.raises(ValueError):
        scenario.title = "changed"
    assert isinstance(ScenarioError("f.yaml", "id", "bad"), ValueError)


def test_files_read_the_same_with_the_pure_python_yaml_parser():
    """The loader uses libyaml when present; data must not depend on its leniency."""
    for path in sorted(BUNDLED_DIR.glob("*.yaml")):
        text = path.read_text("utf-8")
        assert yaml.load(text, Loader=yaml.SafeLoader) == yaml.load(text, Loader=yaml.CSafeLoader)


def test_parse_cache_is_used_refreshed_on_edit_and_survives_corruption(tmp_path):
    user, cache = tmp_path / "user", tmp_path / "cache"
    document = bundled_document("rate-limiter") | {"id": "cached-one", "title": "From YAML"}
    path = write(user, "c.yaml", document)
    assert load_scenarios([user], cache_dir=cache).get("cached-one").title == "From YAML"

    cache_file = cache / CACHE_FILE
    entries = json.loads(cache_file.read_text("utf-8"))
    assert str(BUNDLED_DIR / "news-feed.yaml") in entries
    entries[str(path)]["document"]["title"] = "From cache"
    cache_file.write_text(json.dumps(entries), "utf-8")
    clear_cache()
    assert load_scenarios([user], cache_dir=cache).get("cached-one").title == "From cache"

    write(user, "c.yaml", document | {"title": "Edited YAML file"})
    clear_cache()
    assert load_scenarios([user], cache_dir=cache).get("cached-one").title == "Edited YAML file"

    cache_file.write_text("{not json", "utf-8")
    clear_cache()
    library = load_scenarios([user], cache_dir=cache)
    assert library.errors == () and library.get("cached-one").title == "Edited YAML file"
    clear_cache()
