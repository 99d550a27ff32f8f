"""A blank text (empty or only spaces) given to an editing command is a usage mistake:
exit 2, a Czech message saying what to do, nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kplan.cli import app

EXAMPLE = Path(__file__).resolve().parents[1] / "data"
MEETING = "2016-11-22-protidrogova-prevence"
REQUIRED = "{option}: prázdný text nejde zapsat; napište do uvozovek, co tam má stát.\n"
OPTIONAL = ("{option}: prázdný text nejde zapsat; napište do uvozovek, co tam má stát, nebo "
            "volbu vynechte.\n")


@pytest.fixture
def example(tmp_path: Path) -> Path:
    return Path(shutil.copytree(EXAMPLE, tmp_path / "data"))


def kplan(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"KPLAN_LANG": ""})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stderr


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


@pytest.mark.parametrize(("args", "said"), [
    (("add", "milestone", "2.1.2", "--title", " ", "--due", "2020"), REQUIRED.format(
        option="--title")),
    (("add", "milestone", "2.1.2", "--title", "Krok", "--due", "2020", "--note", ""),
     OPTIONAL.format(option="--note")),
    (("add", "task", MEETING, "--title", "\t"), REQUIRED.format(option="--title")),
    (("add", "task", MEETING, "--title", "Oslovit", "--owner", " "),
     OPTIONAL.format(option="--owner")),
    (("add", "task", MEETING, "--title", "Oslovit", "--activity", ""),
     OPTIONAL.format(option="--activity")),
    (("add", "decision", MEETING, "  "), REQUIRED.format(option="TEXT")),
    (("evaluate", "2.1.2", "--year", "2020", "--comment", " "),
     OPTIONAL.format(option="--comment")),
    (("new", "activity", "protidrogova-prevence", "2.1.9", "--title", " "),
     OPTIONAL.format(option="--title")),
    (("new", "activity", "protidrogova-prevence", "2.1.9", "--implementer", "NNO",
      "--implementer", ""), OPTIONAL.format(option="--implementer")),
    (("new", "activity", "protidrogova-prevence", "2.1.9", "--responsible", " "),
     OPTIONAL.format(option="--responsible")),
    (("new", "activity", "protidrogova-prevence", "2.1.9", "--partner", " "),
     OPTIONAL.format(option="--partner")),
    (("new", "service", "nova-sluzba", "--name", " "), OPTIONAL.format(option="--name")),
    (("new", "meeting", "protidrogova-prevence", "--title", ""),
     OPTIONAL.format(option="--title")),
    (("new", "need-analysis", "anketa", "--title", " "), OPTIONAL.format(option="--title")),
])
def test_a_blank_text_is_refused_and_nothing_is_written(
        example: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...],
        said: str) -> None:
    monkeypatch.chdir(example)
    before = snapshot(example)
    assert kplan(*args) == (2, said)
    assert snapshot(example) == before


def test_in_english(example: Path) -> None:
    assert kplan("add", "milestone", "2.1.2", str(example), "--title", "", "--due", "2020",
                 "--lang", "en") == (2, "--title: an empty text cannot be written; put what "
                                        "it should say in quotes.\n")
    assert kplan("add", "decision", MEETING, " ", str(example), "--lang", "en") == (
        2, "TEXT: an empty text cannot be written; put what it should say in quotes.\n")


def test_a_text_with_words_is_written(example: Path) -> None:
    assert kplan("add", "milestone", "2.1.2", str(example), "--title", " Krok ",
                 "--due", "2020")[0] == 0


def test_set_with_no_value_still_empties_a_list(example: Path) -> None:
    assert kplan("set", "2.1.2", "risks", "--plan", str(example))[0] == 0
