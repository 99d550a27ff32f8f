"""The site's page of needs (potreby.html): each analysis, its needs with what answers each,
gaps first; linked from every page's navigation, and absent when the plan has no needs."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from kplan.load.loader import load_plan
from kplan.render.site import build_site, site_files
from tests.plantree import write_tree
from tests.reportplan import NEEDS_PLAN, PLAN

AS_OF = date(2022, 2, 15)


def _site(tmp_path: Path, files: dict[str, str | bytes]) -> dict[str, str]:
    plan = load_plan(write_tree(tmp_path / "plan", files), today=AS_OF).plan
    return build_site(plan, AS_OF, None)


def _cells(html: str) -> list[list[str]]:
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    found = [[" ".join(re.sub(r"<[^>]+>", " ", cell).split())
              for cell in re.findall(r"<td>(.*?)</td>", row, re.S)] for row in rows]
    return [cells for cells in found if cells]


def test_the_page_lists_each_analysis_gaps_first(tmp_path: Path) -> None:
    page = _site(tmp_path, NEEDS_PLAN)["potreby.html"]
    assert page.index("Anketa mezi seniory") < page.index("Workshop skupiny protidrogové")
    assert _cells(page) == [
        ["Doprava k lékaři senioři", "chceme", "nepokryto"],
        ["Noclehárna | v zimě", "chceme", "nepokryto"],
        ["Zadluženost klientů", "problém", "nepokryto"],
        ["Krizové lůžko pro lidi v akutní krizi", "nemáme",
         "aktivita drogy/1.1.1 Krizové lůžko služba Terénní program"],
        ["Terénní práce v ulicích", "máme", "služba Terénní program"],
        ["Zrušení kontaktního centra", "riziko", "–"],
    ]
    assert '<a href="aktivity/drogy/1.1.1.html">' in page
    assert '<a href="sluzby/terenni-program.html">Terénní program</a>' in page
    assert '<a href="skupiny/drogy.html">Pracovní skupina protidrogové prevence</a>' in page
    assert "<dt>Zdroj</dt><dd>Zápis z workshopu, Jana Nováková</dd>" in page


def test_every_page_links_to_it(tmp_path: Path) -> None:
    files = _site(tmp_path, NEEDS_PLAN)
    assert '<a href="potreby.html">Potřeby</a>' in files["index.html"]
    assert '<a href="../../potreby.html">Potřeby</a>' in files["aktivity/drogy/1.1.1.html"]
    assert '<a href="potreby.html" aria-current="page">Potřeby</a>' in files["potreby.html"]


def test_a_plan_without_needs_has_no_such_page(tmp_path: Path) -> None:
    files = _site(tmp_path, PLAN)
    assert "potreby.html" not in files
    assert "potreby.html" not in files["index.html"]


def test_the_long_pages_of_a_big_plan_are_within_the_bound_of_one_value(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The front page's table of every activity is written as it is made, and the map
    comes to its template drawn: neither is made as one value of the template, which on
    10,000 cards would be 4 and 13 million characters, over the bound on one value
    (``render/sizes.MAX_ITEMS``) that stops a hostile template."""
    plan = load_plan(write_tree(tmp_path / "plan", PLAN), today=AS_OF).plan
    whole = build_site(plan, AS_OF, None)
    front, drawn = whole["index.html"], whole["mapa.html"]
    table = front[front.index('<table class="data">'):front.index("</table>")]
    svg = drawn[drawn.index("<svg"):drawn.index("</svg>")]
    monkeypatch.setattr("kplan.render.sizes.MAX_ITEMS", min(len(table), len(svg)) // 2)
    pages = site_files(plan, AS_OF, None)
    made = {name: "".join(pieces)
            for name, pieces in (next(pages) for _ in range(list(whole).index("mapa.html") + 1))}
    assert {"index.html", "mapa.html"} <= made.keys()
    assert made == {name: whole[name] for name in made}
