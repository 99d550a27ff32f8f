"""Positions found once: a diagnostic of a check is placed from the places kept at its
file's one parse (``kplan.yamlio.places``), never by reading or parsing the file again,
and its excerpt comes from the bytes read then."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

import kplan.yamlio
from kplan.checks.inputs import CARD_PLACES
from kplan.cli import app
from kplan.diagnostics import Diagnostic
from kplan.diagnostics.codes import diag
from kplan.load import loader, placefile
from kplan.load.cache import DocumentCache, cache_version
from kplan.load.cachefile import RecordLog
from kplan.load.loader import load_plan
from kplan.load.warm import load_checked
from kplan.yamlio import parse_bytes, position_of, text_lines
from kplan.yamlio.places import ALL, Spec, pack, place_at, places_of
from tests.corpus_builders import prepare
from tests.plantree import write_tree

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(path.name for path in CORPUS.iterdir() if path.is_dir())
DAY = date(2025, 1, 15)
LATER = date(2025, 6, 30)
CARD = "activities/drogy/1.1.2.yaml"
PLAN = {
    "plan.yaml": """\
        title: Komunitní plán Testov
        area: Testov
        period: {start: 2024, end: 2026}
        locale: cs
        currency: CZK
        funding_sources:
          SMO: Statutární město
        groups:
          - id: drogy
            name: Pracovní skupina protidrogové prevence
            min_meetings_per_year: 2
            priorities:
              - number: "1"
                title: Dostupnost služeb
                measures:
                  - number: "1.1"
                    title: Krizová pomoc
                  - number: "1.1"
                    title: Znovu krizová pomoc
        """,
    CARD: """\
        id: "1.1.2"
        title: Krizové lůžko
        implementers:
          - Renarkon
          - o.p.s.
        budget:
          amount: 1000
          per: year
          sources:
            SMO: 500
            Kraj: 500
          years:
            2030: 100
        milestones:
          - title: Najít prostory
            due: 2025
            done: 2025-05-01
          - title: Zahájit provoz
            due: 2031
        evaluations:
          - year: 2024
            status: on_track
            spent:
              Obec: 100
        indicators:
          - name: Počet lůžek
            direction: increase
            change: -2
        """,
    "services/terenni-program.yaml": """\
        id: terenni-program
        name: Terénní program
        provider: {name: Renarkon}
        kind: terenni-programy
        groups: [drogy]
        certified_until: 2025-03-01
        contacts:
          - {phone: "+420 600 000 000"}
        """,
    "meetings/2025-02-10-drogy.yaml": """\
        date: 2025-02-10
        group: drogy
        title: Jednání skupiny
        activities: ["9.9"]
        tasks:
          - title: Oslovit kraj
            owner: Petr Dvořák
            due: 2025-01
        """,
}
EXPECTED = {
    ("plan.yaml", "KP305"), ("meetings/2025-02-10-drogy.yaml", "KP303"),
    ("meetings/2025-02-10-drogy.yaml", "KP408"), ("services/terenni-program.yaml", "KP223"),
    *((CARD, code) for code in ("KP401", "KP405", "KP409", "KP411", "KP415", "KP416",
                                "KP403", "KP417")),
}
"""Into plan.yaml, a meeting, a service, and a card at every kind of place its checks
point at: a key, a missing field's mapping, an item, a value."""


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "plan", PLAN)


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often each file is parsed; reading a file again to place or quote fails."""
    counts: Counter[str] = Counter()

    def counting(data: bytes, file: str, problems: list[Diagnostic],
                 places: Spec | None = None) -> object:
        counts[file] += 1
        return parse_bytes(data, file, problems, places)

    monkeypatch.setattr(kplan.yamlio, "parse_bytes", counting)
    monkeypatch.setattr(loader, "read_at", lambda *args: pytest.fail("read again"))
    monkeypatch.setattr(kplan.yamlio, "source_lines", lambda *args: pytest.fail("quoted"))
    return counts


def found(diagnostics: list[Diagnostic]) -> list[tuple[str, int, int, str, str | None]]:
    return [(d.file, d.line, d.column, d.code, d.source) for d in diagnostics]


def parsed_again(root: Path, today: date) -> list[Diagnostic]:
    """The diagnostics as placed by parsing every file they point into again."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(loader, "_kept_place", lambda *args: None)
        patch.setattr(loader, "_placed_again", ORIGINAL_PLACED_AGAIN)
        patch.setattr(loader, "read_at", ORIGINAL_READ_AT)
        patch.setattr(kplan.yamlio, "parse_bytes", parse_bytes)
        return load_plan(root, today).diagnostics


