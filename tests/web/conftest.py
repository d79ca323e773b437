"""Fixtures for the web app tests: a live `hotseat serve` server on a free port and headless
Chromium (Debian's, through the shared launcher's binary and flags)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from agent.web.server import WebServer
from scenarios import load_scenarios
from tests.browser import ARGS, CHROMIUM

FAKE_MIC = [
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
    "--autoplay-policy=no-user-gesture-required",
]


@contextmanager
def chromiums(*flag_sets: list[str]) -> Iterator[list[Any]]:
    """One Chromium process per set of extra flags (each its own fake microphone file), from
    the shared launcher's binary and flags."""
    if not CHROMIUM.exists():
        pytest.skip("chromium is not installed (make system-deps)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browsers: list[Any] = []
        try:
            for extra in flag_sets:
                browsers.append(
                    playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS + extra)
                )
            yield browsers
        finally:
            for browser in browsers:
                browser.close()


@contextmanager
def chromium_with(extra: list[str]) -> Iterator[Any]:
    """The shared launcher's Chromium with extra flags (the fake microphone)."""
    with chromiums(extra) as (browser,):
        yield browser


@pytest.fixture(scope="module")
def browser():
    with chromium_with([]) as instance:
        yield instance


@pytest.fixture
def server(hotseat_home):
    with WebServer(hotseat_home, load_scenarios(), port=0) as running:
        yield running


def wait_for(predicate: Callable[[], Any], timeout: float = 30.0) -> Any:
    """Poll a condition (generous: the CI box is a loaded 2-core machine)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    return predicate()


def boxes_apart(page, selectors: list[str]) -> list[tuple[str, str]]:
    """Pairs of the given regions whose bounding boxes intersect (empty: nothing overlaps).
    Every region must be visible and non-empty."""
    rects = {}
    for sel in selectors:
        box = page.locator(sel).bounding_box()
        assert box is not None, f"{sel} is not rendered"
        assert box["width"] > 20 and box["height"] > 20, f"{sel} is empty: {box}"
        rects[sel] = box
    overlaps = []
    names = list(rects)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            ra, rb = rects[a], rects[b]
            if (
                ra["x"] < rb["x"] + rb["width"] - 0.5
                and rb["x"] < ra["x"] + ra["width"] - 0.5
                and ra["y"] < rb["y"] + rb["height"] - 0.5
                and rb["y"] < ra["y"] + ra["height"] - 0.5
            ):
                overlaps.append((a, b))
    return overlaps
