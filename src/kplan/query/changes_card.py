"""Changes of a card's budget and indicators (format version 2's shapes: sources with
amounts, money by year, a note, an unknown amount; a baseline, a direction, a change)."""

from __future__ import annotations

from collections.abc import Iterator

from kplan.plan.model import Activity, Budget, Indicator
from kplan.query.change_rows import Change, ChangeKind, about


def _amount(budget: Budget | None) -> int | None:
    if budget is None:
        return None
    return budget.amount if budget.amount is not None else budget.total_of_sources()


def _per(budget: Budget | None) -> str | None:
    return budget.per.value if budget else None


def budget_changes(old: Activity, new: Activity) -> Iterator[Change]:
    """The amount or its period (``200 000 Kč ročně → 250 000 Kč ročně``), then each
    source added, removed or given another amount."""
    before, after = old.budget, new.budget
    if (_amount(before), _per(before)) != (_amount(after), _per(after)):
        yield about(new, ChangeKind.BUDGET, before=_amount(before), after=_amount(after),
                     extra=_per(after), was=_per(before))
    yield from _source_changes(new, before, after)


def _sources(budget: Budget | None) -> dict[str, int | None]:
    if budget is None:
        return {}
    split = budget.split()
    return dict(split) if split is not None else dict.fromkeys(budget.source_names())


def _source_changes(new: Activity, before: Budget | None,
                    after: Budget | None) -> Iterator[Change]:
    old_sources, new_sources = _sources(before), _sources(after)
    for code, amount in new_sources.items():
        if code not in old_sources:
            yield about(new, ChangeKind.BUDGET_SOURCE_ADDED, item=code, after=amount,
                         extra=_per(after))
        elif old_sources[code] != amount and None not in (old_sources[code], amount):
            yield about(new, ChangeKind.BUDGET_SOURCE_CHANGED, item=code,
                         before=old_sources[code], after=amount, extra=_per(after),
                         was=_per(before))
    for code, amount in old_sources.items():
        if code not in new_sources:
            yield about(new, ChangeKind.BUDGET_SOURCE_REMOVED, item=code, before=amount,
                         extra=_per(before))


def indicator_changes(old: Activity, new: Activity) -> Iterator[Change]:
    """Indicators matched by name: a new one, a changed goal, a new or changed value."""
    known = {i.name.strip(): i for i in old.indicators}
    for indicator in new.indicators:
        previous = known.get(indicator.name.strip())
        if previous is None:
            yield about(new, ChangeKind.INDICATOR_ADDED, item=indicator.name,
                         after=indicator.goal(), unit=indicator.unit)
            continue
        if previous.goal() != indicator.goal():
            yield about(new, ChangeKind.INDICATOR_TARGET, item=indicator.name,
                         before=previous.goal(), after=indicator.goal(), unit=indicator.unit)
        yield from _value_changes(new, previous, indicator)


def _value_changes(new: Activity, previous: Indicator,
                   indicator: Indicator) -> Iterator[Change]:
    for year, value in sorted(indicator.values.items()):
        if previous.values.get(year) != value:
            yield about(new, ChangeKind.INDICATOR_VALUE, item=indicator.name,
                         before=previous.values.get(year), after=value, extra=str(year),
                         unit=indicator.unit)
