"""A coordinator does it alone, in Czech: help and usage mistakes in Czech, values as people
type them, the everyday edits as commands, defaults that say when they bite."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import click
import pytest
import typer.main
from typer.testing import CliRunner

from kplan.cli import app, main
from kplan.plan.statuses import EvaluationStatus, MilestoneStatus, TaskStatus, status_from_words
from tests.test_edit import changed_lines

EXAMPLE = Path(__file__).resolve().parents[1] / "data"
GROUP = "protidrogova-prevence"
CARD = f"activities/{GROUP}/2.1.2.yaml"
MEETING = f"meetings/2016-11-22-{GROUP}.yaml"
CLICK_ENGLISH = re.compile(r"Usage:|Options|Commands|Arguments|Show this message|\[required\]|"
                           r"\bINTEGER\b|\bPATH\b|\[default|\w\.\.\.$|\w…$", re.MULTILINE)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    return Path(shutil.copytree(EXAMPLE, tmp_path / "data"))


def kplan(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"KPLAN_LANG": "", **(env or {})})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def mistake(argv: list[str], monkeypatch: pytest.MonkeyPatch,
            capsys: pytest.CaptureFixture[str]) -> str:
    monkeypatch.setattr("sys.argv", ["kplan", *argv])
    monkeypatch.delenv("KPLAN_LANG", raising=False)
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 2
    return capsys.readouterr().err


def _commands(command: click.Command, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    if isinstance(command, click.Group):
        return [found for name, sub in command.commands.items()
                for found in [(*path, name), *_commands(sub, (*path, name))]]
    return []


@pytest.mark.parametrize("path", [(), *_commands(typer.main.get_command(app))])
def test_help_has_no_english_words_of_click_and_no_cut_descriptions(path: tuple[str, ...]) -> None:
    code, out, _ = kplan(*path, "--help")
    assert code == 0
    assert CLICK_ENGLISH.findall(out) == []
    assert out.startswith(f"Použití: kplan {' '.join(path)}".replace("  ", " "))
    assert "Zobrazí tuto nápovědu a skončí." in out


def test_help_in_english_with_lang_en() -> None:
    out = kplan("done", "--help", "--lang", "en")[1]
    assert out.startswith("Usage: kplan done [OPTIONS] ACTIVITY MILESTONE [FOLDER]\n")
    assert "Show this message and exit.\n" in out and "Arguments:\n" in out
    assert "\n  [FOLDER]   The plan's folder" in out and "\n  --date DAY " in out


CZECH_NAMES = re.compile(r"\b(AKTIVITA|KROK|SLOŽKA|SKUPINA|SCHŮZKA|ÚKOL|ČÍSLO|DEN|STAV|POLE|"
                         r"HODNOTA|CESTA|CO|TABULKA|SOUBOR|VOLBY|PŘÍKAZ|ARGUMENTY)\b")


@pytest.mark.parametrize("path", _commands(typer.main.get_command(app)))
def test_placeholders_in_english_with_lang_en(path: tuple[str, ...]) -> None:
    out = kplan(*path, "--help", env={"KPLAN_LANG": "en"})[1]
    usage, options = out.splitlines()[0], out.partition("Options:")[2]
    assert usage.startswith(f"Usage: kplan {' '.join(path)}")
    assert CZECH_NAMES.findall(usage) == []
    assert CZECH_NAMES.findall(" ".join(re.findall(r"^  (-\S+(?: \S+)?)", options,
                                                   re.MULTILINE))) == []


def test_a_missing_argument_in_english(monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert mistake(["new", "activity", "--lang", "en"], monkeypatch, capsys) == (
        "Error: missing GROUP – the working group (its id in plan.yaml); for a card of the "
        "plan as a whole (activities/NUMBER.yaml) give the NUMBER alone.\n"
        "Help: kplan new activity --help\n")


def test_every_argument_is_described() -> None:
    def arguments(command: click.Command) -> list[click.Argument]:
        if isinstance(command, click.Group):
            return [a for sub in command.commands.values() for a in arguments(sub)]
        return [p for p in command.params if isinstance(p, click.Argument)]

    undescribed = [a.name for a in arguments(typer.main.get_command(app)) if not a.help]
    assert undescribed == []
    out = kplan("done", "--help")[1]
    assert "Argumenty:\n  AKTIVITA  Aktivita: skupina/číslo, nebo číslo, které používá jen " \
           "jedna\n            skupina.  [povinné]\n" in out


def test_the_list_of_commands_gives_whole_descriptions() -> None:
    out = kplan("--help")[1]
    assert out.startswith("Použití: kplan [VOLBY] PŘÍKAZ [ARGUMENTY]...\n")
    assert "status Stav plánu na schůzku skupiny: aktivity podle priorit a opatření, co je " \
           "po termínu, co se blíží, otevřené úkoly a skupiny, které se scházejí méně, než " \
           "mají. overdue" in " ".join(out.split())


def test_a_missing_argument_is_named_and_explained(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert mistake(["done", "2.1.2"], monkeypatch, capsys) == (
        "Chyba: chybí KROK – krok harmonogramu: jeho pořadí (1, 2, …, jak je čísluje "
        "kplan show) nebo jednoznačná část názvu.\nNápověda: kplan done --help\n")


def test_a_number_option_error_is_czech(monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert mistake(["evaluate", "2.1.2", "--year", "loni", "--status", "x"], monkeypatch,
                   capsys) == "Chyba: --year: „loni“ není celé číslo.\n" \
                              "Nápověda: kplan evaluate --help\n"


@pytest.mark.parametrize(("typed", "said"), [
    ("150 000 Kč", "Rozumím: --spent „150 000 Kč“ = 150 000 Kč.\n"),
    ("150 tis.", "Rozumím: --spent „150 tis.“ = 150 000 Kč.\n"),
    ("150000", ""),
])
def test_amounts_as_people_type_them(example: Path, typed: str, said: str) -> None:
    before = (example / CARD).read_bytes()
    code, out, _ = kplan("evaluate", "2.1.2", str(example), "--year", "2020", "--status",
                         "plní se", "--spent", typed)
    assert code == 0
    assert out == f"{said}Zapsáno: {example.as_posix()}/{CARD} (nové hodnocení 2020 aktivity " \
                  f"{GROUP}/2.1.2: plní se, vyčerpáno 150 000 Kč)\n"
    assert changed_lines(before, (example / CARD).read_bytes()) == (["evaluations: []"], [
        "evaluations:", "  - year: 2020", "    status: on_track", "    spent: 150000"])


def test_an_amount_that_is_not_one_says_how_to_write_it(example: Path) -> None:
    code, _, err = kplan("evaluate", "2.1.2", str(example), "--year", "2020", "--status",
                         "on_track", "--spent", "hodně")
    assert code == 2
    assert err == ("--spent: „hodně“ není částka v celých korunách; pište např. 150000, "
                   "150 000 Kč nebo 150 tis.\n")


@pytest.mark.parametrize("typed", ["15.3.2026", "15. 3. 2026", "2026-03-15"])
def test_done_takes_czech_dates_and_says_which_step(example: Path, typed: str) -> None:
    before = (example / CARD).read_bytes()
    code, out, _ = kplan("done", "2.1.2", "1", str(example), "--date", typed)
    assert code == 0
    assert out == (f"Zapsáno: {example.as_posix()}/{CARD} (krok 1 „Mapovat možnosti "
                   "poskytovatelů na zajištění lůžka“ aktivity protidrogova-prevence/2.1.2 "
                   "splněn 15. 3. 2026)\n")
    assert changed_lines(before, (example / CARD).read_bytes())[1] == [
        "    status: done", "    done: 2026-03-15"]


def test_czech_statuses_in_options(example: Path) -> None:
    before = (example / CARD).read_bytes()
    code, out, _ = kplan("set-status", "2.1.2", "2", "Odlozeno", str(example))
    assert code == 0 and out.endswith(": odloženo)\n")
    assert changed_lines(before, (example / CARD).read_bytes())[1] == ["    status: postponed"]
    code, out, _ = kplan("list", "tasks", str(example), "--status", "otevřený", "--format",
                         "json", "--as-of", "2020-01-01")
    assert code == 0 and '"status": "open"' in out
    code, _, err = kplan("set-status", "2.1.2", "2", "snad", str(example))
    assert code == 2 and err == (
        "STAV: hodnota „snad“ není povolená; povolené jsou planned (plánováno), in_progress "
        "(probíhá, rozpracováno), done (splněno, hotovo), postponed (odloženo), cancelled "
        "(zrušeno).\n")


def test_one_table_of_status_words() -> None:
    assert status_from_words("milestone", "PROBIHA") is MilestoneStatus.IN_PROGRESS
    assert status_from_words("evaluation", "plní se") is EvaluationStatus.ON_TRACK
    assert status_from_words("task", "upuštěno") is TaskStatus.DROPPED
    assert status_from_words("evaluation", "nesplněno") is EvaluationStatus.NOT_MET
    assert status_from_words("milestone", "in_progress") is MilestoneStatus.IN_PROGRESS


def test_add_task(example: Path) -> None:
    before = (example / MEETING).read_bytes()
    code, out, _ = kplan("add", "task", "2016-11-22", str(example), "--title",
                         "Zjistit kapacity: lůžka", "--owner", "Jana Nováková", "--due",
                         "15. 3. 2017", "--activity", "2.1.2")
    assert code == 0
    assert out == f"Zapsáno: {example.as_posix()}/{MEETING} (úkol 8 „Zjistit kapacity: " \
                  "lůžka“)\n"
    assert changed_lines(before, (example / MEETING).read_bytes()) == ([], [
        '  - title: "Zjistit kapacity: lůžka"', "    owner: Jana Nováková",
        "    due: 2017-03-15", "    status: open", '    activity: "2.1.2"'])


def test_add_decision_with_a_colon(example: Path) -> None:
    before = (example / MEETING).read_bytes()
    code, out, _ = kplan("add", "decision", "2016-11-22-protidrogova-prevence",
                         "Skupina souhlasí: lůžko ano", str(example))
    assert code == 0 and out.endswith("(usnesení 10)\n")
    assert changed_lines(before, (example / MEETING).read_bytes()) == (
        [], ['  - "Skupina souhlasí: lůžko ano"'])


def test_set_fields_of_a_card(example: Path) -> None:
    before = (example / CARD).read_bytes()
    assert kplan("set", "2.1.2", "realizátoři", "NNO", "Magistrát", "--plan", str(example))[0] == 0
    code, out, _ = kplan("set", "2.1.2", "responsible", "Jana Nováková", "--plan", str(example))
    assert code == 0 and out.endswith("(responsible aktivity protidrogova-prevence/2.1.2: "
                                      "Jana Nováková)\n")
    assert changed_lines(before, (example / CARD).read_bytes()) == (
        ["  - SMO", "responsible: null  # kplan: disable=KP401 v podkladu neuvedeno"],
        ["  - Magistrát", "responsible: Jana Nováková  # kplan: disable=KP401 v podkladu "
         "neuvedeno"])


def test_set_refuses_what_would_break_the_card(example: Path) -> None:
    before = (example / CARD).read_bytes()
    code, _, err = kplan("set", "2.1.2", "responsible", "Jana", "Nováková", "--plan",
                         str(example))
    assert code == 2 and err == ("Pole responsible má jednu hodnotu; dejte text do uvozovek: "
                                 'kplan set 2.1.2 responsible "Jana Nováková".\n')
    code, _, err = kplan("set", "2.1.2", "barva", "modrá", "--plan", str(example))
    assert code == 2 and err.startswith("POLE: hodnota „barva“ není povolená; povolené jsou "
                                        "title, responsible, area, measure, implementers")
    assert kplan("set", "2.1.2", "title", "--plan", str(example))[0] == 1  # title is required
    assert (example / CARD).read_bytes() == before


def test_new_activity_with_people(example: Path) -> None:
    code, _, _ = kplan("new", "activity", GROUP, "2.1.9", str(example), "--title", "Linka",
                       "--implementer", "NNO", "--implementer", "Magistrát: OSV",
                       "--partner", "renarkon-terenni-program", "--responsible", "Jana")
    assert code == 0
    text = (example / f"activities/{GROUP}/2.1.9.yaml").read_text(encoding="utf-8")
    assert '\nimplementers: [NNO, "Magistrát: OSV"]\n' in text
    assert "\npartners: [renarkon-terenni-program]\n" in text
    assert "\nresponsible: Jana\n" in text


def test_report_defaults_to_a_year_of_the_plan(example: Path) -> None:
    code, out, err = kplan("report", str(example), "--as-of", "2025-06-01")
    assert code == 0 and "2022" in out.splitlines()[0]
    assert err == ("Vyhodnocení za rok 2022: loňský rok 2024 je mimo období plánu 2019–2022 "
                   "(jiný rok: --year).\n")
    code, _, err = kplan("report", str(example), "--year", "2030", "--as-of", "2025-06-01")
    assert code == 0 and err == (
        "Pozor: rok 2030 je mimo období plánu 2019–2022; vyhodnocení nebude mít co "
        "hodnotit. Zvolte --year 2019 až 2022.\n")
    assert kplan("report", str(example), "--as-of", "2021-06-01")[2] == ""


def test_kp403_says_how_to_extend_the_period(example: Path) -> None:
    card = example / CARD
    card.write_text(card.read_text(encoding="utf-8").replace("due: 2019\n", "due: 2026\n", 1),
                    encoding="utf-8")
    out = kplan("validate", str(example), "--strict", "--format", "json", "--no-cache")[1]
    assert ("Zkontrolujte rok; kroky po konci plánu patří do plánu dalšího. Platí-li plán "
            "déle, prodlužte období v plan.yaml: period: {start: 2019, end: 2026}.") in out


def test_data_messages_give_the_exact_fix() -> None:
    corpus = Path(__file__).parent / "corpus"
    out = kplan("validate", str(corpus / "KP206-czech-date"), "--format", "json",
                "--no-cache")[1]
    assert "Pište datum jako RRRR-MM-DD (2019-01-25), termín také jako rok (2019) nebo měsíc " \
           "(2019-03); napište 2020-03-15." in out
    out = kplan("validate", str(corpus / "KP202-colon-in-decision"), "--format", "json",
                "--no-cache")[1]
    assert 'Dvojtečku s mezerou čte YAML jako „klíč: hodnota“; dejte text do uvozovek: ' \
           '\\"Skupina souhlasí: lůžko ano\\".' in out


def test_changes_speak_without_git_words(example: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(example), *args], check=True, capture_output=True)

    git("init", "-q")
    git("add", ".")
    git("-c", "user.name=Jana", "-c", "user.email=j@example.org", "commit", "-qm", "plán")
    out = kplan("changes", str(example), "--format", "md")[1]
    assert out.startswith("## Co se v plánu změnilo od posledního zápisu v gitu\n\n"
                          "Soubory plánu na disku proti stavu uloženému v gitu ")
    assert "HEAD" not in out and "commit" not in out


def test_a_wrong_activity_number_or_service_id_says_how_to_write_it(example: Path) -> None:
    assert kplan("new", "activity", GROUP, "2.ab", str(example))[2] == (
        "ČÍSLO: „2.ab“ není číslo aktivity; pište 1 až 5 částí oddělených tečkou (číslo, "
        "písmeno nebo číslo s písmenem), např. 2.1.3 nebo 1.1.1.A.\n")
    assert kplan("new", "activity", GROUP, "2.ab", str(example), "--lang", "en")[2] == (
        "NUMBER: '2.ab' is not an activity number; write 1 to 5 parts separated by dots (a "
        "number, a letter or a number with a letter), e.g. 2.1.3 or 1.1.1.A.\n")
    assert kplan("new", "service", "Linka_1", str(example))[2] == (
        "ID: „Linka_1“ nemůže být identifikátor; pište malá písmena bez diakritiky, číslice "
        "a pomlčky, např. renarkon-terenni-program.\n")
    assert kplan("set-status", "2.1.2", "2", "snad", str(example), "--lang", "en")[2] \
        .startswith("STATUS: 'snad' is not allowed; use one of planned, ")


def test_evaluate_says_which_year_and_what_changed(example: Path) -> None:
    assert kplan("evaluate", "2.1.2", str(example), "--year", "2021", "--status", "zpožděno",
                 "--comment", "Chybí peníze.") == (
        0, f"Zapsáno: {example.as_posix()}/{CARD} (nové hodnocení 2021 aktivity {GROUP}/2.1.2: "
           "zpožděno, s komentářem)\n", "")
    assert kplan("evaluate", "2.1.2", str(example), "--year", "2021", "--status", "on_track",
                 "--spent", "80000", "--lang", "en") == (
        0, f"Written: {example.as_posix()}/{CARD} (evaluation 2021 of {GROUP}/2.1.2 changed: "
           "on_track, spent 80,000 CZK)\n", "")
    assert kplan("evaluate", "2.1.2", str(example), "--year", "2021", "--status", "splněno") \
        [1].endswith(f"(hodnocení 2021 aktivity {GROUP}/2.1.2 změněno: splněno)\n")


def test_add_milestone_says_which_step(example: Path) -> None:
    assert kplan("add", "milestone", "2.1.2", str(example), "--title", "První stáž", "--due",
                 "6/2021") == (0, f"Zapsáno: {example.as_posix()}/{CARD} (krok 10 „První "
                                  f"stáž“ aktivity {GROUP}/2.1.2, termín 2021-06)\n", "")


@pytest.mark.parametrize(("argv", "said"), [
    (["stauts"], "Chyba: neznámý příkaz „stauts“. Myslíte status, set-status nebo task?\n"
                 "Nápověda: kplan --help\n"),
    (["add", "taks"], "Chyba: neznámý příkaz „taks“. Myslíte task?\nNápověda: kplan add --help\n"),
    (["hotovo"], "Chyba: neznámý příkaz „hotovo“.\nNápověda: kplan --help\n"),
    (["evaluat", "--lang", "en"], "Error: no such command 'evaluat'. Did you mean evaluate or "
                                  "validate?\nHelp: kplan --help\n"),
])
def test_a_mistyped_command_is_named_with_the_close_ones(
        argv: list[str], said: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert mistake(argv, monkeypatch, capsys) == said


def test_a_missing_option_says_what_it_is(monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert mistake(["evaluate", "2.1.2"], monkeypatch, capsys) == (
        "Chyba: chybí --year – hodnocený rok.\nNápověda: kplan evaluate --help\n")
    assert mistake(["add", "task", "2016-11-22"], monkeypatch, capsys) == (
        "Chyba: chybí --title – co se má udělat.\nNápověda: kplan add task --help\n")
    assert mistake(["minutes"], monkeypatch, capsys).startswith("Chyba: chybí SCHŮZKA – schůzka:")


@pytest.mark.parametrize("typed", ["31.6.2022", "červen 2022", "2022/06", "15.13.2022"])
def test_a_due_date_that_is_not_one_says_how_to_write_it(example: Path, typed: str) -> None:
    before = (example / MEETING).read_bytes()
    assert kplan("add", "task", "2016-11-22", str(example), "--title", "Oslovit kraj",
                 "--due", typed) == (2, "", f"--due: „{typed}“ není termín; pište rok (2025), "
                                            "měsíc (2025-06 nebo 6/2025) nebo den (15. 6. 2025 "
                                            "nebo 2025-06-15).\n")
    assert (example / MEETING).read_bytes() == before
    assert kplan("add", "milestone", "2.1.2", str(example), "--title", "Stáž", "--due", typed,
                 "--lang", "en")[2] == (f"--due: '{typed}' is not a due date; write a year "
                                        "(2025), a month (2025-06 or 6/2025) or a day "
                                        "(2025-06-15 or 15. 6. 2025).\n")


def test_a_step_or_task_not_found_says_where_the_numbers_are(example: Path) -> None:
    assert kplan("done", "2.1.2", "linka", str(example))[2] == (
        f"Žádný krok neobsahuje „linka“. Seznam s čísly ukáže kplan show {GROUP}/2.1.2.\n")
    assert kplan("task", "done", "2016-11-22", "9", str(example))[2] == (
        f"Úkol číslo 9 neexistuje; je jich 7. Seznam s čísly ukáže kplan show "
        f"2016-11-22-{GROUP}.\n")
    assert kplan("task", "done", "2016-11-22", "9", str(example), "--lang", "en")[2] == (
        f"There is no task 9; there are 7. kplan show 2016-11-22-{GROUP} lists them with "
        "their numbers.\n")


def test_help_speaks_without_jargon() -> None:
    assert "Plán s chybami ukáže, co se načetlo, a připíše, kolik chyb má (návratový kód " \
           "zůstane 0)." in " ".join(kplan("status", "--help")[1].split())
    assert "bez ní vypíše zápis do terminálu." in " ".join(kplan("minutes", "--help")[1].split())
    assert "--due TERMÍN" in kplan("add", "task", "--help")[1]
    assert "--spent AMOUNT" in kplan("evaluate", "--help", "--lang", "en")[1]


def test_two_meetings_on_one_day_say_how_to_name_one(example: Path) -> None:
    for _ in range(2):
        assert kplan("new", "meeting", GROUP, str(example), "--date", "2020-02-01")[0] == 0
    assert kplan("add", "decision", "2020-02-01", "Ano", str(example)) == (
        2, "", f"Ten den bylo víc schůzek: 2020-02-01-{GROUP}, 2020-02-01-{GROUP}-2. Napište "
               "celý název jedné z nich.\n")


def test_the_day_of_a_view_is_typed_as_people_write_it(example: Path) -> None:
    iso = kplan("status", str(example), "--as-of", "2021-01-01", "--no-cache")
    assert iso[0] == 0
    for typed in ("1.1.2021", "1. 1. 2021"):
        assert kplan("status", str(example), "--as-of", typed, "--no-cache") == iso
