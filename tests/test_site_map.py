"""The collaboration map's drawing and the site's front page, read without a browser.

The map is parsed as XML: every edge is sampled along its path (curves and straight
segments) and no point may lie inside a box; every box shows its node's whole label.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kplan.cli import app
from tests.plantree import write_tree
from tests.reportplan import PLAN
from tests.test_export import EXTRA

DATA = Path(__file__).resolve().parents[1] / "data"
SVG = "{http://www.w3.org/2000/svg}"
Point = tuple[float, float]
Rect = tuple[float, float, float, float]


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), env={"KPLAN_LANG": ""})
    assert result.exit_code == 0, result.output
    return result.stdout


def _plans(tmp_path: Path) -> list[Path]:
    services = {f"services/sluzba-{n}.yaml": (
        f"id: sluzba-{n}\nname: Služba {n}\nkind: terenni-programy\n"
        f"provider: {{name: Poskytovatel {n}}}\ngroups: [drogy]\n") for n in range(3)}
    partnered = {"activities/drogy/1.4.yaml": (
        'id: "1.4"\ntitle: Aktivita se službami jako partnery a s dlouhým názvem, který se '
        "nevejde na jeden řádek rámečku\nimplementers: [Poskytovatel 2, \"Nový spolek, z. s.\"]\n"
        "partners: [sluzba-0, sluzba-2, terenni-program]\n")}
    return [DATA, write_tree(tmp_path / "plan", {**PLAN, **EXTRA, **services, **partnered})]


def _points(d: str) -> list[Point]:
    """Points along a path of M, L and C commands (absolute), 100 a segment."""
    tokens = re.findall(r"[MLC]|-?[0-9.]+", d)
    points: list[Point] = []
    index = 0
    while index < len(tokens):
        command = tokens[index]
        count = {"M": 1, "L": 1, "C": 3}[command]
        values = [float(t) for t in tokens[index + 1:index + 1 + 2 * count]]
        corners = [(values[i], values[i + 1]) for i in range(0, len(values), 2)]
        index += 1 + 2 * count
        if command == "M":
            points.append(corners[0])
            continue
        start = points[-1]
        for step in range(1, 101):
            t = step / 100
            if command == "L":
                (x, y), = corners
                points.append((start[0] + (x - start[0]) * t, start[1] + (y - start[1]) * t))
            else:
                p = [start, *corners]
                weights = ((1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t ** 3)
                points.append((sum(w * q[0] for w, q in zip(weights, p, strict=True)),
                               sum(w * q[1] for w, q in zip(weights, p, strict=True))))
    return points


def _inside(point: Point, rect: Rect) -> bool:
    x, y, width, height = rect
    return x + 0.5 < point[0] < x + width - 0.5 and y + 0.5 < point[1] < y + height - 0.5


def _drawing(root: Path) -> tuple[ET.Element, dict[str, Rect], dict[str, str]]:
    svg = ET.fromstring(_run("map", str(root), "--format", "svg"))
    boxes: dict[str, Rect] = {}
    for rect in svg.iter(f"{SVG}rect"):
        x, y, width, height = (float(rect.get(k, "")) for k in ("x", "y", "width", "height"))
        boxes[rect.get("data-node", "")] = (x, y, width, height)
    labels = {n["id"]: n["label"] for n in
              json.loads(_run("map", str(root), "--format", "json"))["nodes"]}
    return svg, boxes, labels


def test_no_edge_passes_under_a_box(tmp_path: Path) -> None:
    for root in _plans(tmp_path):
        svg, boxes, labels = _drawing(root)
        assert set(boxes) == set(labels)
        paths = list(svg.iter(f"{SVG}path"))
        assert len(paths) >= 4
        for path in paths:
            under = {node for point in _points(path.get("d", ""))
                     for node, rect in boxes.items() if _inside(point, rect)}
            assert under == set(), (path.get("data-source"), path.get("data-target"), under)


def test_nno_and_smo_reach_the_activity_beside_the_services(tmp_path: Path) -> None:
    svg, boxes, _ = _drawing(DATA)
    target = "activity:protidrogova-prevence/2.1.2"
    ends = {(p.get("data-source"), p.get("data-target")): _points(p.get("d", ""))[-1]
            for p in svg.iter(f"{SVG}path")}
    for organisation in ("org:NNO", "org:SMO"):
        x, y = ends[(organisation, target)]
        bx, by, _, height = boxes[target]
        assert x == bx and by < y < by + height


def test_every_box_shows_its_whole_label(tmp_path: Path) -> None:
    for root in _plans(tmp_path):
        svg, _, labels = _drawing(root)
        shown = {}
        for group in [*svg.iter(f"{SVG}a"), *svg.iter(f"{SVG}g")]:
            rect, text = group.find(f"{SVG}rect"), group.find(f"{SVG}text")
            if rect is not None and text is not None:
                shown[rect.get("data-node")] = " ".join(
                    span.text or "" for span in text.iter(f"{SVG}tspan"))
        assert shown == {node: " ".join(label.split()) for node, label in labels.items()}
        assert "…" not in ET.tostring(svg, encoding="unicode")


def test_map_on_the_site_is_a_group_of_links_not_an_image(tmp_path: Path) -> None:
    out = tmp_path / "web"
    _run("site", str(DATA), "-o", str(out), "--as-of", "2021-06-01")
    page = (out / "mapa.html").read_text(encoding="utf-8")
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert 'role="group" aria-label="Mapa spolupráce"' in svg and 'role="img"' not in svg
    assert svg.count("<a href=") == 5  # activities and services
    assert 'role="img"' in _run("map", str(DATA), "--format", "svg")


@pytest.mark.parametrize("area", ["Ostrava", "Frýdek-Místek"])
def test_front_page_lead_needs_no_declension(tmp_path: Path, area: str) -> None:
    plan_yaml = str(PLAN["plan.yaml"]).replace("area: Testov", f"area: {area}")
    root = write_tree(tmp_path / "plan", {**PLAN, "plan.yaml": plan_yaml})
    out = tmp_path / "web"
    _run("site", str(root), "-o", str(out), "--as-of", "2022-02-15")
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<p class="lead">Na těchto stránkách najdete, které sociální služby plán zahrnuje, ' \
        "co dělají a na koho se obrátit, a jak se plní aktivity plánu.</p>" in page
    assert f"pro {area}" not in page
