"""The status view of a cached plan after a few files changed: made and drawn a part at
a time, from what the cache remembers of each card.

``opened_plan`` reads the plan for a view; for the status view only the changed files
are read (``kplan.load.warm``), and each card's rows (``CardRows``) and their summary
are kept beside the card while it and plan.yaml stay the same (``RememberedCards``).
``status_text`` draws the view as ``status_doc`` does, but a group's part at a time:
a part whose cards, day and names are the ones it was drawn with comes from ``Parts``,
and only for the others are the cards' rows unpickled and drawn.
"""

from __future__ import annotations

import pickle
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from kplan.i18n import Lang
from kplan.output.blocks import Block, Heading, Para
from kplan.output.drawing import draw
from kplan.output.memo import Parts
from kplan.output.views import (
    due_group,
    due_table,
    due_titles,
    group_activities,
    no_activities,
    status_head,
    status_tail,
)
from kplan.plan.activity import Activity
from kplan.plan.unloaded import UnloadedCard
from kplan.query.activities import ActivityStatus
from kplan.query.status import (
    CardRows,
    CardSummary,
    DueItem,
    card_rows,
    card_summary,
    covers_activity,
    due_items,
    horizon,
    overdue_tasks,
    status_frame,
    upcoming_tasks,
)
from kplan.query.timeframe import Horizon, Scope, Span

if TYPE_CHECKING:
    from rich.console import Console

    from kplan.load.cache import DocumentCache
    from kplan.load.loader import LoadResult
    from kplan.load.warm import WarmLoad
    from kplan.load.worker import Derived
    from kplan.plan.model import Plan

ROWS = "rows"
"""The kind of what the cache keeps of a card for the status view."""


def opened_plan(root: Path, cache: DocumentCache | None, today: date, rows: bool,
                expected: Scope | None = None
                ) -> tuple[LoadResult, Callable[[date], RememberedCards] | None]:
    """The plan for a view. With ``rows`` (a view made of card rows that shows no
    warnings) and a cache, the cards are skeletons and their rows are remembered: the
    rows for the ``expected`` scope are made as the cards are checked, while their whole
    models are at hand."""
    if not rows or cache is None:
        from kplan.load.loader import load_plan

        return load_plan(root, today, cache=cache), None
    from kplan.load.warm import load_for_view

    made: dict[date, RememberedCards] = {}

    def early(warm: WarmLoad) -> None:
        if expected is not None:
            cards = made[expected.as_of] = RememberedCards(warm, expected.as_of)
            warm.while_whole = partial(cards.make, expected)

    warm = load_for_view(root, today, cache, early,
                         partial(_aside, expected) if expected is not None else None)
    warm.result.plan.cards = warm.model_for_now
    return warm.result, lambda as_of: made.get(as_of) or RememberedCards(warm, as_of)


class RememberedCards:
    """Each card's rows for one day and its summary, remembered beside the card (the rows
    as a pickle of their own, unpickled only when asked for)."""

    def __init__(self, warm: WarmLoad, as_of: date) -> None:
        self.warm = warm
        self.as_of = as_of
        self.key = (as_of.toordinal(), warm.plan_digest)
        self._found: dict[str, tuple[CardSummary, bytes]] = {}

    def summary(self, card: Activity) -> CardSummary:
        return self._kept(card)[0]

    def make(self, scope: Scope, model: Activity) -> None:
        """The rows of a card whose whole model is at hand, if the view shows it."""
        if covers_activity(scope, model) and self.warm.cache.derived(
                ROWS, model.file, self.key) is None:
            self._made(model)

    def rows(self, card: Activity) -> CardRows:
        """Read again each time it is asked for: a view of a big plan needs a card's rows
        for a moment, and keeping all of them would hold them beside the whole models."""
        rows: CardRows = pickle.loads(self._kept(card)[1])  # the user's own cache folder
        return rows

    def has_due(self, card: Activity, until: Horizon | None) -> bool:
        """The card has a milestone overdue (``until`` None) or open and due by ``until``."""
        summary = self.summary(card)
        if until is None:
            return summary.overdue > 0
        end = until.end.toordinal()
        return any(day <= end for day in summary.open_days)

    def digest(self, card: Activity) -> bytes | None:
        return self.warm.cache.digest(card.file)

    def _kept(self, card: Activity) -> tuple[CardSummary, bytes]:
        file = card.file
        found = self._found.get(file)
        if found is None:
            found = self.warm.cache.derived(ROWS, file, self.key)
        if found is None:
            found = self._made(self.warm.model_for_now(file))
        self._found[file] = found
        return found

    def _made(self, model: Activity) -> tuple[CardSummary, bytes]:
        found = kept_rows(self.warm.result.plan, model, self.as_of)
        self.warm.cache.keep(ROWS, model.file, self.key, found)
        self._found[model.file] = found
        return found


def kept_rows(plan: Plan, model: Activity, as_of: date) -> tuple[CardSummary, bytes]:
    """A card's rows as the cache keeps them: their summary, and the rows pickled."""
    made = card_rows(plan, model, as_of)
    return card_summary(made), pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL)


