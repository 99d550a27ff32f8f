"""A view after files changed, made from the cache, is byte for byte the view of a cold
read: cards changed, meetings changed, cards deleted, broken, doubled, plan.yaml edited."""

from __future__ import annotations

import dataclasses
import pickle
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kplan.checks import CARD_CHECKS, CHECKS, PLAN_CHECKS, CheckContext
from kplan.checks.inputs import skeleton
from kplan.cli import app
from kplan.load.loader import load_plan
from kplan.resources import cache_folder
from tests.plantree import write_tree
from tests.test_places import PLAN as PLACES
from tests.test_status_golden import PLAN

AS_OF = ["--as-of", "2025-06-30"]
VIEWS = [["status", *AS_OF], ["status"], ["status", *AS_OF, "--group", "drogy"],
         ["status", *AS_OF, "--within", "2y"], ["status", *AS_OF, "-f", "md"],
         ["status", *AS_OF, "-f", "json"], ["status", *AS_OF, "--brief"],
         ["overdue", *AS_OF], ["overdue", *AS_OF, "-f", "json"],
         ["upcoming", *AS_OF, "--within", "2y"], ["upcoming", *AS_OF, "--group", "drogy"],
         ["list", "activities", *AS_OF], ["list", "activities", *AS_OF, "--group", "drogy",
                                         "-f", "json"],
         ["validate"], ["validate", "-f", "json"]]
CARD = "activities/drogy/1.1.2.yaml"
MEETING = "meetings/2025-02-10-drogy.yaml"


