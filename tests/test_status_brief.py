"""kplan status --brief: a group of 20 activities fits one projector screen (120×40)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from kplan.cli import app
from kplan.load.loader import load_plan
from kplan.output.brief import status_brief_doc
from kplan.output.drawing import draw
from kplan.query.status import status
from kplan.query.timeframe import Scope
from tests.plantree import write_tree

AS_OF = "2025-06-30"
LONG = "Zajistit dostupnost terénní práce a krizové pomoci pro osoby ohrožené závislostí"


def _plan(tmp_path: Path) -> Path:
    files = {"plan.yaml": """\
        title: Komunitní plán sociálních služeb statutárního města Testov 2024–2026
        period: {start: 2024, end: 2026}
        groups:
          - id: drogy
            name: Pracovní skupina protidrogové prevence a snižování rizik
            priorities:
              - number: "1"
                title: Dostupnost služeb
                measures: [{number: "1.1", title: Krizová pomoc}, {number: "1.2", title: Síť}]
        """}
    for n in range(1, 21):
        measure = "1.1" if n <= 10 else "1.2"
        files[f"activities/drogy/{measure}.{n}.yaml"] = f"""\
            id: "{measure}.{n}"
            title: {LONG} {n}
            responsible: Jana Nováková
            milestones:
              - {{title: {LONG} – první krok, due: 2025-01, status: done, done: 2025-01-10}}
              - {{title: {LONG} – druhý krok, due: 2025-03}}
              - {{title: {LONG} – třetí krok, due: 2025-08}}
              - {{title: {LONG} – čtvrtý krok, due: 2026}}
            """
    files["meetings/2025-02-10-drogy.yaml"] = """\
        date: 2025-02-10
        group: drogy
        tasks:
          - {title: Oslovit kraj s žádostí o peníze na krizové lůžko, owner: Petr Dvořák}
          - {title: Objednat lůžko, owner: Jana Nováková, due: 2025-07-31}
          - {title: Svolat kulatý stůl, owner: Jana Nováková, due: 2025-04}
        next_meeting: 2025-09
        """
    return write_tree(tmp_path / "plan", files)


@pytest.mark.parametrize("width", [120, 100])
def test_twenty_activities_fit_one_screen(width: int, tmp_path: Path) -> None:
    plan = load_plan(_plan(tmp_path)).plan
    view = status(plan, Scope(date.fromisoformat(AS_OF), "drogy"))
    console = Console(file=io.StringIO(), width=width, force_terminal=True, color_system=None)
    text = "".join(draw(status_brief_doc(view, {}, "cs"), console))
    lines = text.rstrip("\n").split("\n")
    assert len(lines) <= 40, text
    assert max(map(len, lines)) <= width
    assert sum(line.startswith("│ 1.") for line in lines) == 20


def test_brief_from_the_command_line(tmp_path: Path) -> None:
    root = _plan(tmp_path)
    result = CliRunner().invoke(app, ["status", str(root), "--group", "drogy", "--brief",
                                      "--as-of", AS_OF], env={"KPLAN_LANG": ""})
    assert result.exit_code == 0, result.output
    lines = result.stdout.rstrip("\n").split("\n")
    assert len(lines) <= 40, result.stdout
    assert lines[-2:] == [
        "Splněno 20 z 80 kroků; po termínu 21, do 30. 9. 2025 21, otevřené úkoly 3. Vše: kplan "
        "status bez",
        "--brief; karta: kplan show ČÍSLO."]
    full = CliRunner().invoke(app, ["status", str(root), "--group", "drogy", "--as-of", AS_OF])
    assert len(full.stdout.splitlines()) > 100
