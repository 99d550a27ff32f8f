"""Bad values in the data and in options get a message, never a traceback: numbers out of
range (KP214), days out of range in options (exit 2), ``!!str`` tags."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kplan.cli import app
from kplan.diagnostics.codes import message
from kplan.load.loader import load_plan

CORPUS = Path(__file__).parent / "corpus"
CARD = "activities/prevence/1.1.1.yaml"
HUGE = "9" * 5000
runner = CliRunner()


def kplan(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"GITHUB_ACTIONS": "", "KPLAN_LANG": "",
                                                 "COLUMNS": "200"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_DATE": "2021-01-05T10:00:00", "GIT_COMMITTER_DATE": "2021-01-05T10:00:00"}
    return subprocess.run(["git", "-c", "user.name=Jana", "-c", "user.email=j@example.org",
                           *args], cwd=cwd, env=env, capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return Path(shutil.copytree(CORPUS / "VALID-minimal", tmp_path / "plan",
                                ignore=shutil.ignore_patterns("expected.txt")))


def add_to_card(root: Path, text: str) -> None:
    with (root / CARD).open("a", encoding="utf-8") as card:
        card.write(text)


# --- numbers ---------------------------------------------------------------------------------

@pytest.mark.parametrize("amount", ["1" * 29, "1" * 400, HUGE])
@pytest.mark.parametrize("command", [
    "show 1.1.1 {root}", "status {root} --as-of 2021-01-01", "report {root} --year 2020",
    "list activities {root}", "export xlsx {root} -o {tmp}/plan.xlsx",
    "site {root} -o {tmp}/site --as-of 2021-01-01"])
def test_a_huge_amount_is_an_error_and_no_command_crashes(plan: Path, tmp_path: Path,
                                                          amount: str, command: str) -> None:
    add_to_card(plan, f"budget: {{amount: {amount}, per: year}}\n")
    code, out, err = kplan(*command.format(root=plan, tmp=tmp_path).split())
    assert code == (1 if command.startswith("show") else 0), err
    assert err.startswith("Plán má 1 chybu")
    if command.startswith("show"):
        assert "prevence/1.1.1 – nelze načíst" in out


def test_infinity_and_nan_are_kp214_with_their_place(plan: Path) -> None:
    add_to_card(plan, "indicators:\n  - name: Klienti\n    target: .inf\n"
                      "    values: {2020: .nan, 2021: -.inf}\n")
    found = [(d.line, d.column, d.code, d.args["value"])
             for d in load_plan(plan).diagnostics]
    assert found == [(6, 13, "KP214", ".inf"), (7, 20, "KP214", ".nan"),
                     (7, 32, "KP214", "-.inf")]


def test_a_huge_number_is_shown_short(plan: Path) -> None:
    add_to_card(plan, f"evaluations:\n  - year: 2020\n    status: done\n    spent: {HUGE}\n")
    [found] = load_plan(plan).diagnostics
    assert (found.line, found.column, found.code) == (7, 12, "KP214")
    assert message(found, "cs") == ("Číslo 99999999999999999999… v poli „spent“ je mimo "
                                    "rozsah 0 až 1\xa0000\xa0000\xa0000\xa0000, který kplan "
                                    "přijímá.")
    assert message(found, "en") == ("The number 99999999999999999999… in 'spent' is outside "
                                    "the range 0 to 1,000,000,000,000 that kplan accepts.")


def test_the_largest_accepted_amount_shows(plan: Path) -> None:
    add_to_card(plan, "budget: {amount: 1000000000000, per: year}\n")
    code, out, err = kplan("show", "1.1.1", str(plan))
    assert (code, err) == (0, "")
    assert "1\xa0000\xa0000\xa0000\xa0000\xa0Kč" in out


def test_evaluate_refuses_to_write_an_amount_out_of_range(plan: Path) -> None:
    before = (plan / CARD).read_bytes()
    code, out, _ = kplan("evaluate", "1.1.1", str(plan), "--year", "2020", "--status", "done",
                         "--spent", "9" * 40)
    assert code == 1
    assert "KP214" in out and "nic se nezapsalo" in out
    assert (plan / CARD).read_bytes() == before


def test_changes_and_log_read_a_history_holding_a_5000_digit_number(plan: Path) -> None:
    card = (plan / CARD).read_text(encoding="utf-8")
    milestone = "milestones:\n  - title: Zmapovat lokality\n    due: 2020\n    status: {}\n"
    (plan / CARD).write_text(card + milestone.format("planned"), encoding="utf-8")
    git(plan, "init", "-q", "-b", "main")
    git(plan, "add", "-A")
    git(plan, "commit", "-q", "-m", "Plán")
    add_to_card(plan, f"budget: {{amount: {HUGE}, per: year}}\n")
    git(plan, "commit", "-q", "-am", "Obrovská částka")
    (plan / CARD).write_text(card + milestone.format("done"), encoding="utf-8")
    git(plan, "commit", "-q", "-am", "Hotovo")
    code, out, err = kplan("changes", str(plan), "--since", "HEAD~2")
    assert (code, err) == (0, ""), err
    assert "Zmapovat lokality" in out
    code, out, err = kplan("log", "1.1.1", str(plan))
    assert (code, err) == (0, ""), err
    assert "3 zápisy v gitu" in out and "Zmapovat lokality" in out


# --- days and years in options --------------------------------------------------------------

@pytest.mark.parametrize(("command", "said"), [
    ("status {root} --as-of 9999-12-31", "--as-of: den 9999-12-31"),
    ("overdue {root} --as-of 1899-12-31", "--as-of: den 1899-12-31"),
    ("upcoming {root} --as-of 9999-06-01 --within 1y", "--as-of: den 9999-06-01"),
    ("report {root} --as-of 0001-01-01", "--as-of: den 0001-01-01"),
    ("site {root} -o {tmp}/site --as-of 9999-12-31", "--as-of: den 9999-12-31"),
    ("new meeting prevence {root} --date 9999-12-31", "--date: den 9999-12-31"),
    ("done 1.1.1 1 {root} --date 2201-01-01", "--date: den 2201-01-01"),
])
def test_a_day_out_of_range_is_a_usage_mistake(plan: Path, tmp_path: Path, command: str,
                                               said: str) -> None:
    before = sorted(plan.rglob("*"))
    code, out, err = kplan(*command.format(root=plan, tmp=tmp_path).split())
    assert (code, out) == (2, "")
    assert err == f"{said} je mimo rozsah, se kterým kplan počítá (1900-01-01 až 2200-12-31).\n"
    assert sorted(plan.rglob("*")) == before


@pytest.mark.parametrize("year", ["0", "-1", "1899", "2201", "99999"])
def test_a_report_year_out_of_range_is_a_usage_mistake(plan: Path, year: str) -> None:
    code, out, err = kplan("report", str(plan), "--year", year, "--as-of", "2021-01-01")
    assert (code, out) == (2, "")
    assert err == f"--year: rok {year} je mimo rozsah, se kterým kplan počítá (1900–2200).\n"
    code, _, err = kplan("report", str(plan), "--year", year, "--lang", "en")
    assert err == f"--year: the year {year} is outside the range kplan works with (1900–2200).\n"


@pytest.mark.parametrize("command", [
    "report {root} --year 1900 --as-of 1900-01-01", "report {root} --year 2200 --as-of 2200-12-31",
    "site {root} -o {tmp}/site --as-of 2200-12-31", "status {root} --as-of 1900-01-01",
    "upcoming {root} --as-of 2200-12-31 --within 9999y",
    "status {root} --as-of 2200-12-31 --within 9999m",
    "new meeting prevence {root} --date 2200-12-31"])
def test_the_ends_of_the_range_work(plan: Path, tmp_path: Path, command: str) -> None:
    code, _, err = kplan(*command.format(root=plan, tmp=tmp_path).split())
    assert code == 0
    # a year outside the plan's period is worth a word, nothing more
    assert err == "" or (err.startswith("Pozor: rok ") and err.count("\n") == 1), err


# --- YAML tags -------------------------------------------------------------------------------

def test_an_explicit_str_tag_is_text(plan: Path) -> None:
    text = (plan / CARD).read_text(encoding="utf-8").replace('id: "1.1.1"', "id: !!str 1.1.1")
    (plan / CARD).write_text(text + "measure: !!str 1.1\n", encoding="utf-8")
    assert load_plan(plan).diagnostics == []
