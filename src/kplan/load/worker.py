"""What a worker process makes of the cards of a cold read (``kplan.load.pool``): each
card's entry as the loader makes it, the diagnostics of its checks of single cards
(``CARD_CHECKS``) for the cache to keep (``CHECKED``), and what a view makes of each card
(its status rows), so that the loader needs neither to unpickle the card's whole model nor
to check it again, nor the view to unpickle it for its rows."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from datetime import date
from pathlib import Path

from kplan.checks import CARD_CHECKS, CheckContext
from kplan.checks.inputs import skeleton
from kplan.diagnostics import Diagnostic
from kplan.load.cache import DocumentCache
from kplan.load.entry import Entry
from kplan.load.loader import CHECKED, _quoting, _validated
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
Derived = tuple[str, Hashable, object]
"""What is made of a card for the cache to keep beside it (``DocumentCache.keep``): its
kind, its key and the value."""
Made = tuple[Entry, tuple[Derived, ...]]
"""What a worker makes of a card: its entry, and what the cache keeps beside it (the
diagnostics of the checks of single cards, and what the view asked for)."""
Aside = Callable[[bytes, Plan, Activity], "Derived | None"]
"""What a view makes of a card while the worker holds its whole model, given the content
hash of the plan.yaml the worker read and a plan of that plan.yaml alone."""


def prepared(root: Path, cache: DocumentCache | None, today: date,
             aside: Aside | None = None) -> Prepared[Made] | None:
    """A worker validating and checking part of the cards the cache lacks, when that is
    much (the one ``early`` started, if any, which makes nothing ``aside``): their models
    stay pickles in the loader unless something asks for them."""
    if cache is None:
        return None
    if cache.worker is not None:
        started: Prepared[Made] = cache.worker
        cache.worker = None
        return started
    cards = [file for file in cache.missing() if card_group(file) is not None]
    return prepare(cards, _CardWork(root, today, aside))


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
    single cards (``CARD_CHECKS``) as the cache keeps them (``CHECKED``) and what the view
    makes ``aside``: for this day and the plan.yaml the worker read, which the loader's
    scan may not have seen (the loader then checks the cards itself, the view makes
    their rows again)."""

    def __init__(self, root: Path, today: date, aside: Aside | None = None) -> None:
        self.root, self.today, self.aside = root, today, aside

    def __call__(self, files: Sequence[str]) -> dict[str, Made]:
        entries = {file: entry for file in files
                   if (entry := _entry_of(self.root, file, Activity)) is not None}
        cards = {file: entry.model for file, entry in entries.items()
                 if isinstance(entry.model, Activity)}
        for card in cards.values():
            card._group = card_group(card.file) or ""
        key, found = self._checks(list(cards.values()))
        return {file: (entry, ((CHECKED, key, tuple(found.get(file, ()))),
                               *self._aside(cards.get(file))))
                for file, entry in entries.items()}

    def _aside(self, card: Activity | None) -> tuple[Derived, ...]:
        if card is None or self.aside is None:
            return ()
        made = self.aside(self.meta[0], self.alone, card)
        return (made,) if made is not None else ()

    def _checks(self, cards: list[Activity]) -> tuple[CheckedKey, dict[str, list[Diagnostic]]]:
        digest = self.meta[0]
        context = CheckContext.of_cards(self.alone, cards, self.today)
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

    @functools.cached_property
    def alone(self) -> Plan:
        """A plan of the plan.yaml the worker read, and nothing else."""
        return Plan(meta=self.meta[1])
