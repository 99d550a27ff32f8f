"""A card's money for one year, by source, as version 2 of the format defines it.

The rules (docs/DATA.md, "Activity card, new and widened fields"): a year's planned
amount is ``budget.years[year]`` where given, else ``amount`` (``per: year``) or ``amount``
divided by the plan's years (``per: total``), else unknown. ``sources`` as a mapping
splits it by source; a list of two or more names only says who pays, so the money is
"not split by source" (``UNSPLIT``), never counted once for each name. One name is the
whole amount's source; no name is ``NO_SOURCE``. Unknown money is None, never 0.

Written against the spec's field names, so that version-1 cards (a list of sources, a
whole ``spent``) and version-2 cards read alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from kplan.plan.activity import Activity
from kplan.plan.statuses import BudgetPer

UNSPLIT = "\x00unsplit"
"""The bucket of money whose card names several sources without a split."""
NO_SOURCE = "\x00none"
"""The bucket of money whose card names no source."""

Buckets = dict[str, float | None]
"""Money by source code (or ``UNSPLIT``, ``NO_SOURCE``); None where not known."""


def known_sum(values: Iterable[float | None]) -> float | None:
    """The sum of the amounts that are known; None when none is."""
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def _split(value: Any) -> dict[str, float] | None:
    return {str(k): float(v) for k, v in value.items()} if isinstance(value, Mapping) \
        else None


def _names(sources: Any) -> list[str]:
    return [str(s) for s in sources] if sources and not isinstance(sources, Mapping) else []


def _whole(amount: float | None, names: list[str]) -> Buckets:
    """An amount that no mapping splits: to its one source, else unsplit or sourceless."""
    if len(names) == 1:
        return {names[0]: amount}
    return {UNSPLIT if names else NO_SOURCE: amount}


def _divided(split: dict[str, float], by: int | None) -> Buckets:
    return {code: (value / by if by else None) for code, value in split.items()}


def planned_buckets(activity: Activity, year: int, period: range | None) -> Buckets:
    """The money planned for ``year`` by source; {} when the card has no budget or the
    year is outside the plan's period."""
    budget = activity.budget
    if budget is None or (period is not None and year not in period):
        return {}
    sources = getattr(budget, "sources", None)
    names, split = _names(sources), _split(sources)
    given = (getattr(budget, "years", None) or {}).get(year)
    if given is not None:
        split_given = _split(given)
        if split_given:
            return dict(split_given)
        return _whole(float(given), names or list(split or ()))
    per_year = budget.per is BudgetPer.YEAR
    years = 1 if per_year else (len(period) if period else None)
    if split:
        return _divided(split, years)
    amount = getattr(budget, "amount", None)
    if amount is None or not years:
        return _whole(None, names)
    return _whole(amount / years, names)


def planned_total(activity: Activity, year: int, period: range | None) -> float | None:
    buckets = planned_buckets(activity, year, period)
    return known_sum(buckets.values()) if buckets else None


def spent_buckets(activity: Activity, year: int, period: range | None) -> Buckets:
    """What the year's evaluation says was spent, by source: a mapping as given, a whole
    amount to the one bucket the card's planned money is in (else unsplit)."""
    evaluation = activity.evaluation(year)
    spent = getattr(evaluation, "spent", None) if evaluation is not None else None
    if spent is None:
        return {}
    split = _split(spent)
    if split is not None:
        return dict(split)
    planned = list(planned_buckets(activity, year, period))
    if not planned and activity.budget is not None:
        planned = list(_whole(None, _names(activity.budget.sources)))
    return {planned[0] if len(planned) == 1 else UNSPLIT if planned else NO_SOURCE:
            float(spent)}


def spent_total(activity: Activity, year: int) -> float | None:
    evaluation = activity.evaluation(year)
    spent = getattr(evaluation, "spent", None) if evaluation is not None else None
    split = _split(spent)
    return known_sum(split.values()) if split is not None else \
        None if spent is None else float(spent)
