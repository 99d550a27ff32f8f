"""Meeting views remembered while the plan and the day stay the same, and only then."""

from __future__ import annotations

import io
import pickle
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from kplan.cli import app
from kplan.load.cache import DocumentCache
from kplan.output.blocks import Bullets, Cell, Column, Fields, Heading, Para, row, table
from kplan.output.memo import MAX_VIEWS, Shown, ViewMemo
from kplan.output.terminal import terminal_shape
from kplan.resources import cache_folder
from tests.plantree import CARD_YAML, PlanFactory

CARD = "activities/drogy/2.1.2.yaml"
BROKEN = 'id: "1.1.1"\ntitel: Rozbitá karta\n'


def kplan(*args: str, **env: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"KPLAN_LANG": "", "NO_COLOR": "1", **env})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def views_kept() -> list[Path]:
    return [p for folder in cache_folder().glob("plan-*.views") for p in folder.iterdir()]


def no_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the plan was loaded")

    monkeypatch.setattr("kplan.load.loader.load_plan", refuse)


@pytest.mark.parametrize("command", [
    ["status"], ["status", "-f", "md"], ["status", "-f", "json"], ["overdue"],
    ["upcoming", "--within", "2y"], ["show", "2.1.2"], ["list", "activities", "--year", "2019"],
])
def test_a_repeated_view_is_answered_without_loading_the_plan(
        make_plan: PlanFactory, monkeypatch: pytest.MonkeyPatch, command: list[str]) -> None:
    root = make_plan()
    first = kplan(*command, str(root), "--as-of", "2019-06-30")
    assert first[0] == 0 and first[1]
    no_loading(monkeypatch)
    assert kplan(*command, str(root), "--as-of", "2019-06-30") == first


def test_an_edit_between_views_is_shown(make_plan: PlanFactory) -> None:
    root = make_plan()
    assert "krizového lůžka" in kplan("status", str(root))[1]
    (root / CARD).write_text(CARD_YAML.replace("krizového lůžka", "azylového domu"), "utf-8")
    out = kplan("status", str(root))[1]
    assert "azylového domu" in out and "krizového lůžka" not in out


def test_every_question_has_its_own_view(make_plan: PlanFactory) -> None:
    root = make_plan()
    czech = kplan("status", str(root), "--as-of", "2019-06-30")[1]
    english = kplan("status", str(root), "--as-of", "2019-06-30", "--lang", "en")[1]
    later = kplan("status", str(root), "--as-of", "2020-06-30")[1]
    assert len({czech, english, later}) == 3
    assert kplan("status", str(root), "--as-of", "2019-06-30", KPLAN_LANG="en")[1] == english
    assert kplan("status", str(root), "--as-of", "2019-06-30")[1] == czech


def test_a_remembered_view_still_says_the_plan_has_errors(
        make_plan: PlanFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_plan({"activities/drogy/1.1.1.yaml": BROKEN})
    first = kplan("overdue", str(root), "--as-of", "2020-01-01", "--fail")
    assert first[0] == 1 and first[2].startswith("Plán má 2 chyby")
    no_loading(monkeypatch)
    assert kplan("overdue", str(root), "--as-of", "2020-01-01", "--fail") == first


def test_a_usage_mistake_is_never_remembered(make_plan: PlanFactory) -> None:
    root = make_plan()
    for _ in range(2):
        code, _, err = kplan("status", str(root), "--group", "senioři")
        assert code == 2 and "senioři" in err
    assert views_kept() == []


def test_a_view_is_drawn_again_for_a_narrower_terminal(
        make_plan: PlanFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_plan()
    wide = kplan("status", str(root), "--as-of", "2019-06-30")[1]
    narrow = Console(file=io.StringIO(), width=50, no_color=True)
    monkeypatch.setattr("kplan.cli.common._console", lambda: narrow)
    monkeypatch.setattr("kplan.output.terminal.stream_shape",
                        lambda stream=None: terminal_shape(narrow))
    out = kplan("status", str(root), "--as-of", "2019-06-30")[1]
    monkeypatch.setenv("KPLAN_NO_CACHE", "1")
    assert kplan("status", str(root), "--as-of", "2019-06-30")[1] == out != wide
    assert max(len(line) for line in out.splitlines()) <= 50


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05garbage"])
def test_a_corrupt_view_is_made_again(make_plan: PlanFactory, damage: bytes) -> None:
    root = make_plan()
    first = kplan("status", str(root), "-f", "json")
    for path in views_kept():
        path.write_bytes(damage)
    assert kplan("status", str(root), "-f", "json") == first


def test_at_most_a_few_views_are_kept(make_plan: PlanFactory) -> None:
    root = make_plan()
    for year in range(2000, 2000 + MAX_VIEWS + 4):
        kplan("list", "activities", str(root), "--year", str(year), "-f", "md")
    assert len(views_kept()) == MAX_VIEWS


def test_a_view_stands_for_one_day_and_one_state_of_the_plan(make_plan: PlanFactory) -> None:
    root = make_plan()
    cache = DocumentCache.for_plan(root)
    day = date(2026, 11, 23)
    ViewMemo.for_plan(cache, root, day).put(("status",), Shown("stav", None))
    assert ViewMemo.for_plan(DocumentCache.for_plan(root), root, day).get(("status",)) == \
        Shown("stav", None)
    assert ViewMemo.for_plan(DocumentCache.for_plan(root), root, date(2026, 11, 24)) \
        .get(("status",)) is None
    (root / "meetings").mkdir()
    assert ViewMemo.for_plan(DocumentCache.for_plan(root), root, day).get(("status",)) is None


def test_no_cache_remembers_no_view(make_plan: PlanFactory) -> None:
    root = make_plan()
    kplan("status", str(root), KPLAN_NO_CACHE="1")
    kplan("status", str(root), "--no-cache")
    assert views_kept() == []


def test_every_kind_of_block_comes_back_from_the_cache_as_it_was() -> None:
    blocks = (Heading("Stav k 30. 6. 2025"), Para("Plán má chyby.", "italic"),
              Fields((("Aktivity", "1"),)), Bullets(("úkol",)),
              table([Column("Číslo"), Column("Aktivita", wrap=1, right=True)],
                    [row("2.1.2", Cell("lůžko", "bold", (1, 6)), style="red")]))
    assert pickle.loads(pickle.dumps(blocks, protocol=pickle.HIGHEST_PROTOCOL)) == blocks


def test_a_drawing_cut_short_is_not_kept(make_plan: PlanFactory) -> None:
    root = make_plan()
    memo = ViewMemo.for_plan(DocumentCache.for_plan(root), root, date(2026, 11, 23))
    pieces = memo.passing(("status",), Shown((), None), iter(["první ", "druhý"]))
    assert next(pieces) == "první "
    pieces.close()  # the terminal went away after the first piece
    assert memo.get(("status",)) is None
    assert list(memo.passing(("status",), Shown((), None), ["první ", "druhý"])) == \
        ["první ", "druhý"]
    assert memo.get(("status",)) == Shown("první druhý", None)
    assert not [p for p in memo.folder.iterdir() if p.name.startswith(".tmp-")]
