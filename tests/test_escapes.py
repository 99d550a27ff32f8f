"""What kplan prints cannot be turned against its reader: control characters from the plan
are visible stand-ins everywhere, Markdown stays in its lines, GitHub mode runs only
kplan's own workflow commands, CSV guards TAB and CR (issue 13, part 4)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kplan.cli import app
from kplan.output.reporters import inert_log_line
from kplan.output.tables import guard
from kplan.visible import inline, json_text, printable, printable_lines
from tests.plantree import PLAN_YAML, PlanFactory

HOSTILE_TITLE = r"Krizová\e]0;PWNED\a\e[2J linka\n\n# Vše splněno\r::error::fake"
CARD = f'''\
id: "2.1.2"
title: "{HOSTILE_TITLE}"
responsible: "Jana\\tNováková"
implementers: ["NNO\\e[31m"]
budget:
  amount: 200000
  per: year
  sources: [SMO]
milestones:
  - title: "Zajistit\\u009b2J jednání"
    due: 2019
    note: |
      Poznámka na dva řádky,
      druhý řádek.
'''
MEETING = '''\
date: 2020-03-10
group: drogy
title: "Schůzka\\e[2J"
notes: "Zápis\\n\\n# Nadpis\\n\\e]0;X\\a"
decisions: ["Schválit\\n# Hotovo"]
'''
RAW_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
AS_OF = "2021-01-01"


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), env={"KPLAN_LANG": "", "COLUMNS": "200"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.stdout


@pytest.fixture
def hostile(make_plan: PlanFactory) -> Path:
    return make_plan({"activities/drogy/2.1.2.yaml": CARD,
                      "meetings/2020-03-10-drogy.yaml": MEETING})


# --- the one function -----------------------------------------------------------------------

def test_stand_ins_are_one_character_each() -> None:
    assert printable("a\x1b[2J\x07\x00\x7f\x9b\u202e\n\t") == "a␛[2J␇␀␡��␊␉"
    assert printable("Krizová linka") == "Krizová linka"


def test_multi_line_text_keeps_line_feeds_and_turns_tabs_into_spaces() -> None:
    assert printable_lines("Zápis\tdnes\n\x1b]0;X\x07\r") == "Zápis dnes\n␛]0;X␇␍"


def test_inline_text_is_one_line() -> None:
    assert inline("Krizová linka\n\n# Vše splněno \r\n::error::x\t\x1b") == \
        "Krizová linka # Vše splněno ::error::x ␛"


def test_json_escapes_what_json_dumps_leaves_raw() -> None:
    document = json.dumps({"t": "a\x1b\x7f\x9b\u202e"}, ensure_ascii=False)
    assert json_text(document) == '{"t": "a\\u001b\\u007f\\u009b\\u202e"}'
    assert json.loads(json_text(document)) == {"t": "a\x1b\x7f\x9b\u202e"}


# --- KP215 ----------------------------------------------------------------------------------

def test_validate_names_each_control_character_at_its_column(hostile: Path) -> None:
    found = json.loads(run("validate", str(hostile), "--format", "json", "--lang", "en"))
    controls = [(d["file"], d["line"], d["column"], d["message"])
                for d in found["diagnostics"] if d["code"] == "KP215"]
    assert controls == [
        ("activities/drogy/2.1.2.yaml", 2, 16,
         "The text of 'title' holds the control character U+001B (ESC)."),
        ("activities/drogy/2.1.2.yaml", 3, 19,
         "The text of 'responsible' holds the control character U+0009 (TAB)."),
        ("activities/drogy/2.1.2.yaml", 4, 20,
         "The text of 'implementers' holds the control character U+001B (ESC)."),
        ("activities/drogy/2.1.2.yaml", 10, 21,
         "The text of 'title' holds the control character U+009B (CSI)."),
        ("meetings/2020-03-10-drogy.yaml", 3, 16,
         "The text of 'title' holds the control character U+001B (ESC)."),
        ("meetings/2020-03-10-drogy.yaml", 4, 28,
         "The text of 'notes' holds the control character U+001B (ESC)."),
        ("meetings/2020-03-10-drogy.yaml", 5, 22,
         "The text of 'decisions' holds the control character U+000A (LF)."),
    ]


def test_a_block_scalar_may_end_a_title_and_notes_may_span_lines(make_plan: PlanFactory) -> None:
    card = 'id: "2.1.2"\ntitle: >\n  Podpořit vznik\n  krizového lůžka\nresponsible: Jana\n'
    meeting = "date: 2020-03-10\ngroup: drogy\nnotes: |\n  Zápis\tdnes\n\n  druhý odstavec\n"
    root = make_plan({"activities/drogy/2.1.2.yaml": card,
                      "meetings/2020-03-10-drogy.yaml": meeting})
    found = json.loads(run("validate", str(root), "--format", "json"))
    assert [d["code"] for d in found["diagnostics"] if d["code"] == "KP215"] == []


def test_a_control_character_in_a_key_is_kp215(make_plan: PlanFactory) -> None:
    plan = PLAN_YAML.replace("  SMO: Statutární město", '  "SMO\\e[2J": Statutární město')
    found = json.loads(run("validate", str(make_plan({"plan.yaml": plan}, card=False)),
                           "--format", "json"))
    assert [(d["line"], d["column"], d["code"]) for d in found["diagnostics"]] == \
        [(7, 7, "KP215")]


def test_an_edit_that_adds_a_control_character_is_refused(make_plan: PlanFactory) -> None:
    root = make_plan()
    before = (root / "activities/drogy/2.1.2.yaml").read_bytes()
    output = run("add", "milestone", "drogy/2.1.2", str(root), "--title", "Krok\x1b[2J",
                 "--due", "2020")
    assert "KP215" in output
    assert "\x1b" not in output
    assert (root / "activities/drogy/2.1.2.yaml").read_bytes() == before


# --- terminal, text and Markdown ------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ("status", "--as-of", AS_OF), ("status", "--as-of", AS_OF, "--format", "md"),
    ("show", "drogy/2.1.2", "--as-of", AS_OF), ("show", "drogy/2.1.2", "--format", "md"),
    ("show", "2020-03-10", "--format", "md"), ("show", "2020-03-10"),
    ("list", "activities"), ("list", "meetings", "--format", "md"),
    ("overdue", "--as-of", AS_OF), ("map",), ("map", "--format", "svg"),
    ("report", "--year", "2020", "--as-of", AS_OF),
    ("report", "--year", "2020", "--as-of", AS_OF, "--format", "html"),
    ("validate",), ("validate", "--format", "github"), ("validate", "--format", "gitlab"),
    ("status", "--as-of", AS_OF, "--format", "json"), ("map", "--format", "json"),
])
def test_no_output_writes_a_control_character(hostile: Path, args: tuple[str, ...]) -> None:
    output = run(*args[:1], *([args[1]] if args[0] in ("show", "list") else []), str(hostile),
                 *args[2 if args[0] in ("show", "list") else 1:])
    assert RAW_CONTROLS.findall(output) == []
    quoted = args[0] != "validate" and "json" not in args
    assert not quoted or "␛" in output or "�" in output


def test_terminal_views_show_stand_ins(hostile: Path) -> None:
    output = run("show", "drogy/2.1.2", str(hostile), "--as-of", AS_OF)
    assert "Krizová␛]0;PWNED␇␛[2J linka" in output
    assert "NNO␛[31m" in output


def test_a_line_break_in_a_title_starts_no_markdown_heading(hostile: Path) -> None:
    for args in (("show", "drogy/2.1.2", str(hostile), "--format", "md", "--as-of", AS_OF),
                 ("report", str(hostile), "--year", "2020", "--as-of", AS_OF),
                 ("show", "2020-03-10", str(hostile), "--format", "md")):
        output = run(*args)
        assert not [line for line in output.splitlines()
                    if line.startswith(("# Vše", "# Nadpis", "# Hotovo"))], args
    shown = run("show", "drogy/2.1.2", str(hostile), "--format", "md", "--as-of", AS_OF)
    assert shown.splitlines()[0] == \
        r"## 2.1.2 Krizová␛\]0;PWNED␇␛\[2J linka # Vše splněno ::error::fake"
    report = run("report", str(hostile), "--year", "2020", "--as-of", AS_OF)
    assert r"##### 2.1.2 Krizová␛\]0;PWNED␇␛\[2J linka # Vše splněno ::error::fake" in report


def test_multi_line_notes_stay_multi_line_with_their_lines_escaped(hostile: Path) -> None:
    output = run("show", "2020-03-10", str(hostile), "--format", "md")
    assert "Zápis\n\n\\# Nadpis  \n␛\\]0;X␇" in output


def test_a_value_in_a_message_stays_on_its_line(make_plan: PlanFactory) -> None:
    card = 'id: "2.1.2"\ntitle: Karta\nresponsible: Jana\nmilestones:\n' \
           '  - title: Krok\n    due: 2019\n    status: "done\\n::error::pwned"\n'
    root = make_plan({"activities/drogy/2.1.2.yaml": card})
    output = run("validate", str(root))
    assert "Hodnota „done␊::error::pwned“ pole „status“ není mezi povolenými." in output
    assert not [line for line in output.splitlines() if line.lstrip().startswith("::")]


# --- GitHub ---------------------------------------------------------------------------------

GITHUB_CARD = '''\
id: "2.1.2"
title: Karta
responsible: Jana
budget: {amount: 1, sources: ["X\\r::warning::a", "Y\\n::error::b"]}
'''
SECOND_CARD = '''\
id: "2.1.3"
title: Karta
responsible: Jana
milestones:
  - title: Krok
    due: 2019
    status: "done\\n::add-mask::c"
'''


def test_github_mode_writes_only_its_own_workflow_commands(make_plan: PlanFactory) -> None:
    root = make_plan({"activities/drogy/2.1.2.yaml": GITHUB_CARD,
                      "activities/drogy/2.1.3.yaml": SECOND_CARD})
    count = len(json.loads(run("validate", str(root), "--format", "json"))["diagnostics"])
    output = run("validate", str(root), "--format", "github")
    commands = [line for line in output.splitlines() if line.lstrip().startswith("::")]
    assert count == 6
    assert len(commands) == count
    assert all(line.startswith(("::error file=", "::warning file=")) for line in commands)
    assert len(output.splitlines()) == 2 * count + 1


def test_a_log_line_cannot_start_a_command() -> None:
    assert inert_log_line("::error::x") == "%3A:error::x"
    assert inert_log_line("  ::warning::x") == "  %3A:warning::x"
    assert inert_log_line("a.yaml:1:1: ##[add-mask]x\ny") == "a.yaml:1:1: ##%5Badd-mask]x␊y"


# --- calendar, tables, file names -----------------------------------------------------------

def test_calendar_and_csv_hold_no_control_character(hostile: Path, tmp_path: Path) -> None:
    run("export", "ics", str(hostile), "-o", str(tmp_path / "plan.ics"))
    run("export", "csv", "milestones", str(hostile), "-o", str(tmp_path / "kroky.csv"))
    calendar = (tmp_path / "plan.ics").read_bytes().decode("utf-8")
    assert RAW_CONTROLS.findall(calendar.replace("\r\n", "")) == []
    assert "SUMMARY:2.1.2 Zajistit�2J jednání" in calendar.replace("\r\n ", "")
    table = (tmp_path / "kroky.csv").read_bytes().decode("utf-8-sig")
    assert RAW_CONTROLS.findall(table.replace("\r\n", "")) == []


def test_csv_guards_tab_and_cr_as_formula_starts() -> None:
    assert [guard(text) for text in ("=1+1", "\t=1+1", "\r=1+1", "+420", "Text")] == \
        ["'=1+1", "' =1+1", "'␍=1+1", "'+420", "Text"]
    rows = list(csv.reader(io.StringIO(guard("\tx"))))
    assert rows == [["' x"]]


def test_fmt_check_shows_file_names_escaped(make_plan: PlanFactory) -> None:
    root = make_plan({"activities/drogy/x\x1b[2J.yaml": "id:   \"2.1.3\"\n"})
    # a name kplan does not read (KP118) is told as skipped, on stderr
    output = CliRunner().invoke(app, ["fmt", str(root), "--check"],
                                env={"KPLAN_LANG": ""}).output
    assert "x\\x1b[2J.yaml" in output
    assert "\x1b" not in output


def test_the_website_holds_no_control_character(hostile: Path, tmp_path: Path) -> None:
    run("site", str(hostile), "-o", str(tmp_path / "web"), "--as-of", AS_OF)
    pages = {path.name: path.read_bytes().decode("utf-8").replace("\r\n", "")
             for path in (tmp_path / "web").rglob("*") if path.is_file()}
    assert [name for name, text in pages.items() if RAW_CONTROLS.search(text)] == []
    assert "Krizová␛]0;PWNED␇␛[2J linka" in pages["2.1.2.html"]
