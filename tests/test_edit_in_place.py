"""An edit is checked in place, from the plan's cache, with the changed file's new bytes
laid over the working tree: no copy on disk, so no other file's status changes, and the
status after it reads only the file the edit wrote (and does not validate it again)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.plantree import write_tree
from tests.test_incremental import (
    CARD,
    EDIT_COMMANDS,
    VIEWS,
    card_doubled,
    edited,
    plan,  # noqa: F401 (the fixture)
    run,
)
from tests.test_status_golden import PLAN

REFUSED = [(["set", "drogy/1.1.2", "title", "--plan"], []),
           (["set", "drogy/1.1.2", "measure", "9.9", "--plan"], [])]
"""Edits that add an error to the card they change: the title emptied (its schema), a
measure the number does not belong to (a check of the card)."""


def statuses(root: Path) -> dict[str, tuple[int, int]]:
    return {path.relative_to(root).as_posix(): (path.stat().st_ino, path.stat().st_ctime_ns)
            for path in root.rglob("*.yaml")}


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by the test a moment ago are trusted by their status, as files
    written before the meeting would be."""
    monkeypatch.setattr("kplan.load.scan.RACY_SECONDS", 0)


@pytest.mark.parametrize("command", EDIT_COMMANDS)
@pytest.mark.usefixtures("settled")
def test_status_after_an_edit_reads_only_the_changed_file(
        plan: Path, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
        command: tuple[list[str], list[str]]) -> None:
    run(plan, VIEWS[0])
    before = statuses(plan)
    assert edited(plan, command)[0] == 0
    after = statuses(plan)
    changed = {file for file in before if before[file] != after[file]}
    assert len(changed) == 1, changed
    read: list[str] = []
    from kplan.load import scan

    original = scan.read
    monkeypatch.setattr(scan, "read", lambda document, problems: (
        read.append(document.rel), original(document, problems))[1])
    monkeypatch.setattr("kplan.load.loader._validated",
                        lambda *args: pytest.fail("validated again"))
    shown = run(plan, VIEWS[0])
    assert read == sorted(changed)
    monkeypatch.undo()
    assert shown == run(plan, VIEWS[0], "--no-cache")


@pytest.mark.parametrize("command", REFUSED)
@pytest.mark.parametrize("doubled", [False, True])
def test_a_refused_edit_says_what_a_check_of_a_copy_says(
        plan: Path, tmp_path: Path, command: tuple[list[str], list[str]],  # noqa: F811
        doubled: bool) -> None:
    alone = write_tree(tmp_path / "alone", PLAN)
    if doubled:
        card_doubled(plan)
        card_doubled(alone)
    run(plan, VIEWS[0])
    original = (plan / CARD).read_bytes()
    refused = edited(plan, command)
    assert refused == edited(alone, command, KPLAN_NO_CACHE="1")
    assert refused[0] == 1 and "nic se nezapsalo" in refused[1]
    assert (plan / CARD).read_bytes() == original
    for view in VIEWS:
        assert run(plan, view) == run(plan, view, "--no-cache"), view


@pytest.mark.parametrize("command", EDIT_COMMANDS)
def test_after_an_edit_validate_and_status_answer_from_its_check(
        plan: Path, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
        command: tuple[list[str], list[str]]) -> None:
    """The edit's check of the plan it then wrote is remembered: validate answers from it
    without loading, status runs no check, and both say what a cold read says."""
    card_doubled(plan)
    run(plan, VIEWS[0])
    assert edited(plan, command)[0] == 0
    monkeypatch.setattr("kplan.load.loader.load_plan", lambda *args, **kw: pytest.fail("load"))
    monkeypatch.setattr("kplan.load.warm._checked", lambda *args: pytest.fail("checked"))
    answers = [run(plan, view) for view in (["validate"], ["validate", "-f", "json"], VIEWS[0])]
    monkeypatch.undo()
    assert answers == [run(plan, view, "--no-cache")
                       for view in (["validate"], ["validate", "-f", "json"], VIEWS[0])]
    assert "2.1b.yaml" in answers[0][1]


@pytest.mark.parametrize("command", EDIT_COMMANDS)
def test_an_edit_loads_the_plan_once_and_lays_its_change_over_it(
        plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
        command: tuple[list[str], list[str]]) -> None:
    """The check after the change is the plan the change was made from, with the changed
    card validated again in its place: one bulk load, and what a copy of the plan says.
    (A change that breaks the card loads the plan again: it is refused anyway.)"""
    alone = write_tree(tmp_path / "alone", PLAN)
    card_doubled(plan)
    card_doubled(alone)
    run(plan, VIEWS[0])
    from kplan.load import warm

    loads: list[object] = []
    original = warm.bulk_load
    monkeypatch.setattr(warm, "bulk_load", lambda *args: (loads.append(args), original(*args)))
    said = edited(plan, command)
    assert len(loads) == 1
    monkeypatch.undo()
    assert said == edited(alone, command, KPLAN_NO_CACHE="1")
    for view in VIEWS:
        assert run(plan, view) == run(plan, view, "--no-cache"), view


@pytest.mark.parametrize("command", EDIT_COMMANDS)
def test_an_edit_reads_no_status_rows_of_the_cards(
        plan: Path, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
        command: tuple[list[str], list[str]]) -> None:
    """What the status view made of each card is kept apart from the cards' checks: an
    edit's check reads the checks, never the rows (on 10,000 cards, 17 MB)."""
    run(plan, VIEWS[0])
    from kplan.load.cachefile import RecordLog

    logs: list[str] = []
    original = RecordLog.read
    monkeypatch.setattr(RecordLog, "read", lambda log, *args, **kwargs: (
        logs.append(log.path.name.split(".")[-2]), original(log, *args, **kwargs))[1])
    assert edited(plan, command)[0] == 0
    assert "checks" in logs and "rows" not in logs, logs

