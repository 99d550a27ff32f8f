"""Changes of a card's budget and indicators (format version 2's shapes: sources with
amounts, money by year, a note, an unknown amount; a baseline, a direction, a change).

An amount of ``None`` is money nobody gave (the words say "neuvedeno"), never 0; for a
source it is a source named without an amount of its own (the money is not split).
"""

from __future__ import annotations

from collections.abc import Iterator

from kplan.plan.activity import Activity, Baseline, Budget, Indicator
from kplan.query.change_rows import Change, ChangeKind, about


def _amount(budget: Budget | None) -> int | None:
    if budget is None:
        return None
    return budget.amount if budget.amount is not None else budget.total_of_sources()


def _per(budget: Budget | None) -> str | None:
    return budget.per.value if budget else None


def budget_changes(old: Activity, new: Activity) -> Iterator[Change]:
    """The amount or its period (``200 000 Kč ročně → 250 000 Kč ročně``), each source
    added, removed or given another amount, the money of given years, the note."""
    before, after = old.budget, new.budget
    if _amount(before) != _amount(after) or (
            _per(before) != _per(after) and None not in (_amount(before), _amount(after))):
        yield about(new, ChangeKind.BUDGET, before=_amount(before), after=_amount(after),
                    extra=_per(after), was=_per(before))
    yield from _source_changes(new, before, after)
    yield from _year_changes(new, before.years if before else {},
                             after.years if after else {})
    old_note, new_note = (before.note if before else None), (after.note if after else None)
    if (old_note or "").strip() != (new_note or "").strip():
        yield about(new, ChangeKind.BUDGET_NOTE, before=old_note, after=new_note)


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
        elif old_sources[code] != amount:
            yield about(new, ChangeKind.BUDGET_SOURCE_CHANGED, item=code,
                        before=old_sources[code], after=amount, extra=_per(after),
                        was=_per(before))
    for code, amount in old_sources.items():
        if code not in new_sources:
            yield about(new, ChangeKind.BUDGET_SOURCE_REMOVED, item=code, before=amount,
                        extra=_per(before))


YearMoney = int | dict[str, int]


def _year_changes(new: Activity, old_years: dict[int, YearMoney],
                  new_years: dict[int, YearMoney]) -> Iterator[Change]:
    """A year's planned money (``years``) given, changed or no longer given; a year split
    by source on both sides changes source by source."""
    for year in sorted({*old_years, *new_years}):
        was, now = old_years.get(year), new_years.get(year)
        if was == now:
            continue
        if isinstance(was, dict) and isinstance(now, dict):
            yield from (about(new, ChangeKind.BUDGET_YEAR_SOURCE, item=code, before=was.get(code),
                              after=now.get(code), extra=str(year))
                        for code in [*now, *(c for c in was if c not in now)]
                        if was.get(code) != now.get(code))
        elif _year_total(was) != _year_total(now):
            yield about(new, ChangeKind.BUDGET_YEAR, before=_year_total(was),
                        after=_year_total(now), extra=str(year))


def _year_total(money: YearMoney | None) -> int | None:
    return sum(money.values()) if isinstance(money, dict) else money


def indicator_changes(old: Activity, new: Activity) -> Iterator[Change]:
    """Indicators matched by name: a new one, a changed goal, baseline, direction or
    change, a new or changed value."""
    known = {i.name.strip(): i for i in old.indicators}
    for indicator in new.indicators:
        previous = known.get(indicator.name.strip())
        if previous is None:
            change = indicator.change if indicator.goal() is None else None
            yield about(new, ChangeKind.INDICATOR_ADDED, item=indicator.name,
                        after=indicator.goal(), unit=indicator.unit,
                        extra=_signed(change) if change is not None else None)
            continue
        yield from _goal_changes(new, previous, indicator)
        yield from _value_changes(new, previous, indicator)


def _goal_changes(new: Activity, previous: Indicator,
                  indicator: Indicator) -> Iterator[Change]:
    name, unit = indicator.name, indicator.unit
    if (previous.baseline_value(), _baseline_year(previous)) != \
            (indicator.baseline_value(), _baseline_year(indicator)):
        yield about(new, ChangeKind.INDICATOR_BASELINE, item=name,
                    before=previous.baseline_value(), after=indicator.baseline_value(),
                    extra=_baseline_year(indicator), was=_baseline_year(previous), unit=unit)
    if previous.direction != indicator.direction:
        yield about(new, ChangeKind.INDICATOR_DIRECTION, item=name,
                    before=previous.direction.value, after=indicator.direction.value)
    if previous.goal() != indicator.goal():
        yield about(new, ChangeKind.INDICATOR_TARGET, item=name, before=previous.goal(),
                    after=indicator.goal(), unit=unit)
    elif previous.change != indicator.change:
        yield about(new, ChangeKind.INDICATOR_CHANGE, item=name, before=previous.change,
                    after=indicator.change, unit=unit)


def _baseline_year(indicator: Indicator) -> str | None:
    baseline = indicator.baseline
    return str(baseline.year) if isinstance(baseline, Baseline) and baseline.year else None


def _signed(value: float) -> str:
    """``-100`` and ``+100``: the change as the card writes it, its sign always shown."""
    return f"{value:+g}"


def _value_changes(new: Activity, previous: Indicator,
                   indicator: Indicator) -> Iterator[Change]:
    for year, value in sorted(indicator.values.items()):
        if previous.values.get(year) != value:
            yield about(new, ChangeKind.INDICATOR_VALUE, item=indicator.name,
                        before=previous.values.get(year), after=value, extra=str(year),
                        unit=indicator.unit)
