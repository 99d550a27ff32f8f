"""The document cache: right answers when files change, vanish, race or the cache breaks."""

from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kplan.cli import app
from kplan.load.cache import DocumentCache
from kplan.load.entry import Entry
from kplan.load.loader import CHECKED, load_plan
from kplan.load.scan import fingerprint, fingerprint_digest
from kplan.load.warm import load_checked
from kplan.plan.activity import Activity
from kplan.plan.walker import Tree
from kplan.resources import cache_folder
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


def test_the_outcome_is_kept_with_a_digest_of_the_plan_not_every_file(
        make_plan: PlanFactory) -> None:
    root = make_plan()
    age(root)
    assert validate(root)[0] == 0
    stored = DocumentCache.for_plan(root)._stored
    assert stored["fingerprint"] == fingerprint_digest(fingerprint(root))
    assert len(stored["fingerprint"]) == 16
    (root / "activities/drogy/2.1.3.yaml").write_text(CARD_YAML.replace("2.1.2", "2.1.3"),
                                                     encoding="utf-8")
    assert DocumentCache.for_plan(root).outcome(TODAY, fingerprint(root)) is None


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
    monkeypatch.setattr("kplan.load.scan.RACY_SECONDS", -1)  # trust even files changed just now
    root = make_plan()
    assert cached_load(root) == []
    assert DocumentCache.for_plan(root).scan(root).contents == {}
    assert cached_load(root) == []


