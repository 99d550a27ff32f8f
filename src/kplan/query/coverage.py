"""What a view may say of the plan as a whole: which cards did not load (so that none
goes missing silently), and whether there are meetings to count at all (so that "the
groups met as they should" is said only where it is true)."""

from __future__ import annotations

from kplan.plan.model import Plan
from kplan.plan.unloaded import UnloadedCard
from kplan.query.timeframe import Scope


def unloaded_cards(plan: Plan, scope: Scope) -> list[UnloadedCard]:
    """The scope's cards that did not load, by group and number."""
    from kplan.plan.values import number_key

    cards = [c for c in plan.unloaded if scope.covers(c.group)]
    return sorted(cards, key=lambda c: (c.group, number_key(c.number)))


def meetings_counted(plan: Plan, scope: Scope) -> bool:
    """Whether "the groups met as often as they should" can be said at all: some group
    of the scope has ``min_meetings_per_year`` and meetings up to the day looked at."""
    groups = [g.id for g in plan.meta.groups if g.min_meetings_per_year] if plan.meta else []
    return any(m.group in groups and scope.covers(m.group) and m.date <= scope.as_of
               for m in plan.meetings)