ORIGINAL_PLACED_AGAIN = loader._placed_again
ORIGINAL_READ_AT = loader.read_at


def test_a_cold_load_parses_each_file_once(plan: Path, parsed: Counter[str]) -> None:
    diagnostics = load_plan(plan, DAY).diagnostics
    assert {(d.file, d.code) for d in diagnostics} >= EXPECTED
    assert set(parsed.values()) == {1}
    assert found(diagnostics) == found(parsed_again(plan, DAY))


def test_places_are_those_of_the_node_tree(plan: Path, parsed: Counter[str]) -> None:
    diagnostics = {(d.file, d.code): (d.line, d.column, d.source)
                   for d in load_plan(plan, DAY).diagnostics}
    assert diagnostics[CARD, "KP401"] == (1, 1, 'id: "1.1.2"')
    assert diagnostics[CARD, "KP409"] == (15, 5, "  - title: Najít prostory")
    assert diagnostics[CARD, "KP415"] == (13, 5, "    2030: 100")
    assert diagnostics[CARD, "KP416"] == (24, 7, "      Obec: 100")
    assert diagnostics["plan.yaml", "KP305"] == (18, 21, '          - number: "1.1"')
    assert diagnostics["services/terenni-program.yaml", "KP223"] == \
        (8, 5, '  - {phone: "+420 600 000 000"}')


def test_a_warm_validate_parses_only_the_changed_card(plan: Path, parsed: Counter[str]) -> None:
    run(plan, "validate")
    card = plan / CARD
    card.write_text(card.read_text("utf-8").replace("Krizové lůžko", "Lůžko"), "utf-8")
    parsed.clear()
    warm = run(plan, "validate")
    assert parsed == {CARD: 1}
    assert warm == run(plan, "validate", "--no-cache")


def test_another_day_places_the_checks_of_cards_again_from_the_cache(
        plan: Path, parsed: Counter[str]) -> None:
    """On another day the checks of single cards run again (KP404 is gone, KP406 came):
    their diagnostics are placed from the places in the cache, no file is parsed."""
    cache = DocumentCache.for_plan(plan)
    first = load_checked(plan, DAY, cache).diagnostics
    parsed.clear()
    later = load_checked(plan, LATER, DocumentCache.for_plan(plan)).diagnostics
    assert not parsed
    codes = {(d.file, d.code) for d in later} - {(d.file, d.code) for d in first}
    assert codes == {("services/terenni-program.yaml", "KP406")}
    assert found(later) == found(parsed_again(plan, LATER))


