"""kplan minutes: a meeting's minutes as the group sends them out (golden files).

Refresh the golden files after an intended change with ``UPDATE_GOLDEN=1 python -m pytest
tests/test_minutes.py`` and review the diff of tests/golden/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kplan.cli import app
from tests.plantree import write_tree
from tests.test_status_golden import PLAN, check_golden, tables

MEETING = "2025-06-20-drogy"
PINNED = {
    **PLAN,
    f"meetings/{MEETING}.yaml": """\
        date: 2025-06-20
        time: "09:00–11:00"
        group: drogy
        title: Jednání pracovní skupiny k lůžku
        place: Magistrát, zasedací místnost 12
        attendees: [Jana Nováková, Petr Dvořák, "Renarkon, o.p.s."]
        minutes_by: Jana Nováková
        agenda:
          - Kontrola úkolů
          - Krizové lůžko
        activities: ["1.1.2"]
        notes: |
          Skupina prošla úkoly z února.

          Kraj odpověděl, že peníze na lůžko dá až v roce 2026:
          - požádat znovu v září
        decisions:
          - Skupina doporučuje požádat kraj znovu v září.
          - Lůžko se vybaví z rozpočtu *SMO*.
        tasks:
          - {title: Poslat žádost kraji, owner: Petr Dvořák, due: 2025-09-15, activity: "1.1.2"}
          - {title: Rozeslat zápis, owner: Jana Nováková, due: 2025-06-27}
        next_meeting: 2025-09-22
        """,
}


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "plan", PINNED)


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), env={"KPLAN_LANG": ""})
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout


@pytest.mark.parametrize(("name", "extra"), [
    ("minutes.md", []), ("minutes.html", ["--format", "html"]),
    ("minutes-en.md", ["--lang", "en"]),
])
def test_golden(name: str, extra: list[str], plan: Path) -> None:
    check_golden(name, run("minutes", MEETING, str(plan), *extra))


def test_a_date_names_the_meeting(plan: Path) -> None:
    assert run("minutes", "2025-06-20", str(plan)) == run("minutes", MEETING, str(plan))


def test_the_minutes_tables_keep_their_shape(plan: Path) -> None:
    found = tables(run("minutes", MEETING, str(plan)))
    assert [rows[0] for rows in found] == [
        ["Úkol", "Kdo", "Termín", "Aktivita"],
        ["Číslo", "Aktivita", "Splněné kroky", "Další krok"],
        ["Termín", "Úkol", "Aktivita", "Kdo"],
        ["Termín", "Úkol", "Aktivita", "Kdo"],
        ["Úkol", "Kdo", "Termín", "Aktivita"],
    ]
    assert found[0][1] == ["Poslat žádost kraji", "Petr Dvořák", "15. 9. 2025", "1.1.2"]
    for rows in found:
        assert len({len(r) for r in rows}) == 1, rows


def test_output_to_a_folder_or_a_file(plan: Path, tmp_path: Path) -> None:
    text = run("minutes", MEETING, str(plan))
    assert run("minutes", MEETING, str(plan), "-o", str(tmp_path)) == ""
    assert (tmp_path / f"zapis-{MEETING}.md").read_text(encoding="utf-8") == text
    target = tmp_path / "zapis.html"
    run("minutes", MEETING, str(plan), "-f", "html", "-o", str(target))
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_plan_template_replaces_a_block(plan: Path) -> None:
    (plan / "templates").mkdir()
    (plan / "templates/minutes.md.j2").write_text(
        '{% extends "kplan/minutes.md.j2" %}{% block footer %}\n\nSchválil: předseda\n'
        "{% endblock %}", encoding="utf-8")
    text = run("minutes", MEETING, str(plan))
    assert text.endswith("### Otevřené úkoly z dřívějších jednání\n\n"
                         "| Úkol | Kdo | Termín | Aktivita |\n|---|---|---|---|\n"
                         "| Oslovit kraj | Petr Dvořák | duben 2025 |  |\n"
                         "| Objednat lůžko | Jana Nováková | 31. 7. 2025 | 1.1.2 |\n"
                         "\nSchválil: předseda\n")


@pytest.mark.parametrize(("ref", "message"), [
    ("1.1.2", "„1.1.2“ není schůzka; zadejte název souboru schůzky bez .yaml, nebo její "
              "datum.\n"),
    ("2031-01-01", None),
])
def test_not_a_meeting_is_a_usage_mistake(ref: str, message: str | None, plan: Path) -> None:
    result = CliRunner().invoke(app, ["minutes", ref, str(plan)], env={"KPLAN_LANG": ""})
    assert result.exit_code == 2
    assert result.stdout == ""
    if message is not None:
        assert result.stderr == message
