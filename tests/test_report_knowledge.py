"""The HTML report links each knowledge-base probe to its entry: a real interviewer session
recorded by the real Recorder, rendered, and the links checked in the HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from recordings import Recorder, build_replay, load_recording
from recordings.annotations import Annotation, from_event
from recordings.html_report import render_report
from recordings.reader import Event
from tests.agent_harness import FakeClock, start


class _Links(HTMLParser):
    """Anchors (href) and element ids of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if attrs.get("id"):
            self.ids.add(attrs["id"])


def _session(tmp_path):
    clock = FakeClock()
    recorder = Recorder(tmp_path / "recordings", meta={"scenario": "rate-limiter"}, clock=clock)
    run = start("rate-limiter", tmp_path)
    run.interviewer._on_event = recorder.record  # the CLI wires the recorder the same way
    run.say("We limit per API key and reject with a 429.")
    clock.now = 30.0
    run.say("100,000 keys at 24 bytes is 2.4 MB per node.")
    scores = run.interviewer.wrap_up()
    return recorder.finish(scores)


def test_report_links_each_probe_to_its_glossary_entry(tmp_path):
    path = _session(tmp_path)
    replay = build_replay(load_recording(path))
    probes = [a for a in replay.annotations if a.kind == "probe" and a.kb]
    assert [a.entry["id"] for a in probes] == ["per-node-memory-fits-in-ram"]
    cited = [a["kb"] for a in replay.to_dict()["annotations"] if a.get("kb")]
    assert [c["id"] for c in cited] == ["per-node-memory-fits-in-ram"]  # `hotseat replay --json`
    html = render_report(replay, embed_audio=False)
    links = _Links()
    links.feed(html)
    assert "#kb-per-node-memory-fits-in-ram" in links.hrefs
    assert "kb-per-node-memory-fits-in-ram" in links.ids  # the anchor exists in the page
    assert all(h[1:] in links.ids for h in links.hrefs if h.startswith("#"))
    source = probes[0].entry["source"]
    assert source.startswith("http") and source in links.hrefs
    glossary = html[html.index('id="glossary"') :]
    assert "Per-node working set fits in RAM" in glossary
    assert "hotseat kb show per-node-memory-fits-in-ram" in glossary


def test_report_without_cited_probes_has_no_glossary(tmp_path):
    clock = FakeClock()
    recorder = Recorder(tmp_path / "recordings", meta={"scenario": "rate-limiter"}, clock=clock)
    recorder.record({"type": "followup", "kind": "probe", "text": "Where is the state kept?"})
    html = render_report(build_replay(load_recording(recorder.finish())), embed_audio=False)
    assert 'id="glossary"' not in html and "#kb-" not in html


def test_untrusted_citation_never_becomes_markup():
    event = Event(
        1,
        2.0,
        "followup",
        {
            "text": "Why?",
            "kb": {"id": 'x" onclick="alert(1)', "name": "n", "source": "javascript:alert(1)"},
        },
    )
    (note,) = from_event(event)
    assert note.kb == ()
    ok = Event(2, 3.0, "followup", {"text": "Why?", "kb": {"id": "outbox", "source": "ftp://x"}})
    (cited,) = from_event(ok)
    assert cited.entry == {
        "id": "outbox",
        "name": "outbox",
        "kind": "",
        "summary": "",
        "source": "",
    }
    assert isinstance(cited, Annotation) and re.fullmatch(r"[a-z-]+", cited.entry["id"])
