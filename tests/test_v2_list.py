"""`kplan list` on version-2 fields: statuses of steps in Czech, a task's several owners."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kplan.cli import app
from tests.plantree import write_tree

PLAN = {
    "plan.yaml": """\
        title: Plán
        period: {start: 2020, end: 2023}
        groups:
          - {id: drogy, name: Drogy}
        """,
    "activities/drogy/1.1.yaml": """\
        id: "1.1"
        title: Odložený krok
        milestones:
          - {title: Jednat, due: 2021, status: odloženo}
        evaluations:
          - {year: 2021, status: plní se}
        """,
    "activities/drogy/1.2.yaml": """\
        id: "1.2"
        title: Rozpracovaný krok
        milestones:
          - {title: Jednat, due: 2021, status: in_progress}
        """,
    "meetings/2021-03-01-drogy.yaml": """\
        date: 2021-03-01
        group: drogy
        tasks:
          - {title: Oslovit kraj, owner: [Jana Nováková, Petr Dvořák], status: otevřený}
          - {title: Zapsat, owner: Eva Malá, status: done}
        """,
}


def listed(root: Path, kind: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["list", kind, str(root), "-f", "json", "--as-of",
                                      "2021-04-01", *args], env={"KPLAN_LANG": ""})
    return result.exit_code, result.stdout if result.exit_code == 0 else result.stderr


def refs(root: Path, *args: str) -> list[str]:
    code, out = listed(root, "activities", *args)
    assert code == 0, out
    return [item["ref"] for item in json.loads(out)["items"]]


def tasks(root: Path, *args: str) -> list[tuple[str, str]]:
    code, out = listed(root, "tasks", *args)
    assert code == 0, out
    return [(item["title"], item["owner"]) for item in json.loads(out)["items"]]


def test_status_of_a_step_in_czech_lists_the_activities_with_such_a_step(
        tmp_path: Path) -> None:
    root = write_tree(tmp_path / "p", PLAN)
    assert refs(root, "--status", "odlozeno") == ["drogy/1.1"]
    assert refs(root, "--status", "Plánováno") == []
    assert refs(root, "--status", "in_progress") == ["drogy/1.2"]
    assert refs(root, "--status", "probíhá") == ["drogy/1.1"]  # an evaluation's word first


def test_a_status_of_neither_names_both_lists(tmp_path: Path) -> None:
    code, err = listed(write_tree(tmp_path / "p", PLAN), "activities", "--status", "hotovy",
                       "--lang", "en")
    assert code == 2
    assert err == ("--status: 'hotovy' is not a status of activities; use one of done, "
                   "on_track, delayed, not_started, not_met, cancelled; planned, in_progress, "
                   "done, postponed, cancelled.\n")


def test_tasks_by_status_in_czech_and_by_any_of_their_owners(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "p", PLAN)
    assert tasks(root, "--status", "otevřený") == [
        ("Oslovit kraj", "Jana Nováková, Petr Dvořák")]
    assert tasks(root, "--status", "splneno") == [("Zapsat", "Eva Malá")]
    assert tasks(root, "--responsible", "dvorak") == [
        ("Oslovit kraj", "Jana Nováková, Petr Dvořák")]
    assert tasks(root, "--responsible", "ková, Petr") == []
