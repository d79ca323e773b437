"""The tablet board in a real browser: headless Debian Chromium driven by Playwright draws two
boxes and an arrow with pointer events, labels them, and the server's graph follows; a reload
redraws the board from the server; a wrong token is refused."""

from __future__ import annotations

import time

import pytest

from agent.whiteboard import ComponentKind
from agent.whiteboard.tablet import TabletBoard
from tests.browser import chromium

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser():
    with chromium() as instance:
        yield instance


def wait_for(predicate, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


def draw(page, points, steps_between=1):
    """Press, move through `points` (canvas coordinates), release: real pointer events."""
    box = page.locator("#board").bounding_box()
    ox, oy = box["x"], box["y"]
    page.mouse.move(ox + points[0][0], oy + points[0][1])
    page.mouse.down()
    for x, y in points[1:]:
        page.mouse.move(ox + x, oy + y, steps=steps_between)
    page.mouse.up()


def rectangle(x, y, w, h, wobble=2.0):
    pts = []
    corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y + 2)]
    for (x0, y0), (x1, y1) in zip(corners, corners[1:], strict=False):
        for i in range(12):
            s = i / 12
            jitter = wobble * ((i * 7) % 3 - 1)
            pts.append((x0 + (x1 - x0) * s + jitter, y0 + (y1 - y0) * s - jitter))
    pts.append(corners[-1])
    return pts


def arrow(x0, y0, x1, y1):
    pts = [(x0 + (x1 - x0) * i / 30, y0 + (y1 - y0) * i / 30 + (i % 2)) for i in range(31)]
    pts += [(x1 - 14, y1 - 9), (x1, y1), (x1 - 14, y1 + 9)]
    return pts


def label(page, tablet, x, y, text):
    box = page.locator("#board").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    field = page.locator("#label-input")
    field.wait_for(state="visible")
    field.fill(text)
    field.press("Enter")


def test_draw_label_reload_and_refuse(browser):
    with TabletBoard("127.0.0.1", 0) as tablet:
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        page.goto(tablet.url)
        page.wait_for_selector('#status[data-state="live"]')

        draw(page, rectangle(60, 80, 180, 100))
        draw(page, rectangle(520, 90, 180, 100))
        assert wait_for(lambda: len(tablet.board.components) == 2), tablet.board.to_dict()
        # an arrow from inside the first box to the edge of the second
        draw(page, arrow(200, 130, 525, 140))
        assert wait_for(lambda: len(tablet.board.edges) == 1), page.inner_text("#toast")

        label(page, tablet, 150, 130, "API server")
        label(page, tablet, 610, 140, "Postgres")
        assert wait_for(
            lambda: (
                {c.label for c in tablet.board.components.values()} == {"API server", "Postgres"}
            )
        )

        board = tablet.board
        by_label = {c.label: c for c in board.components.values()}
        assert by_label["API server"].kind is ComponentKind.SERVICE
        assert by_label["Postgres"].kind is ComponentKind.DATABASE
        (edge,) = board.edges.values()
        assert (edge.source, edge.target) == (by_label["API server"].id, by_label["Postgres"].id)
        codes = {f.code for f in tablet.findings}
        assert "NO_REPLICATION" in codes and "ORPHAN" not in codes
        page.wait_for_function(f"document.body.dataset.revision === '{board.revision}'")
        assert "NO_REPLICATION" in page.inner_text("#findings")

        # the interviewer's question shows up and highlights its component
        tablet.show_question("What happens when Postgres goes down?", [by_label["Postgres"].id])
        page.wait_for_selector("#question:not([hidden])")
        assert "Postgres goes down" in page.inner_text("#question")

        # hold a box to move it
        canvas = page.locator("#board").bounding_box()
        page.mouse.move(canvas["x"] + 150, canvas["y"] + 130)
        page.mouse.down()
        page.wait_for_timeout(500)
        page.mouse.move(canvas["x"] + 170, canvas["y"] + 330, steps=8)
        page.mouse.up()
        api = by_label["API server"].id
        assert wait_for(lambda: tablet.board.components[api].y > 200)
        assert len(tablet.board.edges) == 1  # moving keeps the arrow

        # reload: the page is redrawn from the server
        revision = tablet.board.revision
        page.reload()
        page.wait_for_selector('#status[data-state="live"]')
        page.wait_for_function(f"document.body.dataset.revision === '{revision}'")
        items = page.locator("#components li")
        assert items.count() == 2
        assert set(items.all_inner_texts()) == {"API server service", "Postgres database"}
        assert page.evaluate("window.hotseat.board.edges.length") == 1
        assert "Postgres goes down" in page.inner_text("#question")

        # a wrong token gets no page and no socket
        response = page.goto(tablet.url.replace(tablet.token, "not-the-token"))
        assert response.status == 403
        page.close()


def test_icon_labelled_beside_it_and_a_group_are_read_like_a_file(browser):
    """A small icon labelled by tapping beside it, and a box drawn around two workers with an
    arrow into it: the server reads the icon's name, the group as a group (not a component),
    and the arrow as reaching both workers, the way `whiteboard analyze` reads a file."""
    from agent.whiteboard.understanding import understood

    with TabletBoard("127.0.0.1", 0) as tablet:
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        page.goto(tablet.url)
        page.wait_for_selector('#status[data-state="live"]')

        draw(page, rectangle(60, 300, 150, 80))  # the queue
        draw(page, rectangle(430, 250, 140, 70))  # two workers...
        draw(page, rectangle(430, 400, 140, 70))
        assert wait_for(lambda: len(tablet.board.components) == 3), tablet.board.to_dict()
        draw(page, rectangle(380, 200, 260, 320))  # ...and a box drawn around them
        draw(page, rectangle(800, 90, 50, 50))  # a small icon
        assert wait_for(lambda: len(tablet.board.components) == 5), tablet.board.to_dict()
        draw(page, arrow(215, 340, 395, 370))  # from the queue into the group, between workers
        assert wait_for(lambda: len(tablet.board.edges) == 1), page.inner_text("#toast")

        label(page, tablet, 130, 340, "Job queue")
        label(page, tablet, 500, 285, "Email Worker")
        label(page, tablet, 500, 435, "SMS Worker")
        label(page, tablet, 400, 215, "Workers")  # inside the group box, off the workers
        label(page, tablet, 875, 115, "Redis")  # beside the icon, not on it
        labels = {"Job queue", "Email Worker", "SMS Worker", "Workers", "Redis"}
        assert wait_for(lambda: {c.label for c in tablet.board.components.values()} == labels)

        raw = tablet.board
        icon = next(c for c in raw.components.values() if c.label == "Redis")
        assert icon.kind is ComponentKind.CACHE and icon.w < 80
        read = understood(raw)
        names = {c.id: c.label for c in read.components.values()}
        assert set(names.values()) == labels - {"Workers"}
        assert {(names[e.source], names[e.target]) for e in read.edges.values()} == {
            ("Job queue", "Email Worker"),
            ("Job queue", "SMS Worker"),
        }
        group = next(c.id for c in raw.components.values() if c.label == "Workers")
        findings = tablet.findings
        assert not any(group in f.components for f in findings)
        orphans = {names[c] for f in findings if f.code == "ORPHAN" for c in f.subjects}
        assert orphans == {"Redis"}
        assert any(f.code == "UNBOUNDED_QUEUE" for f in findings)
        page.close()
