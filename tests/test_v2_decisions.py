"""Decisions with a resolution number and money (version 2) in the report's meetings and in
the meetings table of kplan export: the amount formatted as money, unknown money
"neuvedeno", never 0."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from kplan.cli import app
from tests.plantree import write_tree

PLAN = {
    "plan.yaml": """\
        title: Plán
        period: {start: 2022, end: 2023}
        groups:
          - {id: drogy, name: Drogy}
        """,
    "meetings/2022-03-02-drogy.yaml": """\
        date: 2022-03-02
        group: drogy
        decisions:
          - Plán se schvaluje.
          - {text: Dotace na terénní službu, resolution: "usnesení RM č. 12/2022", amount: 150000}
          - {text: Dotace na linku, amount: 50000}
        """,
    "meetings/2022-05-04-drogy.yaml": """\
        date: 2022-05-04
        group: drogy
        decisions:
          - {text: Příspěvek na stáž, resolution: "č. 3/2022", amount: null}
          - {text: Zápis se schvaluje, resolution: "č. 4/2022"}
        """,
    "meetings/2022-06-01-drogy.yaml": """\
        date: 2022-06-01
        group: drogy
        decisions: [Bez peněz.]
        """,
}


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), env={"KPLAN_LANG": "", "NO_COLOR": ""})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_report_says_each_decisions_resolution_and_money(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "plan", PLAN)
    report = run("report", str(root), "--year", "2022", "--as-of", "2023-01-10")
    assert ("  1. Plán se schvaluje.\n"
            "  2. Dotace na terénní službu (usnesení RM č. 12/2022; 150\xa0000\xa0Kč)\n"
            "  3. Dotace na linku (50\xa0000\xa0Kč)\n") in report
    assert ("  1. Příspěvek na stáž (č. 3/2022; částka: neuvedeno)\n"
            "  2. Zápis se schvaluje (č. 4/2022)\n") in report
    assert "  1. Bez peněz.\n" in report
    assert "0\xa0Kč" not in report.replace("000\xa0Kč", "")
    english = run("report", str(root), "--year", "2022", "--as-of", "2023-01-10",
                  "--lang", "en")
    assert "  1. Příspěvek na stáž (č. 3/2022; amount: not given)\n" in english
    assert "  3. Dotace na linku (50,000\xa0CZK)\n" in english


def test_the_html_report_too(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "plan", PLAN)
    target = tmp_path / "report.html"
    run("report", str(root), "--year", "2022", "--as-of", "2023-01-10", "--format", "html",
        "-o", str(target))
    html = target.read_text(encoding="utf-8")
    assert ("<li>Dotace na terénní službu <span class=\"muted\">(usnesení RM č. 12/2022; "
            "150\xa0000\xa0Kč)</span></li>") in html
    assert "<li>Příspěvek na stáž <span class=\"muted\">(č. 3/2022; částka: neuvedeno)</span>" \
        in html
    assert "<li>Bez peněz.</li>" in html


def test_the_meetings_table_has_the_resolutions_and_the_money(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "plan", PLAN)
    text = run("export", "csv", "meetings", str(root)).lstrip("\ufeff")
    assert text.splitlines() == [
        "Zápis;Datum;Čas;Skupina;Druh;Název;Místo;Projednané aktivity;Usnesení;Čísla usnesení;"
        "Částka usnesení;Úkolů;Příští schůzka",
        '2022-03-02-drogy;2022-03-02;;drogy;pracovní skupina;;;;"Plán se schvaluje.',
        "Dotace na terénní službu",
        'Dotace na linku";"–',
        "usnesení RM č. 12/2022",
        '–";200000;0;',
        '2022-05-04-drogy;2022-05-04;;drogy;pracovní skupina;;;;"Příspěvek na stáž',
        'Zápis se schvaluje";"č. 3/2022',
        'č. 4/2022";neuvedeno;0;',
        "2022-06-01-drogy;2022-06-01;;drogy;pracovní skupina;;;;Bez peněz.;;;0;"]
    english = run("export", "csv", "meetings", str(root), "--lang", "en").lstrip("\ufeff")
    assert english.splitlines()[0].endswith(
        "Decisions;Resolution numbers;Decided amount;Tasks;Next meeting")
    assert "not given" in english


def test_the_workbook_formats_the_decided_amount_as_money(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "plan", PLAN)
    target = tmp_path / "plan.xlsx"
    run("export", "xlsx", str(root), "-o", str(target))
    sheet = openpyxl.load_workbook(io.BytesIO(target.read_bytes()))["Schůzky"]
    header = [c.value for c in sheet[1]]
    amount = header.index("Částka usnesení") + 1
    numbers = header.index("Čísla usnesení") + 1
    cells = [sheet.cell(row=row, column=amount) for row in (2, 3, 4)]
    assert [c.value for c in cells] == [200000, "neuvedeno", None]
    assert cells[0].number_format == '#,##0 "Kč"'
    assert sheet.cell(row=2, column=numbers).value == "–\nusnesení RM č. 12/2022\n–"


def test_show_says_money_not_known_as_the_report_does(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "plan", PLAN)
    shown = run("show", "2022-05-04-drogy", str(root), "--as-of", "2023-01-10")
    assert "- Příspěvek na stáž (č. 3/2022; částka: neuvedeno)\n" in shown
    assert "- Zápis se schvaluje (č. 4/2022)\n" in shown
    english = run("show", "2022-05-04-drogy", str(root), "--as-of", "2023-01-10", "--lang", "en")
    assert "- Příspěvek na stáž (č. 3/2022; amount: not given)\n" in english
