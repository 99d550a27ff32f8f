"""What a view holds while it is made: each card's whole model only while it is checked
and its rows are made, the drawn parts in their file, not in memory; the due lists read
rows, not whole models; a calendar is encoded a piece at a time."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kplan.load import warm
from kplan.load.cache import DocumentCache
from kplan.load.entry import Entry
from kplan.output import warmview
from kplan.output.memo import _HEADER, Parts
from kplan.query.timeframe import Scope
from tests.plantree import write_tree
from tests.test_incremental import EDITS, VIEWS, done_milestone, run
from tests.test_status_golden import PLAN

DAY = date(2025, 6, 30)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "plan", PLAN)


def opened(root: Path) -> warmview.RememberedCards:
    _, cards_for = warmview.opened_plan(root, DocumentCache.for_plan(root), DAY, True,
                                        Scope(DAY))
    assert cards_for is not None
    return cards_for(DAY)


def test_a_cold_view_lets_go_of_every_whole_model_once_its_rows_are_made(
        plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cards = opened(plan)
    assert cards.warm.entries and all(e._model is None for e in cards.warm.entries.values())
    unpickled: list[Entry] = []
    monkeypatch.setattr(Entry, "model_for_now", lambda entry: unpickled.append(entry))
    for card in cards.warm.result.plan.activities:
        assert cards.rows(card).status.ref == card.ref
    assert unpickled == [], "the rows were made while the models were at hand"


def test_rows_are_made_only_for_the_cards_the_view_shows(plan: Path) -> None:
    _, cards_for = warmview.opened_plan(plan, DocumentCache.for_plan(plan), DAY, True,
                                        Scope(DAY, "seniori"))
    assert cards_for is not None
    cards = cards_for(DAY)
    made = {file for file in cards._found}
    shown = {c.file for c in cards.warm.result.plan.activities if "seniori" in c.all_groups}
    assert made == shown and shown


def test_cards_checked_a_part_at_a_time_give_the_views_of_a_cold_read(
        plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(warm, "CHECKED_AT_ONCE", 2)
    for view in VIEWS:
        assert run(plan, view) == run(plan, view, "--no-cache"), view
    for change in EDITS:
        change(plan)
        for view in VIEWS:
            assert run(plan, view) == run(plan, view, "--no-cache"), (change.__name__, view)


def test_the_parts_of_a_view_are_read_from_their_file_when_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "view.parts"
    first = Parts(path)
    assert first.text(("a",), lambda: "první část") == "první část"
    assert first.text(("b",), lambda: "druhá část") == "druhá část"
    assert first.text(("a",), lambda: "jiná") == "první část"
    first.save()
    first.close()
    again = Parts(path)
    assert all(isinstance(place, tuple) for place in again.known.values()), "no text held"
    assert again.text(("b",), lambda: pytest.fail("drawn again")) == "druhá část"
    again.save()
    again.close()
    last = Parts(path)
    assert last.text(("a",), lambda: "nakreslená znovu") == "nakreslená znovu", \
        "what a run did not use is dropped"
    last.close()


def saved(path: Path, text: str) -> Path:
    """A parts file of the status of day ``den`` whose one part ``a`` is ``text``."""
    view = Parts(path, b"den", ("status",))
    view.text(("a",), lambda: text)
    view.save()
    view.close()
    return path


def test_two_runs_appending_to_one_parts_file_leave_it_whole(tmp_path: Path) -> None:
    path = saved(tmp_path / "view.parts", "první část")
    one, other = Parts(path, b"den", ("status",)), Parts(path, b"den", ("status",))
    assert one.text(("a",), lambda: "znovu") == other.text(("a",), lambda: "znovu")
    one.text(("b",), lambda: "část jednoho běhu")
    other.text(("c",), lambda: "část druhého běhu")
    other.loose("konec")
    one.save()
    other.save()
    one.close()
    other.close()
    last = Parts(path, b"den", ("status",))
    recalled = last.recalled()
    assert recalled is not None and "".join(recalled[1]) == "první částčást druhého běhukonec"
    assert last.text(("b",), lambda: "nakreslená") == "nakreslená", "the last run's index"
    last.close()


def test_a_parts_file_of_another_day_is_no_view_of_this_one(tmp_path: Path) -> None:
    path = saved(tmp_path / "view.parts", "část")
    assert Parts(path, b"jiny den", ("status",)).recalled() is None
    assert Parts(path, b"den", ("overdue",)).recalled() is None
    assert Parts(path, b"den", ("status",)).recalled() is not None


@pytest.mark.parametrize("damage", [b"", b"\x00" * 8, b"\x00" * 7 + b"\x09garbage!"])
def test_a_damaged_parts_file_draws_every_part_again(tmp_path: Path, damage: bytes) -> None:
    path = tmp_path / "view.parts"
    path.write_bytes(damage)
    parts = Parts(path)
    assert parts.text(("a",), lambda: "nakreslená") == "nakreslená"
    parts.save()
    parts.close()
    assert Parts(path).text(("a",), lambda: "znovu") == "nakreslená"


def test_a_view_cut_short_leaves_no_parts_file_behind(tmp_path: Path) -> None:
    parts = Parts(tmp_path / "views" / "view.parts")
    parts.text(("a",), lambda: "část")
    parts.close()
    assert not any(path.is_file() for path in tmp_path.rglob("*"))


def test_a_view_cut_short_leaves_the_view_kept_before(tmp_path: Path) -> None:
    path = saved(tmp_path / "view.parts", "první část")
    kept = path.read_bytes()
    cut = Parts(path, b"den", ("status",))
    cut.text(("b",), lambda: "nová část")
    cut.close()
    assert path.read_bytes().startswith(kept), "what was kept is never overwritten"
    again = Parts(path, b"den", ("status",))
    recalled = again.recalled()
    assert recalled is not None and "".join(recalled[1]) == "první část"
    assert again.text(("b",), lambda: "nakreslená") == "nakreslená", "not in the index"
    again.close()


@pytest.mark.parametrize("view", [["overdue"], ["upcoming", "--within", "2y"],
                                  ["upcoming", "--group", "drogy", "-f", "json"]])
def test_the_due_lists_read_rows_from_the_cache_not_whole_models(
        plan: Path, monkeypatch: pytest.MonkeyPatch, view: list[str]) -> None:
    run(plan, [*view, "--as-of", "2025-06-30"])
    done_milestone(plan)
    cold = run(plan, [*view, "--as-of", "2025-06-30"], "--no-cache")
    monkeypatch.setattr("kplan.load.loader.load_plan", lambda *a, **k: pytest.fail("whole"))
    read: list[str] = []
    real = warmview.RememberedCards.rows
    monkeypatch.setattr(warmview.RememberedCards, "rows",
                        lambda cards, card: read.append(card.file) or real(cards, card))
    assert run(plan, [*view, "--as-of", "2025-06-30"]) == cold
    if view == ["overdue"]:
        assert read == [], "no card has a milestone overdue now: no card's rows are read"


def test_a_calendar_encoded_a_piece_at_a_time_is_the_calendar(
        plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import UTC, datetime

    from kplan.load.loader import load_plan
    from kplan.output import ics

    loaded = load_plan(plan, DAY).plan
    stamp = datetime(2025, 6, 30, 12, tzinfo=UTC)
    whole = ics.calendar_text(loaded, None, stamp)
    monkeypatch.setattr(ics, "LINES_A_PIECE", 5)
    pieces = list(ics.calendar_pieces(loaded, None, stamp))
    assert len(pieces) > 10 and "".join(pieces) == whole
    assert ics.calendar_bytes(loaded, None, stamp) == whole.encode("utf-8")
    assert whole.startswith("BEGIN:VCALENDAR\r\n") and whole.endswith("END:VCALENDAR\r\n")


ROWS = 6_000


def test_a_workbook_is_written_a_row_at_a_time() -> None:
    """6,000 rows of ten cells: held as cell objects they would take over 18 MB."""
    import io
    import tracemalloc
    from datetime import date as day

    from openpyxl import load_workbook

    from kplan.output.tables import Column, Table
    from kplan.output.xlsx import workbook_bytes

    columns = (*(Column(f"c{i}", f"Sloupec {i}", f"Column {i}") for i in range(9)),
               Column("due", "Termín", "Due"))
    rows = tuple((*(f"text {r} {i}" for i in range(9)), day(2025, 1, 1 + r % 28))
                 for r in range(ROWS))
    tracemalloc.start()
    data = workbook_bytes([Table("activities", "Aktivity", columns, rows, "CZK")], "cs")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 6 * 2**20, f"{peak / 2**20:.1f} MB"
    sheet = load_workbook(io.BytesIO(data), read_only=True)["Aktivity"]
    got = list(sheet.iter_rows(min_row=ROWS + 1, values_only=True))
    assert got[0][0] == f"text {ROWS - 1} 0" and got[0][9].date() == day(2025, 1, 8)


def test_a_parts_file_cut_short_is_no_view(tmp_path: Path) -> None:
    path = saved(tmp_path / "view.parts", "x" * 1000)
    data = path.read_bytes()
    at, length = _HEADER.unpack_from(data)
    index = data[at:at + length]
    path.write_bytes(_HEADER.pack(_HEADER.size + 10, length) + b"x" * 10 + index)
    assert Parts(path, b"den", ("status",)).recalled() is None, "its text is gone"


def test_without_reads_at_an_offset_every_part_is_drawn(
        plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As on Windows, where os.pread and os.pwrite do not exist."""
    from kplan.output import memo

    monkeypatch.setattr(memo, "POSITIONED", False)
    monkeypatch.delattr("os.pread")
    monkeypatch.delattr("os.pwrite")
    shown = run(plan, ["status", "--as-of", "2025-06-30"])
    done_milestone(plan)
    assert run(plan, ["status", "--as-of", "2025-06-30"]) == \
        run(plan, ["status", "--as-of", "2025-06-30"], "--no-cache") != shown
