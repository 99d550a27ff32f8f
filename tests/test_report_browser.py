"""The HTML report in a real browser: Debian's chromium, driven by playwright.

Skipped only when /usr/bin/chromium is missing (.ci/run installs it). Never run
``playwright install``: it downloads a browser of its own. The screenshot and the A4 PDF
are left in test-artifacts/ to look at.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kplan.cli import app
from tests.plantree import write_tree
from tests.reportplan import AS_OF, PLAN, YEAR

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium")


def test_html_report_in_chromium(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    root = write_tree(tmp_path / "plan", PLAN)
    page_file = tmp_path / "vyhodnoceni-2021.html"
    result = CliRunner().invoke(app, ["report", str(root), "--year", YEAR, "--as-of", AS_OF,
                                      "-f", "html", "-o", str(page_file)],
                                env={"KPLAN_LANG": ""})
    assert result.exit_code == 0, result.output
    ARTIFACTS.mkdir(exist_ok=True)
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 1400})
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda error: problems.append(str(error)))
            page.on("requestfailed", lambda request: problems.append(request.url))
            page.goto(page_file.as_uri())
            assert "Vyhodnocení plnění komunitního plánu" in page.inner_text("h1")
            assert page.locator("svg.chart").count() == 3
            assert page.locator("section.group").count() == 4
            page.screenshot(path=str(ARTIFACTS / "report-2021.png"), full_page=True)
            page.set_viewport_size({"width": 390, "height": 800})
            wide = page.evaluate("document.documentElement.scrollWidth")
            page.screenshot(path=str(ARTIFACTS / "report-2021-phone.png"))
            page.pdf(path=str(ARTIFACTS / "report-2021.pdf"), format="A4",
                     print_background=True)
        finally:
            browser.close()
    assert problems == []
    assert wide <= 390, "the page scrolls sideways on a phone"
    pdf = (ARTIFACTS / "report-2021.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages >= 5, "the summary, then each of the four groups on a page of its own"
