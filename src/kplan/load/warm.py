"""The plan for a view that shows no warnings, read from the cache after a few files
changed: only the changed files are read and validated again.

Activity cards are in the plan as their skeletons (``kplan.checks.inputs``): the checks
across cards read nothing else of them, and a view asks the cache for what it made of a
card before (``DocumentCache.derived``), unpickling the card's whole model (``model``)
only where that is missing. The checks of single cards (``CARD_CHECKS``) run only on the
cards whose remembered diagnostics are not for this day and this plan.yaml, and no check
runs when the whole plan's diagnostics are remembered for this day and this very plan
(``DocumentCache.outcome``: ``kplan validate`` and an edit's check keep them). Only errors
are kept, and only errors are given a place in their file: a view says how many there
are and which card did not load, never a warning.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kplan.checks import CARD_CHECKS, PLAN_CHECKS, Check, CheckContext
from kplan.diagnostics import Diagnostic, Severity, sorted_diagnostics
from kplan.load.cache import DocumentCache
from kplan.load.entry import Entry
from kplan.load.loader import (
    CHECKED,
    DocumentT,
    LoadResult,
    _apply_suppressions,
    _Loader,
    _quoted,
    _unloaded,
    _with_positions,
    bulk_load,
)
from kplan.load.scan import Scan
from kplan.plan.activity import Activity
from kplan.plan.files import PlanDocument
from kplan.plan.layout import PLAN_FILE
from kplan.plan.model import Plan

if TYPE_CHECKING:
    from kplan.load.worker import Aside

CHECKED_AT_ONCE = 500
"""Cards whose whole models are held at once while they are checked."""


@dataclass(slots=True)
class WarmLoad:
    result: LoadResult
    """The plan with skeletons for cards, and its errors."""
    cache: DocumentCache
    plan_digest: bytes
    """The content hash of plan.yaml: what a card's view depends on besides the card."""
    entries: dict[str, Entry]
    """The cards that loaded, by file."""
    while_whole: Callable[[Activity], None] | None = None
    """Called with each card whose checks run, while its whole model is at hand (a view
    makes its rows then): the model is let go afterwards."""

    def model(self, file: str) -> Activity:
        """The whole model of a card that loaded, kept in its entry from now on."""
        return self._grouped(file, self.entries[file].model)

    def model_for_now(self, file: str) -> Activity:
        """The whole model of a card that loaded, for a moment: not kept unpickled."""
        return self._grouped(file, self.entries[file].model_for_now())

    def _grouped(self, file: str, model: object) -> Activity:
        skeleton = self.entries[file].skeleton
        assert isinstance(model, Activity) and skeleton is not None
        model._group = skeleton.group
        return model


def load_for_view(root: Path, today: date, cache: DocumentCache,
                  early: Callable[[WarmLoad], None] | None = None,
                  aside: Aside | None = None) -> WarmLoad:
    """Read the plan as ``load_plan`` does, keeping only its errors; the cache is saved by
    the caller, once the view has kept what it made. ``early`` is given the load before
    its checks run (to set ``while_whole``); a worker process of a cold read makes
    ``aside`` what the view makes of each of its cards."""
    return _warm(root, today, cache, _errors, early=early, aside=aside)


def load_checked(root: Path, today: date, cache: DocumentCache, *,
                 changed: dict[str, bytes] | None = None, save: bool = True) -> LoadResult:
    """The diagnostics ``load_plan`` gives, every one in its place, with the plan's cards
    as skeletons (``Plan.whole`` gives a card's whole model); with ``changed``, of the
    plan as it would be with these documents' bytes (an edit checked before it is
    written). Without ``save`` the caller saves the cache, once its loads are done."""
    if changed:
        cache.overlay(root, changed)
    warm = _warm(root, today, cache, list, changed or {}, relay=True)
    warm.result.plan.cards = warm.model
    cache.remember(today, cache.scan(root).fingerprint, warm.result.outcome)
    if save:
        cache.save()
    return warm.result


def _warm(root: Path, today: date, cache: DocumentCache,
          kept: Callable[[Iterable[Diagnostic]], list[Diagnostic]],
          changed: dict[str, bytes] | None = None,
          early: Callable[[WarmLoad], None] | None = None, relay: bool = False,
          aside: Aside | None = None) -> WarmLoad:
    """With ``relay`` (an edit's checks), the load is kept for the next one to lay its
    change over (``_relaid``); a view keeps none, so that its plan goes when it is made."""
    seen = cache.scan(root)
    loader = _relaid(cache.loaded, seen, changed) if relay and changed else None
    if loader is None:
        loader = _WarmLoader(root, cache, seen)
        loader.changed = changed or {}
        bulk_load(loader, root, cache, today, aside)
    if relay:
        cache.loaded = (seen, loader)
    digest = seen.files.get(PLAN_FILE, (0, b""))[1]
    warm = WarmLoad(LoadResult(root, loader.plan), cache, digest, loader.entries)
    if early is not None:
        early(warm)
    known = cache.outcome(today, seen.fingerprint)
    warm.result = _checked(root, loader, warm, today, kept) if known is None \
        else _remembered(root, loader, kept(known.diagnostics))
    return warm