def run(root: Path, view: list[str], *more: str) -> tuple[int, str, str]:
    words = 2 if view[0] == "list" else 1  # kplan list activities PLAN
    result = CliRunner().invoke(app, [*view[:words], str(root), *view[words:], *more],
                                env={"KPLAN_LANG": "", "NO_COLOR": "1"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def done_milestone(root: Path) -> None:
    edit(root / CARD, "{title: Zajistit financování, due: 2025-03}",
         "{title: Zajistit financování, due: 2025-03, status: done, done: 2025-03-20}")


def meeting_task(root: Path) -> None:
    edit(root / MEETING, "due: 2025-04}", "due: 2025-09-30}\n  - {title: Nový úkol, due: 2025-06}")


def card_deleted(root: Path) -> None:
    (root / "activities/drogy/1.1.10.yaml").unlink()


def card_broken(root: Path) -> None:
    (root / "activities/seniori/2.2.yaml").write_text('id: "2.2"\ntitel: Překlep\n', "utf-8")


def card_doubled(root: Path) -> None:
    shutil.copy(root / "activities/seniori/2.1.yaml", root / "activities/seniori/2.1b.yaml")


def missing_after(root: Path) -> None:
    edit(root / CARD, "responsible: Jana Nováková", "responsible: Jana Nováková\nafter: ['9.9']")


def group_renamed(root: Path) -> None:
    edit(root / "plan.yaml", "name: Pracovní skupina senioři", "name: Skupina seniorů")


def group_dropped(root: Path) -> None:
    """Cards of a group plan.yaml no longer has are in error (a check of single cards)."""
    edit(root / "plan.yaml", "  - id: seniori\n    name: Skupina seniorů\n"
         "    min_meetings_per_year: 1\n", "")


def card_restored(root: Path) -> None:
    (root / "activities/seniori/2.1b.yaml").unlink()
    edit(root / CARD, "\nafter: ['9.9']", "")


EDITS: list[Callable[[Path], None]] = [
    done_milestone, meeting_task, card_deleted, card_broken, card_doubled, missing_after,
    group_renamed, group_dropped, card_restored]


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "plan", PLAN)


def test_views_after_each_edit_are_those_of_a_cold_read(plan: Path) -> None:
    for view in VIEWS:
        run(plan, view)
    for change in EDITS:
        change(plan)
        for view in VIEWS:
            assert run(plan, view) == run(plan, view, "--no-cache"), (change.__name__, view)
    assert list(cache_folder().glob("plan-*.views/*.parts")), "the view was drawn in parts"


def test_a_view_after_an_edit_is_that_of_a_plan_never_cached(plan: Path,
                                                             tmp_path: Path) -> None:
    """The cache removed, not only left unread: what the first run keeps is right too."""
    run(plan, VIEWS[0])
    done_milestone(plan)
    card_doubled(plan)
    warm = run(plan, VIEWS[0])
    shutil.rmtree(cache_folder())
    assert run(plan, VIEWS[0]) == warm
    assert "2.1b.yaml" in run(plan, ["validate"])[1]


def test_a_repeated_view_draws_only_the_changed_group(plan: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    run(plan, VIEWS[0])
    done_milestone(plan)
    drawn: list[str] = []
    from kplan.output import warmview

    original = warmview.group_activities
    monkeypatch.setattr(warmview, "group_activities",
                        lambda group, *rest: drawn.append(group) or original(group, *rest))
    run(plan, VIEWS[0])
    assert drawn == ["drogy"]


def parts_file() -> Path:
    found = list(cache_folder().glob("plan-*.views/*.parts"))
    assert len(found) == 1, found
    return found[0]


def test_a_view_after_a_change_appends_only_the_parts_it_drew(plan: Path) -> None:
    run(plan, VIEWS[0])
    before = parts_file().stat()
    done_milestone(plan)
    shown = run(plan, VIEWS[0])
    after = parts_file().stat()
    assert (after.st_ino, after.st_dev) == (before.st_ino, before.st_dev), "appended"
    assert 0 < after.st_size - before.st_size < before.st_size, "only the changed parts"
    assert shown == run(plan, VIEWS[0], "--no-cache")


def test_a_view_asked_again_is_read_from_its_parts_without_drawing(
        plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kplan.output import warmview

    run(plan, VIEWS[0])
    done_milestone(plan)
    shown = run(plan, VIEWS[0])
    monkeypatch.setattr(warmview, "status_text", lambda *a: pytest.fail("drawn again"))
    assert run(plan, VIEWS[0]) == shown
    assert not list(cache_folder().glob("plan-*.views/*.pickle")), "kept once, in its parts"


def test_a_parts_file_mostly_outdated_is_written_anew_with_the_live_parts(
        plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kplan.output import memo

    def outdated_bytes() -> int:
        data = parts_file().read_bytes()
        start, length = memo._HEADER.unpack_from(data)
        _, places, _ = pickle.loads(data[start:start + length])
        return len(data) - memo._HEADER.size - length - sum(n for _, n in places.values())

    run(plan, VIEWS[0])
    done_milestone(plan)
    run(plan, VIEWS[0])
    assert outdated_bytes() > 0, "appended: the parts drawn before are still in the file"
    monkeypatch.setattr(memo, "COMPACT_FACTOR", 0)
    monkeypatch.setattr(memo, "COMPACT_BYTES", 0)
    card_broken(plan)
    shown = run(plan, VIEWS[0])
    assert outdated_bytes() == 0
    assert shown == run(plan, VIEWS[0], "--no-cache")


def all_checks(root: Path) -> tuple[list[object], object]:
    result = load_plan(root, date(2025, 6, 30))
    context = CheckContext(result.plan, date(2025, 6, 30))
    return sorted(repr(d) for check in CHECKS for d in check(context)), result.plan


@pytest.mark.parametrize("change", [None, card_doubled, missing_after, card_broken])
def test_checks_of_single_cards_and_across_cards_split_the_checks(
        plan: Path, change: Callable[[Path], None] | None) -> None:
    """Card checks on one card at a time and plan checks on skeletons give what all the
    checks give on the whole plan."""
    if change is not None:
        change(plan)
    expected, whole = all_checks(plan)
    assert isinstance(whole, type(load_plan(plan).plan))
    one_by_one = [d for card in whole.activities for check in CARD_CHECKS
                  for d in check(CheckContext(dataclasses.replace(whole, activities=[card]),
                                              date(2025, 6, 30)))
                  if d.file == card.file]
    others = [d for check in CARD_CHECKS
              for d in check(CheckContext(dataclasses.replace(whole, activities=[]),
                                          date(2025, 6, 30)))]
    skeletons = dataclasses.replace(whole, activities=[skeleton(a) for a in whole.activities])
    across = [d for check in PLAN_CHECKS for d in check(CheckContext(skeletons,
                                                                     date(2025, 6, 30)))]
    assert sorted(repr(d) for d in one_by_one + others + across) == expected


def test_a_skeleton_read_back_from_the_cache_is_the_skeleton_alone(plan: Path) -> None:
    cards = load_plan(plan, date(2025, 6, 30)).plan.activities
    for card in cards:
        kept = skeleton(card)
        assert kept is not None
        again = pickle.loads(pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))
        assert again == kept and (again.file, again.group) == (card.file, card.group)
        assert again.model_fields_set == kept.model_fields_set
        assert again.__dict__ == kept.__dict__ and again.partners == card.partners
        generic = pickle.dumps((kept.__dict__, kept.__pydantic_private__))
        assert len(pickle.dumps(kept)) < len(generic) / 2, "the kept fields alone"
    first, second = (pickle.loads(pickle.dumps(skeleton(cards[0]))) for _ in range(2))
    first.milestones.append("x")
    assert second.milestones == [], "no list shared between skeletons read back"


@pytest.mark.parametrize("tree", ["status", "places"])
def test_the_checks_of_a_part_of_the_cards_give_their_diagnostics_alone(
        tmp_path: Path, tree: str) -> None:
    """Checked a part at a time without the plan's other documents (``of_cards``), the
    cards get what they get in the whole plan, and no other file gets anything (the
    places' plan has diagnostics on plan.yaml's headings, a service and a meeting)."""
    whole = load_plan(write_tree(tmp_path / "plan", PLAN if tree == "status" else PLACES),
                      date(2025, 6, 30)).plan
    cards = {card.file for card in whole.activities}
    everything = [d for check in CARD_CHECKS
                  for d in check(CheckContext(whole, date(2025, 6, 30)))]
    if tree == "places":
        assert {d.file for d in everything} - cards
    parts = [whole.activities[:1], whole.activities[1:]]
    found = [d for part in parts for check in CARD_CHECKS
             for d in check(CheckContext.of_cards(whole, part, date(2025, 6, 30)))]
    assert {d.file for d in found} <= cards
    assert sorted(map(repr, found)) == sorted(repr(d) for d in everything if d.file in cards)


EDIT_COMMANDS = [(["done", "drogy/1.1.2", "2"], ["--date", "2025-06-30"]),
                 (["set-status", "drogy/1.1.10", "1", "cancelled"], [])]


def edited(root: Path, command: tuple[list[str], list[str]], **env: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [*command[0], str(root), *command[1]],
                                env={"KPLAN_LANG": "", "NO_COLOR": "1", **env})
    return (result.exit_code, result.stdout.replace(str(root), "PLAN"),
            result.stderr.replace(str(root), "PLAN"))


@pytest.mark.parametrize("command", EDIT_COMMANDS)
def test_an_edit_then_status_is_as_without_the_cache(
        plan: Path, tmp_path: Path, command: tuple[list[str], list[str]]) -> None:
    """The edit is checked from the cache, and the status after it is that of a cold read;
    the same edit of a copy of the plan without the cache says the same."""
    alone = write_tree(tmp_path / "alone", PLAN)
    card_doubled(plan)
    card_doubled(alone)
    run(plan, VIEWS[0])
    assert edited(plan, command) == edited(alone, command, KPLAN_NO_CACHE="1")
    for view in VIEWS:
        assert run(plan, view) == run(plan, view, "--no-cache"), view


def test_a_diagnostic_across_cards_is_placed_without_parsing_its_card_again(
        plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing_after(plan)
    card_doubled(plan)
    monkeypatch.setattr("kplan.load.loader.read_at", lambda *args: pytest.fail("read again"))
    found = {(d.file, d.code): (d.line, d.column, d.source)
             for d in load_plan(plan, date(2025, 6, 30)).diagnostics}
    assert found[CARD, "KP303"] == (6, 9, "after: ['9.9']")
    assert found["activities/seniori/2.1b.yaml", "KP301"] == (1, 5, 'id: "2.1"')


def test_status_places_no_warning(plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A card without a responsible person has a warning that status never prints: after
    the card changed, status neither reads nor parses the card again to place it."""
    run(plan, VIEWS[0])
    edit(plan / CARD, "responsible: Jana Nováková\n", "")
    monkeypatch.setattr("kplan.load.loader.read_at", lambda *args: pytest.fail("placed"))
    assert run(plan, VIEWS[0])[0] == 0
    assert run(plan, ["status", *AS_OF, "-f", "json"])[0] == 0


def test_the_one_log_of_every_kind_kept_before_is_removed(
        plan: Path) -> None:
    run(plan, VIEWS[0])
    from kplan.load.cache import DocumentCache

    cache = DocumentCache.for_plan(plan).path
    before = cache.with_name(cache.name + ".derived.pickle")
    before.write_bytes(b"what kplan kept before")
    (plan / CARD).write_text((plan / CARD).read_text("utf-8") + "# změna\n", "utf-8")
    run(plan, VIEWS[0])
    assert not before.exists()
    assert cache.with_name(cache.name + ".rows.pickle").exists()


def test_a_list_of_activities_is_made_of_the_rows_status_keeps(
        plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a filter that reads whole cards, ``kplan list activities`` after a change
    takes each card's row from the cache, as ``status`` does; with one, it reads the plan
    whole."""
    listed = ["list", "activities", *AS_OF, "--group", "drogy"]
    run(plan, VIEWS[0])
    (plan / CARD).write_text((plan / CARD).read_text("utf-8") + "# změna\n", "utf-8")
    monkeypatch.setattr("kplan.load.loader.load_plan", lambda *args, **kw: pytest.fail("whole"))
    warm = run(plan, listed)
    with pytest.raises(pytest.fail.Exception):
        run(plan, [*listed, "--responsible", "nikdo"])
    monkeypatch.undo()
    assert warm == run(plan, listed, "--no-cache") and warm[0] == 0
    assert "1.1.2" in warm[1]
