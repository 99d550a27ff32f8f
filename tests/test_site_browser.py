"""The plan's website in a real browser: Debian's chromium, driven by playwright.

Every page loads with no console error and no failed request and passes a simple
accessibility check; the services directory finds a service by a Czech word with and
without diacritics; every page passes axe-core (from the npm registry: .ci/run installs
it into .ci-node/, and the test installs it there itself when it is missing) and the
collaboration map's labels fit their boxes. Screenshots go to test-artifacts/site-*.png.
Skipped only when /usr/bin/chromium is missing; never ``playwright install``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kplan.cli import app
from tests.plantree import write_tree
from tests.reportplan import AS_OF, NEEDS_PLAN, PLAN
from tests.test_report_browser import ARGS, ARTIFACTS, CHROMIUM

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
AXE = REPO / ".ci-node" / "node_modules" / "axe-core" / "axe.min.js"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium")

A11Y = """() => {
  const problems = [];
  const h1 = document.querySelectorAll("h1").length;
  if (h1 !== 1) problems.push(`${h1} h1 elements`);
  let last = 0;
  for (const h of document.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
    const level = Number(h.tagName[1]);
    if (level > last + 1) problems.push(`h${level} after h${last}: ${h.textContent.trim()}`);
    last = level;
  }
  for (const input of document.querySelectorAll("input, select, textarea")) {
    const labelled = (input.id && document.querySelector(`label[for="${input.id}"]`)) ||
      input.closest("label") || input.getAttribute("aria-label");
    if (!labelled) problems.push(`unlabelled ${input.tagName} ${input.id}`);
  }
  for (const img of document.querySelectorAll("img")) {
    if (!img.hasAttribute("alt")) problems.push(`img without alt ${img.src}`);
  }
  for (const svg of document.querySelectorAll("svg")) {
    const titled = svg.getAttribute("aria-label") ||
      (svg.firstElementChild && svg.firstElementChild.tagName.toLowerCase() === "title");
    if (!titled) problems.push("svg without a title or aria-label");
  }
  if (!document.documentElement.lang) problems.push("no lang");
  return problems;
}"""


def _site(tmp_path: Path, plan: Path, as_of: str) -> Path:
    out = tmp_path / "web"
    result = CliRunner().invoke(app, ["site", str(plan), "-o", str(out), "--as-of", as_of],
                                env={"KPLAN_LANG": ""})
    assert result.exit_code == 0, result.output
    return out


def _check_pages(site: Path, prefix: str) -> dict[str, list[str]]:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    found: dict[str, list[str]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            problems: list[str] = []
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda error: problems.append(str(error)))
            page.on("requestfailed", lambda request: problems.append(request.url))
            for html in sorted(site.rglob("*.html")):
                name = html.relative_to(site).as_posix()
                problems.clear()
                page.goto(html.as_uri())
                problems += page.evaluate(A11Y)
                found[name] = list(problems)
                if "/" not in name:
                    shot = name.removesuffix(".html")
                    page.screenshot(path=str(ARTIFACTS / f"{prefix}-{shot}.png"), full_page=True)
            page.set_viewport_size({"width": 390, "height": 800})
            for name in ("index.html", "sluzby.html"):
                page.goto((site / name).as_uri())
                wide = page.evaluate("document.documentElement.scrollWidth")
                found[name + " (phone)"] = [] if wide <= 390 else [f"scrolls sideways: {wide}"]
                page.screenshot(path=str(ARTIFACTS / f"{prefix}-{name[:-5]}-phone.png"),
                                full_page=True)
        finally:
            browser.close()
    return found


def test_every_page_loads_cleanly_and_is_accessible(tmp_path: Path) -> None:
    plan = write_tree(tmp_path / "plan", NEEDS_PLAN)
    site = _site(tmp_path, plan, AS_OF)
    found = _check_pages(site, "site")
    assert len(found) >= 15
    assert {name: problems for name, problems in found.items() if problems} == {}


def test_directory_search_with_and_without_diacritics(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    site = _site(tmp_path, DATA, "2021-06-01")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.goto((site / "sluzby.html").as_uri())
            items = page.locator("#sluzby > li")
            total = items.count()
            assert total == 2

            def shown(query: str) -> list[str]:
                page.fill("#hledat", query)
                return [items.nth(i).locator("h2").inner_text() for i in range(total)
                        if items.nth(i).is_visible()]

            assert len(shown("terénní")) == 2
            assert shown("terenni") == shown("terénní")
            assert shown("TERENNI renarkon") == [t for t in shown("terénní") if "Renarkon" in t]
            assert shown("gambleři") == shown("gambleri") != []
            assert shown("kontaktní centrum v Praze") == []
            assert page.locator("#nic").is_visible()
            shown("terenni")
            page.screenshot(path=str(ARTIFACTS / "site-data-search.png"), full_page=True)
        finally:
            browser.close()


def _axe_source() -> str:
    if not AXE.exists():
        npm = shutil.which("npm")
        assert npm, "axe-core comes from the npm registry: install npm (Debian package npm)"
        subprocess.run([npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix",
                        str(AXE.parents[2]), "axe-core@4"], check=True, timeout=600)
    return AXE.read_text(encoding="utf-8")


AXE_RUN = """async () => (await axe.run(document)).violations.map(
  v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(" ")).join(", ")}`)"""

LABELS = """() => [...document.querySelectorAll("svg.collab rect")].flatMap(rect => {
  const box = rect.getBBox();
  const text = rect.nextElementSibling.getBBox();
  const inside = text.x >= box.x && text.y >= box.y && text.x + text.width <= box.x + box.width
    && text.y + text.height <= box.y + box.height;
  return inside ? [] : [rect.nextElementSibling.textContent];
})"""


@pytest.mark.parametrize("plan", ["reportplan", "needsplan", "data"])
def test_every_page_passes_axe_core(tmp_path: Path, plan: str) -> None:
    from playwright.sync_api import sync_playwright

    files = {"reportplan": PLAN, "needsplan": NEEDS_PLAN}
    root = write_tree(tmp_path / "plan", files[plan]) if plan in files else DATA
    site = _site(tmp_path, root, "2021-06-01" if plan == "data" else AS_OF)
    axe = _axe_source()
    found: dict[str, list[str]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            for html in sorted(site.rglob("*.html")):
                page.goto(html.as_uri())
                page.add_script_tag(content=axe)
                found[html.relative_to(site).as_posix()] = page.evaluate(AXE_RUN)
            page.goto((site / "mapa.html").as_uri())
            found["mapa.html (labels outside their boxes)"] = page.evaluate(LABELS)
        finally:
            browser.close()
    assert "mapa.html" in found
    assert ("potreby.html" in found) is (plan != "reportplan")
    assert {name: problems for name, problems in found.items() if problems} == {}
