"""The document cache: right answers when files change, vanish, race or the cache breaks."""

from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kplan.cli import app
from kplan.load.cache import DocumentCache, cache_folder, fingerprint
from kplan.load.loader import load_plan
from kplan.yamlio import RawFile
from tests.plantree import CARD_YAML, TODAY, PlanFactory

CARD = "activities/drogy/2.1.2.yaml"


def age(root: Path, seconds: float = 60) -> None:
    """Make every file look older than the cache's racy window."""
    past = time.time() - seconds
    for path in root.rglob("*"):
        os.utime(path, (past, past), follow_symlinks=False)


def cached_load(root: Path, today: date = TODAY) -> list[tuple[str, int, int, str]]:
    result = load_plan(root, today, cache=DocumentCache.for_plan(root))
    return [(d.file, d.line, d.column, d.code) for d in result.diagnostics]


def validate(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["validate", str(root), *args], env={"GITHUB_ACTIONS": ""})
    return result.exit_code, result.output


def test_second_run_answers_from_the_cache(make_plan: PlanFactory) -> None:
    root = make_plan()
    age(root)
    assert cached_load(root) == []
    cache = DocumentCache.for_plan(root)
    outcome = cache.outcome(TODAY, fingerprint(root))
    assert outcome is not None and outcome.counts["activity"] == 1
    assert cache.outcome(date(2030, 1, 1), fingerprint(root)) is None, "another day"


def test_an_edit_between_runs_is_seen(make_plan: PlanFactory) -> None:
    root = make_plan()
    age(root)
    assert validate(root)[0] == 0
    card = root / CARD
    stat = card.stat()
    card.write_text(CARD_YAML.replace("title:", "titel:"), encoding="utf-8")
    os.utime(card, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same time, other size
    code, output = validate(root)
    assert code == 1
    assert "KP201" in output


def test_an_edit_that_keeps_size_and_time_is_seen(make_plan: PlanFactory) -> None:
    """Same size, same modification time, other content: the content hash decides."""
    root = make_plan()
    age(root)
    assert cached_load(root) == []
    card = root / CARD
    stat = card.stat()
    card.write_text(CARD_YAML.replace("due: 2019", "due: 2029"), encoding="utf-8")
    os.utime(card, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert card.stat().st_size == stat.st_size
    assert cached_load(root) == [(CARD, 10, 10, "KP403")]


def test_a_file_that_disappears_is_forgotten(make_plan: PlanFactory) -> None:
    root = make_plan({"meetings/2019-01-25-drogy.yaml": "date: 2019-01-25\ngroup: drogy\n"})
    age(root)
    assert validate(root, "--format", "json")[1].count('"meeting_count": 1') == 1
    (root / "meetings/2019-01-25-drogy.yaml").unlink()
    assert validate(root, "--format", "json")[1].count('"meeting_count": 0') == 1


def test_a_new_file_is_read(make_plan: PlanFactory) -> None:
    root = make_plan()
    age(root)
    assert validate(root)[0] == 0
    (root / "activities/drogy/2.13.yaml").write_text("id: 2.13\ntitle: x\n", encoding="utf-8")
    assert "KP205" in validate(root)[1]


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05garbage"])
def test_a_corrupt_cache_is_rebuilt_silently(make_plan: PlanFactory, damage: bytes) -> None:
    root = make_plan()
    age(root)
    assert validate(root)[0] == 0
    for path in cache_folder().glob("plan-*"):
        path.write_bytes(damage)
    code, output = validate(root)
    assert (code, output.strip()) == (0, "Plán je v pořádku: 1 aktivita, 0 služeb, 0 schůzek.")
    assert validate(root)[0] == 0


def test_a_cache_of_another_version_is_ignored(make_plan: PlanFactory,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_plan()
    age(root)
    assert cached_load(root) == []
    monkeypatch.setattr("kplan.load.cache.cache_version", lambda: "another kplan")
    cache = DocumentCache.for_plan(root)
    assert cache.outcome(TODAY, fingerprint(root)) is None
    card = (root / CARD).read_bytes()
    assert cache.lookup(CARD, RawFile(card, len(card))) is None


def test_no_cache_writes_nothing(make_plan: PlanFactory) -> None:
    root = make_plan()
    assert validate(root, "--no-cache")[0] == 0
    assert not list(cache_folder().glob("plan-*"))
    assert validate(root)[0] == 0
    assert list(cache_folder().glob("plan-*"))


def test_an_unwritable_cache_folder_does_not_fail_the_run(
        make_plan: PlanFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("KPLAN_CACHE_DIR", str(blocker / "cache"))
    assert validate(make_plan())[0] == 0


def test_the_cache_lives_outside_the_plan(make_plan: PlanFactory) -> None:
    root = make_plan()
    validate(root)
    assert not any(p.name.startswith("plan-") for p in root.rglob("*"))


def test_two_runs_sharing_the_cache_both_see_their_own_plan(make_plan: PlanFactory,
                                                            tmp_path: Path) -> None:
    first = make_plan()
    second = Path(str(first) + "-copy")
    second.mkdir()
    (second / "plan.yaml").write_text((first / "plan.yaml").read_text("utf-8"), "utf-8")
    age(first)
    age(second)
    assert validate(first, "--format", "json")[1].count('"activity_count": 1') == 1
    assert validate(second, "--format", "json")[1].count('"activity_count": 0') == 1
    assert validate(first, "--format", "json")[1].count('"activity_count": 1') == 1


def test_an_unchanged_file_is_not_read_again(make_plan: PlanFactory,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kplan.load.cache.RACY_SECONDS", -1)  # trust even files changed just now
    root = make_plan()
    assert cached_load(root) == []
    assert DocumentCache.for_plan(root).scan(root).contents == {}
    assert cached_load(root) == []


def test_an_edit_that_keeps_size_and_time_is_seen_by_the_status(
        make_plan: PlanFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The change time moves with every write, whatever the modification time says."""
    monkeypatch.setattr("kplan.load.cache.RACY_SECONDS", -1)
    root = make_plan()
    assert cached_load(root) == []
    card = root / CARD
    stat = card.stat()
    time.sleep(0.01)
    card.write_text(CARD_YAML.replace("due: 2019", "due: 2029"), encoding="utf-8")
    os.utime(card, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert DocumentCache.for_plan(root).scan(root).contents.keys() == {CARD}
    assert cached_load(root) == [(CARD, 10, 10, "KP403")]


@pytest.mark.realclock
def test_a_file_changed_just_now_is_read_again(make_plan: PlanFactory) -> None:
    """Two writes within one clock tick leave the times alone: a fresh file is not trusted."""
    root = make_plan()
    assert cached_load(root) == []
    assert CARD in DocumentCache.for_plan(root).scan(root).contents


def test_files_the_scan_did_not_keep_are_read_again(make_plan: PlanFactory,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kplan.load.cache.KEPT_BYTES", 0)
    root = make_plan({CARD: CARD_YAML.replace("due: 2019", "due: 2029")})
    assert DocumentCache.for_plan(root).scan(root).contents == {}
    assert cached_load(root) == [(CARD, 10, 10, "KP403")]
    assert cached_load(root) == [(CARD, 10, 10, "KP403")]
