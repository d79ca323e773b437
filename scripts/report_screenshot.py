"""Take docs/report.png: the first screen (1280x800) of a session's HTML report in headless
Chromium (Debian's, as the tests use it).

    .venv/bin/hotseat demo                      # records a session and writes its report
    .venv/bin/python scripts/report_screenshot.py $HOTSEAT_HOME/sessions/<id>/report.html
"""

from __future__ import annotations

import argparse
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path, help="a report.html")
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).parent.parent / "docs/report.png"
    )
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(options.report.resolve().as_uri())
        page.screenshot(path=str(options.out))
        browser.close()
    print(f"wrote {options.out}")


if __name__ == "__main__":
    main()