def _aside(scope: Scope, plan_digest: bytes, plan: Plan, model: Activity) -> Derived | None:
    """What a worker process of a cold read makes of a card for the view of ``scope``
    (``kplan.load.worker``): its rows, kept as ``RememberedCards`` keeps them."""
    if not covers_activity(scope, model):
        return None
    return ROWS, (scope.as_of.toordinal(), plan_digest), kept_rows(plan, model, scope.as_of)


def due_rows(cards: RememberedCards, scope: Scope, until: Horizon | None) -> list[CardRows]:
    """The rows of the scope's cards with a milestone overdue (``until`` None) or due by
    ``until``, for ``overdue_items`` and ``upcoming_items``: no other card's are read."""
    return [cards.rows(card) for card in cards.warm.result.plan.activities
            if covers_activity(scope, card) and cards.has_due(card, until)]


def status_text(cards: RememberedCards, scope: Scope, within: Span | None,
                names: dict[str, str], lang: Lang, console: Console,
                parts: Parts) -> Iterator[str]:
    """The text ``draw(status_doc(...))`` gives, drawn a group's part at a time."""
    plan = cards.warm.result.plan
    shown = [c for c in plan.activities if covers_activity(scope, c)]
    until = horizon(plan, scope, within)
    frame = status_frame(plan, scope, until, [cards.summary(c) for c in shown])
    drawing = _Drawing(cards, names, lang, console, parts, (scope.as_of, cards.key))
    by_group: dict[str, list[Activity]] = defaultdict(list)
    for card in shown:
        by_group[card.group].append(card)
    try:
        yield from map(parts.loose, draw(status_head(frame, names, lang), console))
        yield from drawing.activities(by_group, frame.unloaded)
        yield from drawing.due(by_group, overdue_tasks(plan, scope), None)
        yield from drawing.due(by_group, upcoming_tasks(plan, scope, until), until)
        yield drawing.loose(status_tail(frame, names, lang))
        parts.save()
    finally:
        parts.close()


class _Drawing:
    def __init__(self, cards: RememberedCards, names: dict[str, str], lang: Lang,
                 console: Console, parts: Parts, state: object) -> None:
        self.cards, self.names, self.lang = cards, names, lang
        self.console, self.parts, self.state = console, parts, state

    def after(self, blocks: Sequence[Block]) -> str:
        """Blocks drawn after others: each part starts with a heading or a table."""
        return "\n" + "".join(draw(blocks, self.console))

    def loose(self, blocks: Sequence[Block]) -> str:
        """Blocks drawn after others that are no part: kept in the view's order."""
        return self.parts.loose(self.after(blocks))

    def part(self, key: tuple[object, ...], make: Callable[[], Sequence[Block]]) -> str:
        return self.parts.text((*key, self.state), lambda: self.after(make()))

    def seen(self, group: Sequence[Activity]) -> tuple[tuple[str, bytes | None], ...]:
        return tuple((c.file, self.cards.digest(c)) for c in group)

    def activities(self, by_group: dict[str, list[Activity]],
                   unloaded: Sequence[UnloadedCard]) -> Iterator[str]:
        broken: dict[str, list[UnloadedCard]] = defaultdict(list)
        for card in unloaded:
            broken[card.group].append(card)
        groups = sorted(by_group.keys() | broken.keys())
        if not groups:
            yield self.loose(no_activities(self.lang))
        for group in groups:
            cards = by_group.get(group, [])
            yield self.part(("activities", group, self.names.get(group), self.seen(cards),
                             tuple(broken[group])),
                            partial(self._activity_blocks, group, cards, broken[group]))

    def _activity_blocks(self, group: str, cards: Sequence[Activity],
                         broken: Sequence[UnloadedCard]) -> list[Block]:
        rows = sorted((self.cards.rows(c) for c in cards), key=lambda r: r.key)
        statuses: list[ActivityStatus] = [r.status for r in rows]
        return group_activities(group, statuses, broken, self.names, self.lang)

    def due(self, by_group: dict[str, list[Activity]], tasks: list[DueItem],
            until: Horizon | None) -> Iterator[str]:
        """The overdue list (``until`` None) or what falls due by ``until``."""
        title, empty = due_titles(self.lang, until)
        having = {g: [c for c in cards if self.cards.has_due(c, until)]
                  for g, cards in by_group.items()}
        task_groups: dict[str, list[DueItem]] = defaultdict(list)
        for task in tasks:
            task_groups[task.group].append(task)
        groups = sorted({g for g, cards in having.items() if cards} | task_groups.keys())
        if not groups:
            yield self.loose([Heading(title, 2), Para(empty)])
            return
        yield self.loose([Heading(title, 2)])
        end = until.end if until is not None else None
        several = len(groups) > 1
        for group in groups:
            cards, own = having.get(group, []), task_groups[group]
            yield self.part(("due", end, group, several, self.names.get(group),
                             self.seen(cards), tuple(own)),
                            partial(self._due_blocks, group, cards, own, until, several))

    def _due_blocks(self, group: str, cards: Sequence[Activity], tasks: list[DueItem],
                    until: Horizon | None, several: bool) -> list[Block]:
        items = due_items([self.cards.rows(c) for c in cards], tasks, until)
        if several:
            return due_group(group, items, self.names, self.lang)
        return [due_table(items, self.lang)]