def _relaid(previous: tuple[Scan, _WarmLoader] | None, seen: Scan,
            changed: dict[str, bytes]) -> _WarmLoader | None:
    """The plan of this run's last load with the changed cards in place of their old
    selves, when the changes are all of cards that loaded and load again, over the files
    that load read (an edit's check of one card, after the load its change was made from);
    None where the plan must be loaded again."""
    if previous is None:
        return None
    before, old = previous
    if before.files.keys() != seen.files.keys() or any(
            kept != seen.files[file] for file, kept in before.files.items()
            if file not in changed):
        return None
    documents = [d for d in old.tree.documents if d.rel in changed]
    if len(documents) != len(changed) or any(d.rel not in old.entries for d in documents):
        return None
    loader = _WarmLoader(old.root, old.cache, seen)
    loader.changed, loader.unloaded = changed, list(old.unloaded)
    loader.plan = dataclasses.replace(old.plan, activities=list(old.plan.activities))
    loader.diagnostics = [d for d in old.diagnostics if d.file not in changed]
    loader.suppressions = {f: s for f, s in old.suppressions.items() if f not in changed}
    loader.places = {f: e for f, e in old.places.items() if f not in changed}
    loader.entries = {f: e for f, e in old.entries.items() if f not in changed}
    where = {card.file: index for index, card in enumerate(loader.plan.activities)}
    for document in documents:
        card = loader._validate(document, Activity)
        if card is None:
            return None
        card._group = document.group
        loader.plan.activities[where[document.rel]] = card
    return loader


def _remembered(root: Path, loader: _WarmLoader, diagnostics: list[Diagnostic]) -> LoadResult:
    """The plan with the diagnostics of an earlier load of this very plan on this day
    (``kplan validate``'s, or an edit's check of what it then wrote): no check runs."""
    plan = loader.plan
    plan.unloaded = [_unloaded(d, diagnostics) for d in loader.unloaded]
    return LoadResult(root, plan, diagnostics)


class _WarmLoader(_Loader):
    entries: dict[str, Entry]
    changed: dict[str, bytes]

    def load(self) -> None:
        self.entries = {}
        super().load()

    def _validate(self, document: PlanDocument, model: type[DocumentT]) -> DocumentT | None:
        if model is not Activity:
            return super()._validate(document, model)
        entry = self._read_and_validate(document, model)
        self.diagnostics.extend(entry.diagnostics)
        if entry.suppressions is not None:
            self.suppressions[document.rel] = entry.suppressions
        self.places[document.rel] = entry
        if not isinstance(entry.skeleton, model):
            return None
        self.entries[document.rel] = entry
        return entry.skeleton


def _checked(root: Path, loader: _WarmLoader, warm: WarmLoad, today: date,
             kept: Callable[[Iterable[Diagnostic]], list[Diagnostic]]) -> LoadResult:
    """As the loader's: placed, suppressed, quoted and sorted; only those ``kept``."""
    plan = loader.plan
    found = [*loader.diagnostics, *_card_checks(plan, warm, today),
             *_run(PLAN_CHECKS, plan, today)]
    placed = _apply_suppressions(_with_positions(
        root, kept(found), loader.packed_places, loader.changed), loader.suppressions)
    diagnostics = sorted_diagnostics(_quoted(root, kept(placed)))
    plan.unloaded = [_unloaded(d, diagnostics) for d in loader.unloaded]
    return LoadResult(root, plan, diagnostics)


def _card_checks(plan: Plan, warm: WarmLoad, today: date) -> list[Diagnostic]:
    """The diagnostics of ``CARD_CHECKS``: remembered for the cards they were made for
    on this day with this plan.yaml, made for the others and the files that are no cards.
    The cards are checked a part at a time, so that only one part's whole models are
    held at once."""
    key = (today.toordinal(), warm.plan_digest)
    found: list[Diagnostic] = []
    pending: list[str] = []
    for card in plan.activities:
        kept = warm.cache.derived(CHECKED, card.file, key)
        if kept is None:
            pending.append(card.file)
        else:
            found.extend(kept)
    found.extend(_run(CARD_CHECKS, dataclasses.replace(plan, activities=[]), today))
    for start in range(0, len(pending), CHECKED_AT_ONCE):
        found.extend(_checked_part(plan, warm, today, pending[start:start + CHECKED_AT_ONCE]))
    return found


def _checked_part(plan: Plan, warm: WarmLoad, today: date,
                  files: Sequence[str]) -> list[Diagnostic]:
    """The diagnostics of these cards, kept for them; their whole models let go after."""
    key = (today.toordinal(), warm.plan_digest)
    models = [warm.model_for_now(file) for file in files]
    by_file: dict[str, list[Diagnostic]] = {file: [] for file in files}
    context = CheckContext.of_cards(plan, models, today)
    for diagnostic in (found for check in CARD_CHECKS for found in check(context)):
        if diagnostic.file in by_file:  # the files that are no cards: checked once above
            by_file[diagnostic.file].append(diagnostic)
    for file, model in zip(files, models, strict=True):
        warm.cache.keep(CHECKED, file, key, tuple(by_file[file]))
        if warm.while_whole is not None:
            warm.while_whole(model)
        warm.entries[file].pack()
    return [diagnostic for found in by_file.values() for diagnostic in found]


def _run(checks: Sequence[Check], plan: Plan, today: date) -> list[Diagnostic]:
    context = CheckContext(plan=plan, today=today)
    return [diagnostic for check in checks for diagnostic in check(context)]


def _errors(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity is Severity.ERROR]