def test_an_edit_checks_the_plan_without_parsing_a_file_again(
        plan: Path, parsed: Counter[str]) -> None:
    run(plan, "validate")
    parsed.clear()
    result = CliRunner().invoke(app, ["done", "drogy/1.1.2", "2", str(plan), "--date",
                                      "2025-06-30"], env={"KPLAN_LANG": "", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    assert parsed == {CARD: 1}
    parsed.clear()
    warm = run(plan, "validate")
    assert not parsed
    assert warm == run(plan, "validate", "--no-cache")


def places_path(root: Path) -> Path:
    path = DocumentCache.for_plan(root).path
    return path.with_name(path.name + ".places.pickle")


def run(root: Path, *args: str) -> str:
    result = CliRunner().invoke(app, [args[0], str(root), *args[1:]],
                                env={"KPLAN_LANG": "", "NO_COLOR": "1"})
    return result.stdout


@pytest.mark.parametrize("name", CASES)
def test_every_case_of_the_corpus_is_placed_as_by_parsing_again(name: str,
                                                               tmp_path: Path) -> None:
    root = prepare(CORPUS / name, tmp_path)
    assert found(load_plan(root, DAY).diagnostics) == found(parsed_again(root, DAY))


def test_a_path_no_spec_keeps_is_placed_by_parsing_again(plan: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The one case the places do not answer: a check that points where no spec keeps a
    place (``CARD_PLACES`` must then name it: every other test of the suite fails)."""
    monkeypatch.setattr(loader, "_placed_again", ORIGINAL_PLACED_AGAIN)
    data = (plan / CARD).read_bytes()
    document = parse_bytes(data, CARD, [])
    assert document is not None and document.root is not None
    kept = pack(places_of(document.root, text_lines(data), CARD_PLACES))
    pointing = [diag(CARD, "KP401", ("title",)), diag(CARD, "KP401", ("id",))]
    placed = loader._with_positions(plan, pointing, lambda files: {CARD: kept})
    assert found(placed) == [(CARD, 1, 5, "KP401", 'id: "1.1.2"'),
                             (CARD, 2, 8, "KP401", "title: Krizové lůžko")]


def test_a_cache_that_lost_its_places_places_by_parsing_again(
        plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "_placed_again", ORIGINAL_PLACED_AGAIN)
    cold = run(plan, "validate", "--no-cache")
    run(plan, "validate")
    places_path(plan).unlink()
    (plan / CARD).write_text((plan / CARD).read_text("utf-8") + "\n", "utf-8")
    assert run(plan, "validate") == cold


def test_status_reads_the_places_of_errors_only(plan: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A view prints no warning: after a card changed, it reads the places of the files
    with errors (plan.yaml, the meeting, the service), never of the card of warnings."""
    run(plan, "validate")
    (plan / CARD).write_text((plan / CARD).read_text("utf-8") + "\n", "utf-8")
    asked: list[str] = []
    real = DocumentCache.places

    def places(self: DocumentCache, wanted: dict[str, bytes]) -> dict[str, bytes]:
        asked.extend(wanted)
        return real(self, wanted)

    monkeypatch.setattr(DocumentCache, "places", places)
    assert "1.1.2" in run(plan, "status", "--as-of", "2025-06-30")
    assert sorted(asked) == ["meetings/2025-02-10-drogy.yaml", "plan.yaml",
                             "services/terenni-program.yaml"]


def test_the_file_of_places_is_written_whole_once_most_of_it_is_outdated(
        plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(placefile, "COMPACT_SLACK", 0)
    card = plan / CARD
    text = card.read_text("utf-8")
    places = places_path(plan)
    sizes = []
    for count in range(14):
        card.write_text(text + "\n" * count, "utf-8")
        assert run(plan, "validate") == run(plan, "validate", "--no-cache")
        sizes.append(places.stat().st_size)
    assert len(RecordLog(places, cache_version()).read()) == len(PLAN)
    assert max(sizes) < 3 * sizes[0] and sizes[-1] < max(sizes)


@pytest.mark.parametrize("name", CASES)
def test_every_kept_place_is_where_position_of_finds_it(name: str, tmp_path: Path) -> None:
    """Of every value of every file of the corpus, and of a field missing under each."""
    root = prepare(CORPUS / name, tmp_path)
    for path in sorted(root.rglob("*.yaml")):
        if not path.is_file() or path.is_symlink():
            continue
        data = path.read_bytes()
        document = parse_bytes(data, path.name, [])
        if document is None or document.root is None:
            continue
        lines = text_lines(data)
        for spec in (ALL, CARD_PLACES):
            places = places_of(document.root, lines, spec)
            for loc in places_of(document.root, lines, ALL).nodes:
                for wanted in (loc, (*loc, "missing"), (*loc, 99)):
                    for part in ("value", "key", "parent"):
                        place = place_at(places, spec, wanted, part)
                        if place is None:
                            assert spec is CARD_PLACES
                            continue
                        position = position_of(document.root, wanted, part)
                        assert place[:2] == (position.line, position.column), (wanted, part)
                        assert place[2] == lines[position.line - 1]


def test_places_spooled_to_a_file_are_the_log_after_the_run(
        plan: Path, parsed: Counter[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A cold read of a large plan holds no places in memory: each goes to the spool,
    which becomes the file of places, with the records of the old one still alive."""
    monkeypatch.setattr(placefile, "SPOOL_BYTES", 0)
    cold = found(load_checked(plan, DAY, DocumentCache.for_plan(plan)).diagnostics)
    assert cold == found(parsed_again(plan, DAY))
    meeting = plan / "meetings/2025-02-10-drogy.yaml"
    meeting.write_text(meeting.read_text("utf-8") + "\n", "utf-8")
    parsed.clear()
    assert found(load_checked(plan, DAY, DocumentCache.for_plan(plan)).diagnostics) == cold
    assert parsed == {"meetings/2025-02-10-drogy.yaml": 1}
    log = RecordLog(places_path(plan), cache_version()).read()
    assert sorted(log) == sorted(PLAN) and not list(places_path(plan).parent.glob(".tmp-*"))
    parsed.clear()
    assert found(load_checked(plan, LATER, DocumentCache.for_plan(plan)).diagnostics) == \
        found(parsed_again(plan, LATER))


def test_a_spool_that_cannot_be_written_keeps_the_places_in_memory(
        plan: Path, parsed: Counter[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError("read-only")

    monkeypatch.setattr(placefile, "SPOOL_BYTES", 0)
    monkeypatch.setattr(placefile, "tempfile", SimpleNamespace(mkstemp=refused))
    cold = found(load_checked(plan, DAY, DocumentCache.for_plan(plan)).diagnostics)
    assert cold == found(parsed_again(plan, DAY))
    assert sorted(RecordLog(places_path(plan), cache_version()).read()) == sorted(PLAN)
