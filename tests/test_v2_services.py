"""A service's forms, capacity and website in `show`, the report and the site."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from kplan.cli import app
from tests.plantree import write_tree
from tests.reportplan import PLAN


def run(*args: str) -> str:
    result = CliRunner().invoke(app, [*args, "--as-of", "2021-06-01"], env={"KPLAN_LANG": ""})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_show_of_a_service_says_its_forms_capacity_and_website(tmp_path: Path) -> None:
    shown = run("show", "kontaktni-centrum", str(write_tree(tmp_path / "p", PLAN)))
    assert shown.splitlines()[4:8] == [
        "Formy:         ambulantní, terénní",
        "Skupiny:       Pracovní skupina protidrogové prevence (drogy), Pracovní skupina "
        "senioři (seniori)",
        "Kapacita:      20 klientů (denně)",
        "Web:           https://kc.example.org"]


def test_the_site_page_of_a_service_says_them(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "p", PLAN)
    run("site", str(root), "-o", str(tmp_path / "web"))
    page = (tmp_path / "web/sluzby/kontaktni-centrum.html").read_text(encoding="utf-8")
    assert '<dt>Web</dt><dd><a href="https://kc.example.org">https://kc.example.org</a></dd>' \
        in page
    assert "<dt>Forma</dt><dd>ambulantní, terénní</dd>" in page
    assert "<dt>Kapacita</dt><dd>20 klientů (denně)</dd>" in page
    other = (tmp_path / "web/sluzby/poradna.html").read_text(encoding="utf-8")
    assert "<dt>Kapacita</dt>" not in other and "<dt>Web</dt>" not in other
