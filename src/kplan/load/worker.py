"""What a worker process makes of the cards of a cold read (``kplan.load.pool``): each
card's entry as the loader makes it, and the diagnostics of its checks of single cards
(``CARD_CHECKS``) for the cache to keep (``CHECKED``), so that the loader needs neither
to unpickle the card's whole model nor to check it again."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from kplan.checks import CARD_CHECKS, CheckContext
from kplan.checks.inputs import skeleton
from kplan.diagnostics import Diagnostic
from kplan.load.cache import DocumentCache
from kplan.load.entry import Entry
from kplan.load.loader import _quoting, _validated
from kplan.load.pool import Prepared, prepare
from kplan.load.scan import digest_of
from kplan.plan.activity import Activity
from kplan.plan.base import _Document
from kplan.plan.layout import PLAN_FILE, card_group
from kplan.plan.model import Plan
from kplan.plan.planfile import PlanFile
from kplan.plan.reader import read_source
from kplan.plan.walker import Tree, walk

CheckedKey = tuple[int, bytes]
"""What a card's checks of single cards depend on besides the card: the day (an ordinal)
and the content hash of plan.yaml."""
Made = tuple[Entry, tuple[CheckedKey, tuple[Diagnostic, ...]]]
"""What a worker makes of a card: its entry, and the diagnostics of the checks of single
cards with their key."""


def prepared(root: Path, cache: DocumentCache | None, today: date) -> Prepared[Made] | None:
    """A worker validating and checking part of the cards the cache lacks, when that is
    much (the one ``early`` started, if any): their models stay pickles in the loader
    unless something asks for them."""
    if cache is None:
        return None
    if cache.worker is not None:
        started: Prepared[Made] = cache.worker
        cache.worker = None
        return started
    cards = [file for file in cache.missing() if card_group(file) is not None]
    return prepare(cards, _CardWork(root, today))


def early(root: Path, cache: DocumentCache, today: date) -> Tree:
    """The plan's walk, with a worker already at part of its cards (for ``prepared``) while
    the scan hashes every file: on a cold read the cache lacks them all."""
    tree = walk(root)
    cards = [document.rel for document in tree.documents if document.kind == "activity"]
    cache.worker = prepare(cards, _CardWork(root, today))
    return tree


def _entry_of(root: Path, file: str, model: type[_Document]) -> Entry | None:
    """What reading and validating the file gives, as the loader would make it."""
    problems: list[Diagnostic] = []
    raw = read_source(root / file, file, problems)
    if raw is None:
        return None
    result, suppressions, places = _validated(raw, file, model, problems)
    return Entry(raw.size, digest_of(raw.data), result, _quoting(problems, raw),
                 suppressions, skeleton(result), places)


class _CardWork:
    """In a worker: what the loader makes of cards, with the diagnostics of the checks of
    single cards (``CARD_CHECKS``) as the cache keeps them (``CHECKED``): for this day and
    the plan.yaml the worker read, which the loader's scan may not have seen (the loader
    then checks the cards itself)."""

    def __init__(self, root: Path, today: date) -> None:
        self.root, self.today = root, today

    def __call__(self, files: Sequence[str]) -> dict[str, Made]:
        entries = {file: entry for file in files
                   if (entry := _entry_of(self.root, file, Activity)) is not None}
        checked = self._checks([entry.model for entry in entries.values()
                                if isinstance(entry.model, Activity)])
        return {file: (entry, (checked[0], tuple(checked[1].get(file, ()))))
                for file, entry in entries.items()}

    def _checks(self, cards: list[Activity]) -> tuple[CheckedKey, dict[str, list[Diagnostic]]]:
        for card in cards:
            card._group = card_group(card.file) or ""
        digest, meta = self.meta
        context = CheckContext.of_cards(Plan(meta=meta), cards, self.today)
        found: dict[str, list[Diagnostic]] = defaultdict(list)
        for check in CARD_CHECKS:
            for diagnostic in check(context):
                found[diagnostic.file].append(diagnostic)
        return (self.today.toordinal(), digest), found

    @functools.cached_property
    def meta(self) -> tuple[bytes, PlanFile | None]:
        """plan.yaml's content hash (as the scan's, empty when unreadable) and model."""
        entry = _entry_of(self.root, PLAN_FILE, PlanFile)
        digest = entry.digest if entry is not None else b""
        model = entry.model if entry is not None else None
        return digest, model if isinstance(model, PlanFile) else None
