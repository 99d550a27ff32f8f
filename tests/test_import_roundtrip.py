"""kplan export docx, then kplan import of that document, gives back the same cards, field
by field: over the example plan and over the tests' plans."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from kplan.cli import app
from kplan.load.loader import load_plan
from kplan.plan.activity import Activity
from tests.plantree import PLAN_YAML, write_tree
from tests.test_status_golden import PLAN as STATUS_PLAN

DATA = Path(__file__).parents[1] / "data"
TODAY = date(2026, 11, 23)
NOT_IN_THE_LAYOUT = {"evaluations", "related", "previous_numbers", "indicators", "measure",
                     "milestones", "needs", "groups", "after"}

TEST_PLAN = {
    "plan.yaml": PLAN_YAML,
    "activities/drogy/2.1.2.yaml": """\
        id: "2.1.2"
        title: "Podpořit vznik krizového lůžka: první krok"
        implementers: [NNO, "Renarkon, o.p.s."]
        partners: ["Charita Testov, z. ú."]
        responsible: Jana Nováková
        description: [Jedna věta. Druhá věta v témže kroku.]
        target_groups: [lidé bez domova, Klienti – zájemci o lůžko]
        budget: {amount: 1200000, per: total, sources: [SMO]}
        area: Testov
        risks: [Peníze]
        milestones:
          - {title: Zajistit jednání, due: 2019, status: done, done: 2019-05-03}
          - {title: Najít prostory, due: 2020-03}
          - {title: Otevřít lůžko, due: 2021-06-30, status: in_progress}
          - {title: Druhé lůžko, due: 2022, status: cancelled}
        indicators:
          - {name: Počet lůžek, unit: lůžek, target: 2}
        """,
    "activities/drogy/2.2.yaml": """\
        id: "2.2"
        title: Prevence na školách
        measure: "2"
        """,
}


def _plans(tmp_path: Path) -> dict[str, Path]:
    return {"data": DATA, "test": write_tree(tmp_path / "test", TEST_PLAN),
            "status": write_tree(tmp_path / "status", STATUS_PLAN)}


def _fields(card: Activity) -> dict[str, object]:
    data = {k: v for k, v in card.model_dump(mode="json").items() if k not in NOT_IN_THE_LAYOUT}
    data["measure"] = card.measure_number
    data["milestones"] = [{k: m[k] for k in ("title", "due", "status", "done")}
                          for m in card.model_dump(mode="json")["milestones"]]
    data["indicators"] = [i.name for i in card.indicators]
    return data


def _without_cards(root: Path, target: Path) -> Path:
    """The plan with its services and meetings, without its cards."""
    shutil.copytree(root, target, ignore=lambda folder, names: [
        n for n in names if n == "activities" and Path(folder) == root])
    return target


@pytest.mark.parametrize("name", ["data", "test", "status"])
def test_word_export_imports_back_to_the_same_cards(tmp_path: Path, name: str) -> None:
    root = _plans(tmp_path)[name]
    plan = load_plan(root, today=TODAY).plan
    assert plan.activities
    copy = _without_cards(root, tmp_path / f"{name}-copy")
    for group in sorted({a.group for a in plan.activities}):
        document = tmp_path / f"{name}-{group}.docx"
        result = CliRunner().invoke(app, ["export", "docx", str(root), "--group", group,
                                          "-o", str(document)])
        assert result.exit_code == 0, result.output
        result = CliRunner().invoke(app, ["import", str(document), str(copy), "-g", group])
        assert result.exit_code == 0, result.output
        assert "Přeneseno vše, co podklad obsahuje." in result.output
        back = load_plan(copy, today=TODAY).plan
        assert (copy / "plan.yaml").read_bytes() == (root / "plan.yaml").read_bytes()
        for card in (a for a in plan.activities if a.group == group):
            again = back.activity(card.ref)
            assert again is not None, card.ref
            assert _fields(again) == _fields(card), card.ref


def test_the_word_layout(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "test", TEST_PLAN)
    document = tmp_path / "karty.docx"
    CliRunner().invoke(app, ["export", "docx", str(root), "-o", str(document)])
    read = docx.Document(str(document))
    headings = [p.text for p in read.paragraphs if p.style and p.style.name.startswith(
        ("Heading", "Title"))]
    assert headings == ["Komunitní plán Testov", "Pracovní skupina protidrogové prevence",
                        "Priorita 2 Dostupnost služeb", "Opatření 2.1 Krizová pomoc"]
    first = [(row.cells[0].text, row.cells[1].text) for row in read.tables[0].rows]
    assert first[:3] == [("Číslo aktivity", "2.2"), ("Název aktivity", "Prevence na školách"),
                         ("Realizátor", "")]
    second = dict((row.cells[0].text, row.cells[1].text) for row in read.tables[1].rows)
    assert second["Neinvestiční náklady a finanční zdroje"] == "1 200 000 Kč celkem – SMO"
    assert second["Harmonogram zásadních kroků"] == (
        "• 2019 – Zajistit jednání [splněno 2019-05-03]\n• 2020-03 – Najít prostory\n"
        "• 2021-06-30 – Otevřít lůžko [probíhá]\n• 2022 – Druhé lůžko [zrušeno]")