def test_an_edit_that_keeps_size_and_time_is_seen_by_the_status(
        make_plan: PlanFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The change time moves with every write, whatever the modification time says."""
    monkeypatch.setattr("kplan.load.scan.RACY_SECONDS", -1)
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
    monkeypatch.setattr("kplan.load.scan.KEPT_BYTES", 0)
    root = make_plan({CARD: CARD_YAML.replace("due: 2019", "due: 2029")})
    assert DocumentCache.for_plan(root).scan(root).contents == {}
    assert cached_load(root) == [(CARD, 10, 10, "KP403")]
    assert cached_load(root) == [(CARD, 10, 10, "KP403")]


def documents_file() -> Path:
    return next(cache_folder().glob("plan-*.documents.pickle"))


def test_a_changed_card_is_appended_to_the_documents_not_rewritten(
        make_plan: PlanFactory) -> None:
    root = make_plan({"activities/drogy/2.1.3.yaml": CARD_YAML.replace("2.1.2", "2.1.3")})
    age(root)
    assert cached_load(root) == []
    before = documents_file().stat()
    card = root / CARD
    card.write_text(CARD_YAML.replace("due: 2019", "due: 2029"), encoding="utf-8")
    assert cached_load(root) == [(CARD, 10, 10, "KP403")]
    after = documents_file().stat()
    assert after.st_ino == before.st_ino and after.st_size > before.st_size
    (root / "activities/drogy/2.1.3.yaml").unlink()
    assert cached_load(root) == [(CARD, 10, 10, "KP403")]
    cache = DocumentCache.for_plan(root)
    data = card.read_bytes()
    assert cache.lookup(CARD, RawFile(data, len(data))) is not None
    assert cache.unchanged("activities/drogy/2.1.3.yaml") is None, "a gone file is forgotten"


def test_the_documents_log_is_compacted_when_mostly_outdated(
        make_plan: PlanFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kplan.load.cachefile.COMPACT_SLACK", 0)
    root = make_plan()
    assert cached_load(root) == []
    first = documents_file().stat().st_ino
    monkeypatch.setattr("kplan.load.cachefile.COMPACT_FACTOR", 0)
    (root / CARD).write_text(CARD_YAML.replace("due: 2019", "due: 2029"), encoding="utf-8")
    assert cached_load(root) == [(CARD, 10, 10, "KP403")]
    assert documents_file().stat().st_ino != first


def test_a_record_cut_short_costs_only_a_new_read(make_plan: PlanFactory) -> None:
    root = make_plan({CARD: CARD_YAML.replace("due: 2019", "due: 2029")})
    assert cached_load(root) == [(CARD, 10, 10, "KP403")]
    path = documents_file()
    path.write_bytes(path.read_bytes()[:-5])
    assert cached_load(root) == [(CARD, 10, 10, "KP403")]
    assert cached_load(root) == [(CARD, 10, 10, "KP403")]
    cache = DocumentCache.for_plan(root)
    data = (root / CARD).read_bytes()
    assert cache.lookup(CARD, RawFile(data, len(data))) is not None, "the file was written whole"


def test_an_edit_leaves_its_changed_card_in_the_cache_for_the_next_view(
        make_plan: PlanFactory) -> None:
    root = make_plan()
    age(root)
    assert cached_load(root) == []
    result = CliRunner().invoke(app, ["done", "drogy/2.1.2", "1", str(root),
                                      "--date", "2019-05-01"])
    assert result.exit_code == 0, result.output
    data = (root / CARD).read_bytes()
    assert b"status: done" in data
    assert DocumentCache.for_plan(root).lookup(CARD, RawFile(data, len(data))) is not None
    assert cached_load(root) == []


def pooled_plan(make_plan: PlanFactory) -> Path:
    """Cards for the worker: one broken, one in a group plan.yaml does not have (a check
    of single cards), one after a card that is not there (a check across cards)."""
    cards = {f"activities/drogy/2.1.{n}.yaml": CARD_YAML.replace("2.1.2", f"2.1.{n}")
             for n in range(3, 9)}
    cards["activities/drogy/2.1.7.yaml"] = CARD_YAML.replace("2.1.2", "2.1.7").replace(
        "title:", "titel:")
    cards["activities/drogy/2.1.8.yaml"] = CARD_YAML.replace("2.1.2", "2.1.8") + \
        "after: ['9.9']\n"
    cards["activities/nezname/2.1.9.yaml"] = CARD_YAML.replace("2.1.2", "2.1.9")
    cards["meetings/2019-01-25-drogy.yaml"] = "date: 2019-01-25\ngroup: drogy\nfoo: 1\n"
    return make_plan(cards)


def pooled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A worker process for any plan from now on; the files it made that were kept."""
    monkeypatch.setattr("kplan.load.pool.MIN_FILES", 1)
    monkeypatch.setattr("kplan.load.pool.cores", lambda: 2)
    adopted: list[str] = []
    adopt = DocumentCache.adopt

    def spy(self: DocumentCache, file: str, entry: Entry) -> bool:
        kept = adopt(self, file, entry)
        adopted.extend([file] if kept else [])
        return kept

    monkeypatch.setattr(DocumentCache, "adopt", spy)
    return adopted


def test_a_worker_process_reads_part_of_the_cards_of_a_cold_plan_with_the_same_outcome(
        make_plan: PlanFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    root = pooled_plan(make_plan)
    alone = [(d.file, d.line, d.column, d.code) for d in load_plan(root, TODAY).diagnostics]
    assert {"KP201", "KP302", "KP303"} <= {code for *_, code in alone}
    adopted = pooled(monkeypatch)
    assert cached_load(root) == alone
    assert "activities/nezname/2.1.9.yaml" in adopted and CARD not in adopted
    assert not [file for file in adopted if not file.startswith("activities/")], \
        "the loader reads the files that are no cards"
    assert cached_load(root) == alone, "the worker's entries were kept in the cache"


def test_a_cold_validate_with_a_worker_is_that_without_the_cache(
        make_plan: PlanFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker checks its cards as single cards, so their whole models stay pickles in
    the loader; the next view finds those checks in the cache."""
    root = pooled_plan(make_plan)
    expected = validate(root, "--no-cache")
    adopted = pooled(monkeypatch)
    unpickled: list[str] = []
    whole = Entry.model

    def model(entry: Entry) -> object:
        unpickled.extend([entry.digest.hex()] if entry._blob is not None else [])
        return whole.fget(entry)  # type: ignore[attr-defined]

    monkeypatch.setattr(Entry, "model", property(model))
    assert validate(root) == expected and expected[0] == 1
    assert "activities/nezname/2.1.9.yaml" in adopted and unpickled == []
    kept = DocumentCache.for_plan(root)._derived_values(CHECKED)["activities/nezname/2.1.9.yaml"]
    assert [d.code for d in kept[2]] == ["KP302"]


def status(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["status", str(root), "--as-of", TODAY.isoformat(), *args])
    return result.exit_code, result.output


def test_a_cold_status_with_a_worker_takes_the_rows_of_its_cards_from_it(
        make_plan: PlanFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker makes each of its cards' status rows while it holds the whole model, so
    that the view neither unpickles the model again nor makes the rows itself."""
    from kplan.output import warmview

    root = pooled_plan(make_plan)
    expected = status(root, "--no-cache")
    adopted = pooled(monkeypatch)
    made_here: list[str] = []
    kept_rows = warmview.kept_rows

    def spy(plan: object, model: Activity, as_of: date) -> tuple[object, bytes]:
        made_here.append(model.file)  # a forked worker appends to its own copy
        return kept_rows(plan, model, as_of)  # type: ignore[arg-type]

    monkeypatch.setattr(warmview, "kept_rows", spy)
    assert status(root) == expected and expected[0] == 0
    worker_cards = {file for file in adopted if file != "activities/drogy/2.1.7.yaml"}
    assert "activities/nezname/2.1.9.yaml" in worker_cards
    assert made_here and not worker_cards & set(made_here)


def plan_yaml_changed_after_the_scan(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, each scan is followed by an edit of plan.yaml: its group drogy is
    renamed, so that the cards of drogy have no headings, and those of nezname have."""
    plan = root / "plan.yaml"
    scan = DocumentCache.scan

    def then_edit(self: DocumentCache, where: Path, tree: Tree | None = None) -> object:
        seen = scan(self, where, tree)
        plan.write_text(plan.read_text("utf-8").replace("id: drogy", "id: nezname"), "utf-8")
        return seen

    monkeypatch.setattr(DocumentCache, "scan", then_edit)


def test_a_worker_makes_rows_for_the_plan_yaml_it_read(
        make_plan: PlanFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """A card's rows read plan.yaml (the headings above it): those the worker made for a
    plan.yaml changed after the scan are not the view's, which makes them again."""
    root = pooled_plan(make_plan)
    expected = status(root, "--no-cache")
    pooled(monkeypatch)
    plan_yaml_changed_after_the_scan(root, monkeypatch)
    assert status(root) == expected
    monkeypatch.undo()
    assert status(root, "--no-cache") != expected, "the worker's rows would have shown"


def test_a_worker_started_for_a_plan_that_did_not_change_is_ended(
        make_plan: PlanFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written just now are hashed again at each run, so a validate starts its
    worker before it knows that the remembered outcome stands."""
    from kplan.load import pool

    monkeypatch.setattr("kplan.load.scan.RACY_SECONDS", 10**9)  # every file is fresh
    root = pooled_plan(make_plan)
    first = validate(root)
    pooled(monkeypatch)
    ended: list[object] = []
    close = pool.Prepared.close

    def spy(self: pool.Prepared[object]) -> None:
        close(self)
        ended.append(self.process.is_alive())

    monkeypatch.setattr(pool.Prepared, "close", spy)
    assert validate(root) == first
    assert ended == [False]


def test_a_file_changed_after_the_scan_is_not_taken_from_the_worker(
        make_plan: PlanFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The loader validates what the scan read; the worker read the file later."""
    root = pooled_plan(make_plan)
    card = root / "activities/nezname/2.1.9.yaml"
    card.write_text(CARD_YAML.replace("title:", "titel:"), encoding="utf-8")
    alone = load_plan(root, TODAY).diagnostics
    adopted = pooled(monkeypatch)
    scan = DocumentCache.scan

    def then_edit(self: DocumentCache, where: Path, tree: Tree | None = None) -> object:
        seen = scan(self, where, tree)
        card.write_text(CARD_YAML.replace("2.1.2", "2.1.9"), encoding="utf-8")
        return seen

    monkeypatch.setattr(DocumentCache, "scan", then_edit)
    assert cached_load(root) == [(d.file, d.line, d.column, d.code) for d in alone]
    assert "activities/drogy/2.1.8.yaml" in adopted and card.name not in str(adopted)


@pytest.mark.parametrize("early", [True, False])
def test_the_worker_checks_cards_for_the_plan_yaml_it_read(
        make_plan: PlanFactory, monkeypatch: pytest.MonkeyPatch, early: bool) -> None:
    """The checks of single cards read plan.yaml: the scan's, in the loader. A worker,
    started before the scan (a cold validate) or after it, keeps its checks for the
    plan.yaml it read, here the one changed after the scan: the loader checks again."""
    root = pooled_plan(make_plan)
    expected = validate(root, "--no-cache")
    alone = [(d.file, d.line, d.column, d.code) for d in load_plan(root, TODAY).diagnostics]
    pooled(monkeypatch)
    plan_yaml_changed_after_the_scan(root, monkeypatch)
    if early:
        assert validate(root) == expected
    else:
        found = load_checked(root, TODAY, DocumentCache.for_plan(root)).diagnostics
        assert [(d.file, d.line, d.column, d.code) for d in found] == alone


def test_a_load_of_whole_models_reads_no_skeleton_or_places(
        make_plan: PlanFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The skeleton and places are a pickle of their own, read only by the views of
    skeletons and to place a diagnostic: a warm load of whole models leaves them packed."""

    root = make_plan()
    age(root)
    first = cached_load(root)
    unpacked: list[object] = []
    real = Entry._unpacked

    def counted(entry: Entry) -> object:
        unpacked.append(entry)
        return real(entry)

    monkeypatch.setattr(Entry, "_unpacked", counted)
    (root / CARD).write_text(CARD_YAML + "\n", encoding="utf-8")  # one card read again
    age(root)
    assert cached_load(root) == first
    assert unpacked == []


def test_a_log_is_read_with_the_collector_paused(tmp_path: Path) -> None:
    """Reading a log makes thousands of objects and frees none: on 10,000 cards the
    collections it would start cost as much as the reading."""
    import gc

    from kplan.load.cachefile import RecordLog

    log = RecordLog(tmp_path / "log.pickle", "v1")
    log.save({f"activities/g/{n}.yaml": (b"digest", ("rows", [n, (n, n)])) for n in range(5000)})
    collections: list[str] = []

    def counted(phase: str, info: dict[str, int]) -> None:
        collections.append(phase)

    gc.callbacks.append(counted)
    try:
        values = RecordLog(tmp_path / "log.pickle", "v1").read()
    finally:
        gc.callbacks.remove(counted)
    assert len(values) == 5000 and collections == [] and gc.isenabled()
