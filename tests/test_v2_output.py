"""What the output must say of a real plan (DATA.md, "Reading a real plan"): a card that
does not load is named with its file and first error in `status`, `show` and the report;
money without a split is its own row; unknown money is "neuvedeno"; the meetings
sentence only where it is true; the shares of the evaluation states; what carries over."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kplan.cli import app
from kplan.i18n import Lang, in_lang
from kplan.load.loader import load_plan
from kplan.render.context import build_report
from tests.plantree import write_tree
from tests.reportplan import PLAN

BROKEN = 'id: "1.1.3"\ntitle: Noční linka\nresposible: Jana\n'


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "plan", PLAN)


def kplan(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"KPLAN_LANG": "", "NO_COLOR": "",
                                                      "COLUMNS": "120"})
    return result.exit_code, result.stdout, result.stderr


def broken(plan: Path) -> Path:
    (plan / "activities/drogy/1.1.3.yaml").write_text(BROKEN, encoding="utf-8")
    return plan


# --- a card that does not load ------------------------------------------------------------------

def test_the_loader_names_a_card_that_did_not_load_with_its_first_error(plan: Path) -> None:
    loaded = load_plan(broken(plan), today=date(2022, 2, 15)).plan
    [card] = loaded.unloaded
    assert (card.ref, card.file, card.line, card.error and card.error.code) == (
        "drogy/1.1.3", "activities/drogy/1.1.3.yaml", 3, "KP201")


def test_status_shows_a_card_that_did_not_load(plan: Path) -> None:
    code, out, _ = kplan("status", str(broken(plan)), "--as-of", "2022-02-15", "-f", "md")
    assert code == 0
    assert "- **Aktivity:** 5 (nelze načíst: 1)" in out
    assert "| 1.1.3 | activities/drogy/1.1.3.yaml<br>nelze načíst | " \
        "řádek 3: Neznámé pole „resposible“. |" in out
    code, out, _ = kplan("status", str(plan), "--as-of", "2022-02-15", "-f", "json")
    assert json.loads(out)["unloaded"] == [
        {"ref": "drogy/1.1.3", "group": "drogy", "number": "1.1.3",
         "file": "activities/drogy/1.1.3.yaml",
         "error": {"line": 3, "column": 1, "code": "KP201"}}]


def test_status_of_a_group_whose_only_card_did_not_load(plan: Path) -> None:
    (plan / "activities/rodiny").mkdir()
    (plan / "activities/rodiny/1.1.yaml").write_text('id: "1.1"\n', encoding="utf-8")
    _, out, _ = kplan("status", str(plan), "-g", "rodiny", "--as-of", "2022-02-15",
                      "-f", "md")
    assert "Nic neodpovídá" not in out
    assert "| 1.1 | activities/rodiny/1.1.yaml<br>nelze načíst | " \
        "řádek 1: Chybí povinné pole „title“. |" in out
    _, out, _ = kplan("status", str(plan), "-g", "rodiny", "--as-of", "2022-02-15",
                      "--brief")
    assert "1.1 (activities/rodiny/1.1.yaml): nelze načíst, řádek 1: Chybí povinné pole " \
        "„title“." in out


def test_show_names_the_file_and_first_error_and_exits_1(plan: Path) -> None:
    code, out, err = kplan("show", "1.1.3", str(broken(plan)), "-f", "md")
    assert code == 1
    assert out.splitlines()[0] == "## drogy/1.1.3 – nelze načíst"
    assert "activities/drogy/1.1.3.yaml" in out
    assert "řádek 3: Neznámé pole „resposible“." in out
    assert err.startswith("Plán má 1 chybu")
    code, out, _ = kplan("show", "drogy/1.1.3", str(plan), "-f", "json", "--lang", "en")
    assert json.loads(out)["kind"] == "unloaded"
    code, out, _ = kplan("show", "drogy/1.1.3", str(plan), "--lang", "en")
    assert "line 3:" in out and "cannot be loaded" in out


def test_the_report_lists_a_card_that_did_not_load_in_its_group(plan: Path) -> None:
    code, out, _ = kplan("report", str(broken(plan)), "--year", "2021", "--as-of", "2022-02-15")
    assert code == 0
    assert "### Karty, které nelze načíst\n\n- **1.1.3** (soubor activities/drogy/1.1.3.yaml): " \
        "nelze načíst; první chyba: řádek 3: Neznámé pole „resposible“.\n" in out
    assert "Karet, které nelze načíst (nejsou v počtech): 1." in out
    code, out, _ = kplan("report", str(plan), "--year", "2021", "--as-of", "2022-02-15",
                         "-f", "html")
    assert "<code>activities/drogy/1.1.3.yaml</code>): nelze načíst; první chyba: řádek 3" in out


@pytest.mark.parametrize("lang", ["cs", "en"])
def test_the_report_and_the_views_say_the_same_of_a_card_that_did_not_load(lang: Lang) -> None:
    from kplan.output.unloaded import CANNOT_LOAD, words
    from kplan.render.words import report_words

    said = report_words(lang, 2021)["cannot_load"]
    assert said == words("cannot_load", lang) == in_lang(CANNOT_LOAD, lang)
    assert words("title", lang, ref="g/1.1") == f"g/1.1 – {said}"
    assert words("count", lang, count=2) == f"{said}: 2"


def test_a_group_whose_only_card_did_not_load_is_not_said_to_have_none(plan: Path) -> None:
    (plan / "activities/rodiny").mkdir()
    (plan / "activities/rodiny/1.1.yaml").write_text('id: "1.1"\n', encoding="utf-8")
    _, out, _ = kplan("report", str(plan), "--year", "2021", "--as-of", "2022-02-15")
    rodiny = out.split("## Pracovní skupina rodiny s dětmi")[1].split("\n## ")[0]
    assert "Skupina nemá žádné aktivity." not in rodiny
    assert "- **1.1** (soubor activities/rodiny/1.1.yaml): nelze načíst" in rodiny


# --- the meetings sentence ------------------------------------------------------------------------

def test_met_as_agreed_only_where_something_is_counted(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "p", {"plan.yaml": """\
        title: Plán
        period: {start: 2020, end: 2023}
        groups:
          - {id: drogy, name: Drogy}
        """})
    _, out, _ = kplan("status", str(root), "--as-of", "2021-06-01", "-f", "md")
    assert "Skupiny se scházely, jak mají." not in out
    assert "Není co počítat: žádná skupina nemá v plan.yaml min\\_meetings\\_per\\_year, " \
        "nebo zatím nemá schůzky." in out


def test_met_as_agreed_where_it_is_true(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "p", {
        "plan.yaml": """\
            title: Plán
            period: {start: 2021, end: 2023}
            groups:
              - {id: drogy, name: Drogy, min_meetings_per_year: 1}
            """,
        "meetings/2021-03-01-drogy.yaml": "date: 2021-03-01\ngroup: drogy\n"})
    _, out, _ = kplan("status", str(root), "--as-of", "2021-06-01", "-f", "md")
    assert "Skupiny se scházely, jak mají." in out


# --- money ----------------------------------------------------------------------------------

MONEY_PLAN = {
    "plan.yaml": """\
        title: Plán
        period: {start: 2020, end: 2021}
        funding_sources: {SMO: Město, KÚ: Kraj}
        groups:
          - {id: drogy, name: Drogy}
        """,
    "activities/drogy/1.1.yaml": """\
        id: "1.1"
        title: Šest zdrojů
        budget: {amount: 150000, sources: [SMO, KÚ, MPSV, MV, MZ, EU]}
        evaluations:
          - {year: 2021, status: done, spent: 120000}
        """,
    "activities/drogy/1.2.yaml": """\
        id: "1.2"
        title: Jeden zdroj
        budget: {amount: 10000, sources: [SMO]}
        """,
    "activities/drogy/1.3.yaml": """\
        id: "1.3"
        title: Bez rozpočtu
        evaluations:
          - {year: 2021, status: on_track}
        """,
}


def test_money_named_without_a_split_is_one_row_not_one_per_source(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "p", MONEY_PLAN)
    _, out, _ = kplan("report", str(root), "--year", "2021", "--as-of", "2022-02-15")
    money = out.split("### Peníze")[1].split("###")[0]
    assert "| SMO – Město | 1 | 10\xa0000\xa0Kč | neuvedeno |" in money
    assert "| nerozděleno podle zdrojů | 1 | 150\xa0000\xa0Kč | 120\xa0000\xa0Kč |" in money
    assert "| **Celkem** | **3** | **160\xa0000\xa0Kč** | **120\xa0000\xa0Kč** |" in money
    assert "KÚ" not in money.split("\n\n")[1]
    _, out, _ = kplan("report", str(root), "--year", "2021", "--as-of", "2022-02-15",
                      "-f", "html")
    assert out.count(">150\xa0000\xa0Kč</text>") == 1


def test_unknown_money_is_neuvedeno_never_0(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "p", {**MONEY_PLAN, "activities/drogy/1.1.yaml": "",
                                       "activities/drogy/1.2.yaml": ""})
    (root / "activities/drogy/1.1.yaml").unlink()
    (root / "activities/drogy/1.2.yaml").unlink()
    _, out, _ = kplan("report", str(root), "--year", "2021", "--as-of", "2022-02-15")
    assert "| **Celkem** | **1** | **neuvedeno** | **neuvedeno** |" in out
    assert "0\xa0Kč" not in out


# --- shares, carry-over ---------------------------------------------------------------------

def test_shares_and_what_carries_over_in_the_last_year(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "p", MONEY_PLAN)
    _, out, _ = kplan("report", str(root), "--year", "2021", "--as-of", "2022-02-15")
    assert "| splněno | 1 | 33,3 % |" in out
    assert "| bez hodnocení | 1 | 33,3 % |" in out
    assert "### Co přechází do dalšího plánu\n\nRok 2021 je posledním rokem plánu. Aktivity, " \
        "které nejsou splněné ani zrušené:\n\n| Aktivity | Hodnocení |\n|---|---|\n" \
        "| drogy/1.2 Jeden zdroj | bez hodnocení |\n| drogy/1.3 Bez rozpočtu | plní se |\n" in out
    _, out, _ = kplan("report", str(root), "--year", "2020", "--as-of", "2022-02-15")
    assert "Co přechází" not in out


def test_report_of_the_last_year_when_everything_is_closed(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "p", {"plan.yaml": MONEY_PLAN["plan.yaml"],
                                       "activities/drogy/1.1.yaml": """\
        id: "1.1"
        title: Hotovo
        evaluations:
          - {year: 2020, status: done}
        """})
    loaded = load_plan(root, today=date(2022, 2, 15)).plan
    summary = build_report(loaded, 2021, date(2022, 2, 15), "cs").summary
    assert summary.carry_over == ()
    _, out, _ = kplan("report", str(root), "--year", "2021", "--as-of", "2022-02-15")
    assert "Rok 2021 je posledním rokem plánu; všechny aktivity jsou splněné nebo zrušené." \
        in out


def test_the_budget_export_has_money_without_a_split_as_its_own_row(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "p", MONEY_PLAN)
    code, out, _ = kplan("export", "csv", "budget", str(root), "--sep", ",")
    assert code == 0
    assert out.lstrip("\ufeff").splitlines() == [
        "Zdroj,Název zdroje,Rok,Aktivit,Plánováno,Vyčerpáno",
        "SMO,Město,2020,1,10000,", "SMO,Město,2021,1,10000,",
        "nerozděleno podle zdrojů,,2020,1,150000,",
        "nerozděleno podle zdrojů,,2021,1,150000,120000"]
