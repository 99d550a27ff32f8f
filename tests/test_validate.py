"""`kplan validate` as a user runs it: on the example plan, on broken copies, per format."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kplan.cli import app, main
from tests.plantree import PlanFactory, found

EXAMPLE = Path(__file__).resolve().parents[1] / "data"
CARD_212 = "activities/protidrogova-prevence/2.1.2.yaml"
runner = CliRunner()


def validate(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = runner.invoke(app, ["validate", *args], env={"GITHUB_ACTIONS": "", **(env or {})})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


@pytest.fixture
def example(tmp_path: Path) -> Path:
    return Path(shutil.copytree(EXAMPLE, tmp_path / "data"))


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_example_plan_is_valid_in_strict_mode() -> None:
    code, output = validate(str(EXAMPLE), "--strict")
    assert (code, output.strip()) == (0, "Plán je v pořádku: 3 aktivity, 2 služby, 2 schůzky, "
                                   "1 analýza potřeb.")


def test_unquoted_id_names_the_line_and_the_fix(example: Path) -> None:
    replace_in(example / CARD_212, 'id: "2.1.2"', "id: 2.10")
    assert found(example) == [(CARD_212, 3, 5, "KP205")]
    code, output = validate(str(example))
    assert code == 1
    assert "3:5  chyba KP205  Číslo 2.10 v poli „id“ musí být v uvozovkách." in output
    assert 'napište id: "2.10"' in output


def test_misspelled_key_suggests_the_known_one(example: Path) -> None:
    replace_in(example / CARD_212, "implementers:", "implementors:")
    assert found(example) == [(CARD_212, 6, 1, "KP201")]
    code, output = validate(str(example))
    assert code == 1
    assert "Neznámé pole „implementors“." in output
    assert "Myslíte „implementers“?" in output


def test_impossible_date_is_placed_on_its_value(example: Path) -> None:
    meeting = "meetings/2019-01-25-protidrogova-prevence.yaml"
    replace_in(example / meeting, "date: 2019-01-25", "date: 2019-02-30")
    assert found(example) == [(meeting, 3, 7, "KP206")]
    code, output = validate(str(example), "--lang", "en")
    assert code == 1
    assert "The date '2019-02-30' in 'date' does not exist or has the wrong form." in output


def test_warnings_fail_only_with_strict(make_plan: PlanFactory) -> None:
    root = make_plan({"activities/drogy/2.1.2.yaml": """\
        id: "2.1.2"
        title: Krizové lůžko
        milestones: []
        """})
    assert found(root) == [("activities/drogy/2.1.2.yaml", 1, 1, "KP401")]
    assert validate(str(root))[0] == 0
    assert validate(str(root), "--strict")[0] == 1


def test_a_folder_without_plan_yaml_is_a_usage_error(tmp_path: Path) -> None:
    code, output = validate(str(tmp_path))
    assert code == 2
    assert "není složka plánu: chybí v ní plan.yaml" in output


def test_default_path_is_data_when_it_holds_a_plan(example: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(example.parent)
    code, output = validate("--format", "json")
    assert code == 0
    assert json.loads(output)["root"] == "data"


BROKEN_CARD = """\
id: "2.1.2"
titel: "Krizové lůžko, 50% kapacity: <b>"
responsible: Jana Nováková
milestones: []
"""


def test_json_format_is_exact(make_plan: PlanFactory) -> None:
    root = make_plan({"activities/drogy/2.1.2.yaml": BROKEN_CARD})
    code, output = validate(str(root), "--format", "json", "--lang", "en")
    assert code == 1
    assert json.loads(output) == {
        "version": 1,
        "root": root.as_posix(),
        "lang": "en",
        "valid": False,
        "summary": {"errors": 2, "warnings": 0, "activity_count": 0, "meeting_count": 0,
                    "needs_count": 0, "service_count": 0},
        "diagnostics": [
            {"file": "activities/drogy/2.1.2.yaml", "line": 1, "column": 1, "code": "KP204",
             "severity": "error", "message": "The required field 'title' is missing.",
             "hint": "Add 'title:' (Název aktivity)."},
            {"file": "activities/drogy/2.1.2.yaml", "line": 2, "column": 1, "code": "KP201",
             "severity": "error", "message": "Unknown field 'titel'.",
             "hint": "Did you mean 'title'? Allowed fields: id, title, measure, implementers, "
                     "partners, responsible, description, target_groups, outputs, budget, "
                     "area, risks, milestones, indicators, evaluations, after, related, "
                     "previous_numbers, needs, groups."},
        ],
    }


def test_github_format_is_exact_and_escaped(make_plan: PlanFactory,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_plan({"activities/drogy/2.1.2.yaml": BROKEN_CARD,
                      "activities/drogy/3,1%.yaml": "id: 3.1\ntitle: Síť\n"})
    monkeypatch.chdir(root.parent)
    code, output = validate("plan", env={"GITHUB_ACTIONS": "true", "KPLAN_LANG": "en"})
    assert code == 1
    lines = output.splitlines()
    assert lines[:2] == [
        "::error file=plan/activities/drogy/2.1.2.yaml,line=1,col=1,title=kplan KP204::"
        "The required field 'title' is missing.%0AAdd 'title:' (Název aktivity).",
        "::error file=plan/activities/drogy/2.1.2.yaml,line=2,col=1,title=kplan KP201::"
        "Unknown field 'titel'.%0ADid you mean 'title'? Allowed fields: id, title, measure, "
        "implementers, partners, responsible, description, target_groups, outputs, budget, "
        "area, risks, milestones, indicators, evaluations, after, related, previous_numbers, "
        "needs, groups.",
    ]
    assert lines[2].startswith(
        "::error file=plan/activities/drogy/3%2C1%25.yaml,line=1,col=5,title=kplan KP205::"
        "The number 3.1 in 'id' must be quoted.%0A")
    assert "plan/activities/drogy/2.1.2.yaml:2:1: error KP201: Unknown field 'titel'." in lines
    assert lines[-1] == "3 errors, 0 warnings in 2 files."


def test_czech_summary_says_ve_before_two_files(make_plan: PlanFactory) -> None:
    root = make_plan({"activities/drogy/2.1.2.yaml": BROKEN_CARD,
                      "activities/drogy/3,1%.yaml": "id: 3.1\ntitle: Síť\n"})
    code, output = validate(str(root), env={"KPLAN_LANG": "cs"})
    assert code == 1
    assert output.splitlines()[-1] == "3 chyby, 0 varování ve 2 souborech."


def test_text_output_when_piped_is_plain(make_plan: PlanFactory) -> None:
    root = make_plan({"activities/drogy/2.1.2.yaml": BROKEN_CARD})
    code, output = validate(str(root))
    assert code == 1
    assert "\x1b[" not in output
    assert output.splitlines()[-1] == "2 chyby, 0 varování v 1 souboru."
    assert "       2 | titel: \"Krizové lůžko, 50% kapacity: <b>\"" in output
    assert "         | ^" in output


def test_lang_from_environment_then_plan(make_plan: PlanFactory) -> None:
    root = make_plan({"activities/drogy/2.1.2.yaml": BROKEN_CARD})
    assert "Unknown field" in validate(str(root), env={"KPLAN_LANG": "en"})[1]
    assert "Neznámé pole" in validate(str(root), env={"KPLAN_LANG": ""})[1]
    english = (root / "plan.yaml").read_text(encoding="utf-8").replace("locale: cs",
                                                                        "locale: en")
    (root / "plan.yaml").write_text(english, encoding="utf-8")
    assert "Unknown field" in validate(str(root))[1]
    assert "Neznámé pole" in validate(str(root), "--lang", "cs")[1]


@pytest.mark.parametrize(("argv", "expected"), [
    (["validate", "--format", "xml"],
     "Chyba: --format/-f: hodnota „xml“ není povolená; povolené jsou text, json, github, gitlab."),
    (["validate", "--formt", "json"], "Chyba: neznámá volba --formt."),
    (["validate", "data", "navic"], "Chyba: nadbytečný argument navic."),
    (["validate", "--lang", "en", "--format", "xml"],
     "Error: --format/-f: 'xml' is not allowed; use one of text, json, github, gitlab."),
])
def test_usage_mistakes_are_told_in_czech_with_exit_2(
        argv: list[str], expected: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.argv", ["kplan", *argv])
    monkeypatch.delenv("KPLAN_LANG", raising=False)
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 2
    assert capsys.readouterr().err.splitlines() == [
        expected, ("Help" if "en" in argv else "Nápověda") + ": kplan validate --help"]


def test_piped_text_never_breaks_a_path_and_indents_what_wraps(make_plan: PlanFactory,
                                                               tmp_path: Path) -> None:
    outside = tmp_path / "mimo-planu" / ("sdilene-podklady-" * 4) / "protidrogova-prevence"
    outside.mkdir(parents=True)
    (outside / "3.2.yaml").write_text("id: \"3.2\"\n", encoding="utf-8")
    root = make_plan({"services/Terenni program.yaml": "id: x\n"})
    (root / "activities/drogy/3.2.yaml").symlink_to(outside / "3.2.yaml")
    code, output = validate(str(root))
    assert code == 1
    lines = output.splitlines()
    target = (outside / "3.2.yaml").as_posix()
    start = lines.index("  1:1  chyba KP109  Odkaz")
    assert lines[start:start + 4] == [
        "  1:1  chyba KP109  Odkaz",
        f"    „{target}“",
        "    vede mimo složku plánu; kplan ho nečte.",
        "    → Nahraďte symbolický odkaz skutečným souborem uvnitř plánu.",
    ]
    for line in lines:
        assert len(line) <= 100 or " " not in line.strip(), line
