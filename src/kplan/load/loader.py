"""Walk a plan tree, validate every document, run the cross-file checks.

``load_plan`` never raises on bad data and never stops at the first problem: it returns
the plan (everything that validated) and every diagnostic, each with its file, line and
column.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from pydantic import ValidationError

from kplan.checks import CHECKS, CheckContext
from kplan.checks.inputs import CARD_PLACES, skeleton
from kplan.diagnostics import Diagnostic, Severity, sorted_diagnostics
from kplan.diagnostics.suppress import Suppressions
from kplan.load.cache import DocumentCache, Outcome
from kplan.load.entry import Entry
from kplan.load.scan import Scan
from kplan.plan.activity import Activity
from kplan.plan.base import _Document
from kplan.plan.files import PlanDocument, read_at
from kplan.plan.files import read as read_file
from kplan.plan.layout import card_group
from kplan.plan.meeting import Meeting
from kplan.plan.model import Plan
from kplan.plan.needs import NeedsAnalysis
from kplan.plan.planfile import PlanFile
from kplan.plan.reader import RawFile
from kplan.plan.service import Service
from kplan.plan.unloaded import UnloadedCard
from kplan.plan.walker import walk

if TYPE_CHECKING:
    from kplan.load.pool import Prepared
    from kplan.load.worker import Aside, Made
    from kplan.yamlio import Document
    from kplan.yamlio.places import Places, Spec

DocumentT = TypeVar("DocumentT", bound=_Document)
CHECKED = "checks"
"""The kind of what the cache keeps of a card: its diagnostics of ``CARD_CHECKS``."""


@dataclass(slots=True)
class LoadResult:
    root: Path
    plan: Plan
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def outcome(self) -> Outcome:
        plan = self.plan
        counts = {"activity": len(plan.activities), "service": len(plan.services),
                  "meeting": len(plan.meetings), "needs": len(plan.needs)}
        locale = plan.meta.locale.value if plan.meta else None
        return Outcome(tuple(self.diagnostics), counts, locale)


def load_plan(root: Path, today: date | None = None, *,
              cache: DocumentCache | None = None) -> LoadResult:
    """Read, validate and check the plan at ``root``.

    With a ``cache``, documents unchanged since an earlier run come from it instead of
    being parsed and validated again, and the outcome is remembered for the next run.
    """
    day = today or date.today()
    seen = cache.scan(root) if cache is not None else None
    loader = _Loader(root, cache, seen)
    bulk_load(loader, root, cache, day)
    result = _checked(root, loader, day)
    if cache is not None:
        assert seen is not None
        cache.remember(day, seen.fingerprint, result.outcome)
        cache.save()
    return result


def bulk_load(loader: _Loader, root: Path, cache: DocumentCache | None, today: date,
              aside: Aside | None = None) -> None:
    """Load every document, part of the cards the cache lacks in a worker when that is
    much (which makes ``aside`` what a view makes of each of its cards)."""
    from kplan.load.worker import prepared

    collecting = gc.isenabled()
    gc.disable()  # a bulk load makes many objects and frees none: collections are waste
    try:
        loader.prepared = prepared(root, cache, today, aside)
        loader.load()
        gc.freeze()  # what loaded lives on: later collections need not look at it again
    finally:
        if collecting:
            gc.enable()
        if loader.prepared is not None:
            loader.prepared.close()


def _checked(root: Path, loader: _Loader, today: date) -> LoadResult:
    context = CheckContext(plan=loader.plan, today=today)
    for check in CHECKS:
        loader.diagnostics.extend(check(context))
    diagnostics = sorted_diagnostics(_quoted(root, _apply_suppressions(
        _with_positions(root, loader.diagnostics, loader.packed_places), loader.suppressions)))
    loader.plan.unloaded = [_unloaded(d, diagnostics) for d in loader.unloaded]
    return LoadResult(root=root, plan=loader.plan, diagnostics=diagnostics)


def _unloaded(document: PlanDocument, diagnostics: list[Diagnostic]) -> UnloadedCard:
    """The card as views name it: its number, its file and its first error."""
    first = next((d for d in diagnostics
                  if d.file == document.rel and d.severity is Severity.ERROR), None)
    return UnloadedCard(document.group, document.stem, document.rel, first)


class _Loader:
    def __init__(self, root: Path, cache: DocumentCache | None = None,
                 seen: Scan | None = None) -> None:
        self.root = root
        self.cache = cache
        self.tree = seen.tree if seen is not None and seen.tree is not None else walk(root)
        self.contents = seen.contents if seen is not None else {}
        """Files already read (by the cache's scan), by their path in the plan."""
        self.plan = Plan()
        self.diagnostics: list[Diagnostic] = list(self.tree.diagnostics)
        self.suppressions: dict[str, Suppressions] = {}
        self.places: dict[str, Entry] = {}
        """The entries of the files that loaded, whose places (``kplan.yamlio.places``)
        are read only for a diagnostic to place (``packed_places``)."""
        self.prepared: Prepared[Made] | None = None
        self.unloaded: list[PlanDocument] = []
        """Activity cards that did not load, named in the plan once diagnostics are final."""
        """Entries a worker process validates meanwhile (``kplan.load.pool``)."""

    def load(self) -> None:
        """Every document, the cards last (each kind in the walk's order): a worker that
        validates the last of the cards (``kplan.load.pool``) has them ready by then."""
        documents = self.tree.documents
        for document in documents:
            if document.kind != "activity":
                self._load(document)
        for document in documents:
            if document.kind == "activity":
                self._load(document)

    def packed_places(self, files: Iterable[str]) -> dict[str, bytes]:
        """The places of these files that loaded: of this run's reads, else the cache's."""
        found: dict[str, bytes] = {}
        cached: dict[str, bytes] = {}
        for file in files:
            entry = self.places.get(file)
            if entry is not None and entry.places is not None:
                found[file] = entry.places
            elif entry is not None:
                cached[file] = entry.digest
        if cached and self.cache is not None:
            found.update(self.cache.places(cached))
        return found

    def _load(self, document: PlanDocument) -> None:
        plan = self.plan
        if document.kind == "plan":
            plan.meta = self._validate(document, PlanFile)
        elif document.kind == "activity":
            group = document.group
            plan.present_activity_refs.add(f"{group}/{document.stem}" if group
                                           else document.stem)
            activity = self._validate(document, Activity)
            if activity is not None:
                activity._group = group
                plan.activities.append(activity)
            else:
                self.unloaded.append(document)
        elif document.kind == "service":
            plan.present_service_ids.add(document.stem)
            service = self._validate(document, Service)
            if service is not None:
                plan.services.append(service)
        elif document.kind == "meeting":
            meeting = self._validate(document, Meeting)
            if meeting is not None:
                plan.meetings.append(meeting)
        else:
            plan.present_needs_ids.add(document.stem)
            analysis = self._validate(document, NeedsAnalysis)
            if analysis is not None:
                plan.needs.append(analysis)

    def _validate(self, document: PlanDocument, model: type[DocumentT]) -> DocumentT | None:
        """The file's model, or None; its problems go to the plan's diagnostics."""
        file = document.rel
        entry = self._read_and_validate(document, model)
        self.diagnostics.extend(entry.diagnostics)
        if entry.suppressions is not None:
            self.suppressions[file] = entry.suppressions
        self.places[file] = entry
        return entry.model if isinstance(entry.model, model) else None

    def _read_and_validate(self, document: PlanDocument, model: type[_Document]) -> Entry:
        file = document.rel
        problems: list[Diagnostic] = []
        known = self.contents.pop(file, None)
        made = self.prepared.take(file) if self.prepared is not None else None
        if made is not None and self.cache is not None and self.cache.adopt(file, made[0]):
            for kind, key, value in made[1]:
                self.cache.keep(kind, file, key, value)
            return made[0]
        if known is None and self.cache is not None:
            unchanged = self.cache.unchanged(file)
            if unchanged is not None:
                return unchanged
        raw = RawFile(known, len(known)) if known is not None else read_file(document, problems)
        if raw is None:
            return Entry(0, b"", None, tuple(problems), None)
        if self.cache is not None:
            cached = self.cache.lookup(file, raw)
            if cached is not None:
                return cached
        result, suppressions, places = _validated(raw, file, model, problems)
        quoted = _quoting(problems, raw)
        kept = skeleton(result)
        if self.cache is not None:  # the entry it keeps, its places gone to the cache's
            return self.cache.store(file, raw, result, quoted, suppressions, kept, places)
        return Entry(raw.size, b"", result, quoted, suppressions, kept, places)

    @staticmethod
    def _model_of(document: Document, model: type[_Document],
                  problems: list[Diagnostic]) -> _Document | None:
        if document.root is None:
            return None
        try:
            result = model.model_validate(document.data)
        except ValidationError as error:
            from kplan.load.locations import validation_diagnostics

            problems.extend(validation_diagnostics(error, model, document.root, document.file))
            return None
        result._file = document.file
        return result


def _validated(raw: RawFile, file: str, model: type[_Document], problems: list[Diagnostic]
               ) -> tuple[_Document | None, Suppressions | None, bytes | None]:
    """The file's model, suppressions and the places the checks may point at (packed),
    its problems added to ``problems``: the same in the loader and in a worker process."""
    from kplan.load.controls import control_diagnostics
    from kplan.yamlio import parse_bytes
    from kplan.yamlio.places import pack

    parsed = parse_bytes(raw.data, file, problems, _spec(model))
    if parsed is None:
        return None, None, None
    problems.extend(control_diagnostics(parsed, lambda: _text_of(raw)))
    result = _Loader._model_of(parsed, model, problems)
    places = pack(parsed.places) if result is not None and parsed.places is not None else None
    return result, parsed.suppressions, places


def _spec(model: type[_Document] | None) -> Spec:
    """What is kept of a document's places: of a card, where the checks point."""
    return CARD_PLACES if model is Activity else True


def _quoting(problems: list[Diagnostic], raw: RawFile) -> tuple[Diagnostic, ...]:
    """The problems, each with its source line from the bytes just read."""
    if not problems:
        return ()
    from kplan.yamlio import text_lines

    lines = text_lines(raw.data)
    return tuple(problem.quoting(lines) for problem in problems)


def _text_of(raw: RawFile) -> str:
    from kplan.yamlio import BOM

    return raw.data.decode("utf-8").removeprefix(BOM)


def _with_positions(root: Path, diagnostics: Iterable[Diagnostic],
                    places: Callable[[Iterable[str]], dict[str, bytes]],
                    changed: dict[str, bytes] | None = None) -> list[Diagnostic]:
    """Give a line and column to diagnostics that know only their place in a document.

    Checks speak in document paths; each is placed from the places kept at its file's one
    parse (``kplan.yamlio.places``: ``places`` gives them packed, by file), unpacked once
    a file. A file is read and parsed again here only when its places are not kept: a
    path no spec keeps (never for kplan's checks: ``CARD_PLACES``, ``tests/conftest.py``)
    or a cache that lost its file of places. A file in ``changed`` is read as those bytes.
    """
    found: list[Diagnostic | None] = list(diagnostics)
    waiting: dict[str, list[int]] = defaultdict(list)
    for index, diagnostic in enumerate(found):
        if diagnostic is not None and diagnostic.line == 0:
            waiting[diagnostic.file].append(index)
    pending = _placed_from_places(found, waiting, places(waiting))
    done = [diagnostic for diagnostic in found if diagnostic is not None]
    if pending:
        done.extend(_placed_again(root, pending, changed))
    return done


def _placed_from_places(found: list[Diagnostic | None], waiting: dict[str, list[int]],
                        packed: dict[str, bytes]) -> dict[str, list[Diagnostic]]:
    """Each waiting diagnostic of ``found`` placed in its stead, one file's places
    unpacked at a time; those that are not, taken out and given back by file."""
    from kplan.yamlio.places import unpack

    pending: dict[str, list[Diagnostic]] = defaultdict(list)
    for file, indexes in waiting.items():
        kept = packed.pop(file, None)
        places = unpack(kept) if kept is not None else None
        for index in indexes:
            diagnostic = found[index]
            assert diagnostic is not None
            found[index] = _kept_place(diagnostic, places)
            if found[index] is None:
                pending[file].append(diagnostic)
    return pending


def _placed_again(root: Path, pending: dict[str, list[Diagnostic]],
                  changed: dict[str, bytes] | None) -> Iterator[Diagnostic]:
    """The diagnostics placed by parsing their files again."""
    from kplan.yamlio import parse_bytes, position_of, text_lines

    for file, waiting in pending.items():
        raw = RawFile(changed[file], len(changed[file])) if changed and file in changed \
            else read_at(root, file)
        document = parse_bytes(raw.data, file, []) if raw is not None else None
        lines = text_lines(raw.data) if raw is not None else []
        for diagnostic in waiting:
            if document is None or document.root is None or diagnostic.loc is None:
                yield diagnostic.at(1, 1).quoting(lines)
                continue
            position = position_of(document.root, diagnostic.loc, diagnostic.part)
            yield diagnostic.at(position.line, position.column).quoting(lines)


def _kept_place(diagnostic: Diagnostic, places: Places | None) -> Diagnostic | None:
    from kplan.yamlio.places import place_at

    if places is None or diagnostic.loc is None:
        return None
    spec: Spec = CARD_PLACES if card_group(diagnostic.file) is not None else True
    place = place_at(places, spec, diagnostic.loc, diagnostic.part)
    if place is None:
        return None
    line, column, text = place
    placed = diagnostic.at(line, column)
    return placed.quoting([""] * (line - 1) + [text]) if text is not None else placed


def _quoted(root: Path, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics on files the loader did not read as plan documents (a stray file, a
    link) quote them as they are, when they are readable inside the plan."""
    unquoted = {d.file for d in diagnostics if d.source is None and d.line >= 1}
    if not unquoted:
        return diagnostics
    from kplan.yamlio import source_lines

    lines = {file: source_lines(root, file) for file in sorted(unquoted)}
    return [d.quoting(lines[d.file]) if d.file in lines else d for d in diagnostics]


def _apply_suppressions(diagnostics: list[Diagnostic],
                        suppressions: dict[str, Suppressions]) -> list[Diagnostic]:
    kept = [d for d in diagnostics
            if d.file not in suppressions or not suppressions[d.file].covers(d)]
    for found in suppressions.values():
        kept.extend(found.unknown)
    return kept
