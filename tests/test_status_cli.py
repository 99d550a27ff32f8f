"""`kplan show` and `kplan list` through the command line, the formatting helpers, and
what the status commands leave alone (babel and jinja2 stay out of `kplan validate`)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from kplan.cli import app
from kplan.i18n import counted_in
from kplan.output.blocks import Cell, Column, Para, row, table
from kplan.output.drawing import render_rich
from kplan.output.format import counted, format_day, format_due, format_money
from kplan.output.markdown import md_cell, render_md
from kplan.plan.dates import Due
from tests.plantree import write_tree

REPO = Path(__file__).resolve().parents[1]

PLAN = {
    "plan.yaml": """\
        title: Komunitní plán Testov
        period: {start: 2019, end: 2022}
        groups:
          - {id: drogy, name: Pracovní skupina protidrogové prevence}
          - {id: bydleni, name: Pracovní skupina bydlení}
        """,
    "activities/drogy/2.1.2.yaml": """\
        id: "2.1.2"
        title: Krizové lůžko pro osoby pod vlivem drog
        implementers: [NNO]
        partners: [noclehárna-ne, terenni-program]
        responsible: Jana Nováková
        budget: {amount: 200000, sources: [KÚ MSK, SMO]}
        milestones:
          - {title: Mapovat možnosti, due: 2019}
        evaluations:
          - {year: 2020, status: delayed}
          - {year: 2021, status: on_track}
        """,
    "activities/drogy/2.1.10.yaml": """\
        id: "2.1.10"
        title: Terénní práce
        responsible: Petr Dvořák
        evaluations:
          - {year: 2020, status: on_track}
        """,
    "activities/drogy/3.1.yaml": """\
        id: "3.1"
        title: Informační kampaň
        budget: {amount: 5000, sources: [EU]}
        milestones:
          - {title: Leták, due: 2021-05, status: done}
        """,
    "activities/bydleni/3.1.yaml": """\
        id: "3.1"
        title: Sociální byty
        responsible: Jana Malá
        """,
    "services/terenni-program.yaml": """\
        id: terenni-program
        name: Terénní program
        provider: {name: "Renarkon, o.p.s."}
        kind: terenni-programy
        groups: [drogy]
        """,
    "meetings/2021-03-01-drogy.yaml": """\
        date: 2021-03-01
        group: drogy
        title: Jaro
        activities: ["2.1.2", "bydleni/3.1"]
        tasks:
          - {title: Poslat zápis, owner: Jana Nováková, due: 2021-03-05, status: done}
          - {title: Oslovit kraj, owner: Petr Dvořák, activity: "2.1.2"}
        """,
    "meetings/2020-10-01-drogy.yaml": """\
        date: 2020-10-01
        group: drogy
        title: Podzim
        tasks:
          - {title: Najít prostory, owner: Jana Nováková, due: 2021-06, activity: "3.1"}
          - {title: Sepsat žádost, owner: Jana Nováková, due: 2021-02}
        """,
    "meetings/2021-03-01-bydleni.yaml": """\
        date: 2021-03-01
        group: bydleni
        title: Byty
        """,
}


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "plan", PLAN)


def kplan(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"KPLAN_LANG": ""})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def listed(plan: Path, kind: str, *args: str) -> list[Any]:
    code, out, err = kplan("list", kind, str(plan), "-f", "json", "--as-of", "2021-04-01", *args)
    assert (code, err) == (0, "")
    items: list[Any] = json.loads(out)["items"]
    return items


# --- show ------------------------------------------------------------------------------------

def test_a_bare_number_of_several_groups_lists_the_full_references(plan: Path) -> None:
    code, out, err = kplan("show", "3.1", str(plan))
    assert (code, out) == (2, "")
    assert err == "„3.1“ odpovídá více věcem; napište celý odkaz: bydleni/3.1, drogy/3.1\n"
    code, out, _ = kplan("show", "bydleni/3.1", str(plan), "-f", "json")
    assert code == 0
    assert json.loads(out)["item"]["title"] == "Sociální byty"


def test_unknown_reference_suggests_close_ones(plan: Path) -> None:
    code, _, err = kplan("show", "2.1.3", str(plan))
    assert code == 2
    assert err == ("„2.1.3“ v plánu není (aktivita, služba ani schůzka).\n"
                   "Podobné: drogy/2.1.2\n")
    code, _, err = kplan("show", "2.1", str(plan), "--lang", "en")
    assert code == 2
    assert "Similar: drogy/2.1.2, drogy/2.1.10" in err
    assert kplan("show", "terenni-progam", str(plan))[2].endswith("Podobné: terenni-program\n")


def test_a_meeting_by_date_when_unique(plan: Path) -> None:
    code, out, _ = kplan("show", "2020-10-01", str(plan), "-f", "json", "--as-of", "2021-04-01")
    assert code == 0
    item = json.loads(out)["item"]
    assert (item["id"], item["title"]) == ("2020-10-01-drogy", "Podzim")
    assert [(t["title"], t["activity"], t["overdue"]) for t in item["tasks"]] == [
        ("Najít prostory", "drogy/3.1", False), ("Sepsat žádost", None, True)]
    code, _, err = kplan("show", "2021-03-01", str(plan))
    assert code == 2
    assert "2021-03-01-bydleni, 2021-03-01-drogy" in err


def test_an_activity_card_names_its_meetings_and_tasks(plan: Path) -> None:
    code, out, _ = kplan("show", "drogy/2.1.2", str(plan), "-f", "json", "--as-of", "2021-04-01")
    assert code == 0
    item = json.loads(out)["item"]
    assert [m["id"] for m in item["meetings"]] == ["2021-03-01-drogy"]
    assert [t["title"] for t in item["tasks"]] == ["Oslovit kraj"]
    assert item["milestones"][0] | {"title": ""} == {
        "title": "", "due": "2019", "due_day": "2019-12-31", "status": "planned",
        "done": None, "note": None, "overdue": True}
    code, out, _ = kplan("show", "2.1.2", str(plan), "--as-of", "2021-04-01")
    assert "200\xa0000\xa0Kč ročně (KÚ MSK, SMO)" in out
    assert "terenni-program (Terénní program, Renarkon, o.p.s.)" in out
    code, out, _ = kplan("show", "bydleni/3.1", str(plan), "-f", "json")
    assert [m["id"] for m in json.loads(out)["item"]["meetings"]] == ["2021-03-01-drogy"]


def test_a_card_with_errors_is_named_as_such(plan: Path) -> None:
    (plan / "activities/drogy/4.1.yaml").write_text('id: "4.1"\n', encoding="utf-8")
    code, out, err = kplan("show", "4.1", str(plan))
    assert code == 1
    assert err.splitlines() == [
        "Plán má 1 chybu; ukazuji jen to, co se načetlo. Podrobnosti: "
        f"kplan validate {plan.as_posix()}"]
    assert out.splitlines()[:3] == [
        "drogy/4.1 – nelze načíst", "Soubor:      activities/drogy/4.1.yaml",
        "První chyba: řádek 1: Chybí povinné pole „title“."]


def test_the_evaluation_shown_is_the_latest_up_to_the_day(plan: Path) -> None:
    code, out, _ = kplan("status", str(plan), "--as-of", "2020-12-31", "-f", "json",
                         "--group", "drogy")
    rows = {a["number"]: a for a in json.loads(out)["activities"]}
    assert rows["2.1.2"]["evaluation"] == {"year": 2020, "status": "delayed"}
    assert [rows[n]["state"] for n in ("2.1.2", "2.1.10", "3.1")] == ["overdue", "open", "done"]
    code, out, _ = kplan("status", str(plan), "--as-of", "2022-01-01", "-f", "json")
    assert code == 0
    rows = {a["ref"]: a for a in json.loads(out)["activities"]}
    assert rows["drogy/2.1.2"]["evaluation"] == {"year": 2021, "status": "on_track"}


# --- list ------------------------------------------------------------------------------------

def test_activities_sort_by_group_then_number_part_by_part(plan: Path) -> None:
    assert [a["ref"] for a in listed(plan, "activities")] == [
        "bydleni/3.1", "drogy/2.1.2", "drogy/2.1.10", "drogy/3.1"]


@pytest.mark.parametrize(("args", "refs"), [
    (("--text", "luzko"), ["drogy/2.1.2"]),
    (("--text", "LŮŽKO"), ["drogy/2.1.2"]),
    (("--text", "terenni prace"), ["drogy/2.1.10"]),
    (("--group", "drogy", "--responsible", "novakova"), ["drogy/2.1.2"]),
    (("--responsible", "jana"), ["bydleni/3.1", "drogy/2.1.2"]),
    (("--implementer", "renarkon"), ["drogy/2.1.2"]),
    (("--implementer", "nno"), ["drogy/2.1.2"]),
    (("--source", "ku msk"), ["drogy/2.1.2"]),
    (("--source", "KÚ"), []),
    (("--status", "on_track"), ["drogy/2.1.2", "drogy/2.1.10"]),
    (("--status", "delayed"), []),
    (("--status", "delayed", "--year", "2020"), ["drogy/2.1.2"]),
    (("--year", "2021"), ["drogy/2.1.2", "drogy/3.1"]),
])
def test_activity_filters(plan: Path, args: tuple[str, ...], refs: list[str]) -> None:
    assert [a["ref"] for a in listed(plan, "activities", *args)] == refs


def test_the_year_filter_shows_that_years_evaluation(plan: Path) -> None:
    found = listed(plan, "activities", "--year", "2020", "--group", "drogy")
    assert [(a["number"], a["evaluation"]) for a in found] == [
        ("2.1.2", {"year": 2020, "status": "delayed"}),
        ("2.1.10", {"year": 2020, "status": "on_track"})]


def test_meetings_by_date_and_tasks_by_due_then_meeting(plan: Path) -> None:
    assert [m["id"] for m in listed(plan, "meetings")] == [
        "2020-10-01-drogy", "2021-03-01-bydleni", "2021-03-01-drogy"]
    assert [m["id"] for m in listed(plan, "meetings", "--year", "2021", "--group", "drogy")] \
        == ["2021-03-01-drogy"]
    assert [(t["title"], t["overdue"]) for t in listed(plan, "tasks")] == [
        ("Sepsat žádost", True), ("Poslat zápis", False), ("Najít prostory", False),
        ("Oslovit kraj", False)]
    assert [t["title"] for t in listed(plan, "tasks", "--status", "open",
                                       "--responsible", "jana")] == [
        "Sepsat žádost", "Najít prostory"]
    assert [t["title"] for t in listed(plan, "tasks", "--year", "2021", "--text", "zapis")] \
        == ["Poslat zápis"]


def test_services_by_provider(plan: Path) -> None:
    assert [s["id"] for s in listed(plan, "services", "--implementer", "RENARKON")] == [
        "terenni-program"]
    assert listed(plan, "services", "--group", "bydleni") == []


def test_filters_that_do_not_apply_are_usage_errors(plan: Path) -> None:
    code, _, err = kplan("list", "services", str(plan), "--status", "done", "--year", "2020")
    assert code == 2
    assert err == ("--status, --year: v seznamu services se nepoužívá; lze použít --group, "
                   "--implementer, --text.\n")
    code, _, err = kplan("list", "tasks", str(plan), "--status", "on_track", "--lang", "en")
    assert code == 2
    assert "use one of open, done, dropped" in err


def test_list_text_when_piped(plan: Path) -> None:
    code, out, _ = kplan("list", "activities", str(plan), "--text", "luzko", "--as-of",
                         "2021-04-01")
    assert code == 0
    assert out.splitlines()[:2] == ["Aktivity (1)", "Filtr: --text luzko"]
    assert "| 2.1.2 | Krizové lůžko pro osoby pod vlivem drog | Jana Nováková |" in out


# --- formats -----------------------------------------------------------------------------------

def test_czech_and_english_dates_and_money() -> None:
    assert format_day(date(2019, 1, 25), "cs") == "25. 1. 2019"
    assert format_day(date(2019, 1, 25), "en") == "25 Jan 2019"
    assert format_money(200000, "CZK", "cs") == "200\xa0000\xa0Kč"
    assert format_money(1234567, "CZK", "en") == "1,234,567\xa0CZK"
    assert format_due(Due(2019, 3), "cs") == "březen 2019"
    assert format_due(Due(2019), "en") == "2019"
    assert [counted(n, "milestone", "cs") for n in (1, 3, 5, 0)] == [
        "1 krok", "3 kroky", "5 kroků", "0 kroků"]


@pytest.mark.parametrize(("count", "said"), [
    (1, "v 1 souboru"), (2, "ve 2 souborech"), (3, "ve 3 souborech"), (4, "ve 4 souborech"),
    (5, "v 5 souborech"), (7, "v 7 souborech"), (10, "v 10 souborech"),
    (11, "v 11 souborech"), (12, "ve 12 souborech"), (14, "ve 14 souborech"),
    (15, "v 15 souborech"), (20, "ve 20 souborech"), (21, "ve 21 souborech"),
    (34, "ve 34 souborech"), (49, "ve 49 souborech"), (50, "v 50 souborech"),
    (99, "v 99 souborech"), (100, "ve 100 souborech"), (250, "ve 250 souborech"),
    (499, "ve 499 souborech"), (500, "v 500 souborech"), (1000, "v 1000 souborech"),
    (1999, "v 1999 souborech"), (2000, "ve 2000 souborech"), (5000, "v 5000 souborech"),
    (12000, "ve 12000 souborech"), (100000, "ve 100000 souborech"),
    (1000000, "v 1000000 souborech"), (3000000, "ve 3000000 souborech")])
def test_czech_preposition_follows_the_spoken_number(count: int, said: str) -> None:
    """ve dvou, ve třech, ve čtyřech, ve dvanácti, ve dvaceti, ve stu, ve dvou tisících;
    v jednom, v pěti, v jedenácti, v padesáti, v tisíci, v pěti tisících, v milionu."""
    assert counted_in(count, "file", "cs") == said
    assert counted_in(count, "file", "en") == f"in {count} file{'s' if count > 1 else ''}"


def test_markdown_cells_escape_pipes_and_keep_line_breaks() -> None:
    assert md_cell("a | b\nc\r\nd") == r"a \| b<br>c<br>d"
    assert md_cell("2* do roka, <b>, [x]") == r"2\* do roka, \<b\>, \[x\]"
    markdown = render_md([Para("# není nadpis\n- ani seznam"),
                          table(["A", Column("B", right=True)],
                                [row("x|y", "1"), row("jen jedna")])])
    assert markdown == ("\\# není nadpis  \n\\- ani seznam\n\n"
                        "| A | B |\n|---|---:|\n| x\\|y | 1 |\n| jen jedna |  |\n")


def test_a_cp1250_terminal_gets_ascii_frames_and_bars() -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp1250", errors="strict")
    console = Console(file=stream, force_terminal=True, width=60, color_system=None)
    render_rich([table(["Krok", "Plnění"], [row("Lůžko", Cell(progress=(1, 4)))])], console)
    stream.flush()
    text = raw.getvalue().decode("cp1250")
    assert "| Lůžko | ##------ 1/4 |" in text
    assert "+" in text and "╭" not in text


def test_utf8_terminal_gets_boxes_and_bars() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=60, color_system=None)
    render_rich([table(["Krok", "Plnění"], [row("Lůžko", Cell(progress=(1, 4)))])], console)
    assert "╭" in out.getvalue() and "██░░░░░░ 1/4" in out.getvalue()


def _cells(line: str) -> int:
    """Display width counted without rich: accents none, East Asian wide and emoji two."""
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


DECOMPOSED = unicodedata.normalize("NFD", "Podpořit vznik krizového lůžka pro osoby")


@pytest.mark.parametrize("width", [100, 44])
def test_table_borders_line_up_with_accents_and_emoji(width: int) -> None:
    """Decomposed accents take no cell and emoji two: every line is as wide as the frame,
    also when a cell wraps (a long word cut) or is cut with an ellipsis."""
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=width, color_system=None)
    rows = [row("1 🙂", DECOMPOSED, "🙂🙂🙂 hotovo, e\u0301e\u0301"),
            row("2", "中文中文中文中文中文中文中文中文中文中文中文", "Lůžko 🛏️ připraveno")]
    render_rich([table([Column("Č.", right=True), Column("Aktivita", wrap=1), "Poznámka"],
                       rows)], console)
    lines = out.getvalue().splitlines()
    assert len(lines) > 6
    assert {_cells(line) for line in lines} == {_cells(lines[0])}
    assert _cells(lines[0]) <= width
    text = unicodedata.normalize("NFC", out.getvalue())
    assert "Podpořit" in text and "\ufffd" not in text


def test_validate_and_help_import_neither_babel_nor_jinja2() -> None:
    script = (
        "import sys\n"
        "import kplan.cli\n"
        "from typer.testing import CliRunner\n"
        "runner = CliRunner()\n"
        f"result = runner.invoke(kplan.cli.app, ['validate', {str(REPO / 'data')!r}])\n"
        "assert result.exit_code == 0, result.output\n"
        "assert runner.invoke(kplan.cli.app, ['--help']).exit_code == 0\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('babel', 'jinja2')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
