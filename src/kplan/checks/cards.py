"""Rules inside one card or service that the schema cannot say: sums, pairs of fields."""

from __future__ import annotations

from collections.abc import Iterator

from kplan.checks.context import CheckContext
from kplan.diagnostics import Diagnostic
from kplan.diagnostics.codes import diag
from kplan.plan.service import ServiceKind
from kplan.plan.statuses import Direction


def check_evaluation_says_something(ctx: CheckContext) -> Iterator[Diagnostic]:
    """An evaluation has a status or a comment (or both)."""
    for activity in ctx.plan.activities:
        for index, evaluation in enumerate(activity.evaluations):
            if evaluation.status is None and not (evaluation.comment or "").strip():
                yield diag(activity.file, "KP221", ("evaluations", index, "year"),
                           year=evaluation.year)


def check_sources_add_up(ctx: CheckContext) -> Iterator[Diagnostic]:
    """A budget's amount equals the sum of its sources' amounts, when both are given."""
    for activity in ctx.plan.activities:
        budget = activity.budget
        total = budget.total_of_sources() if budget else None
        if budget is not None and budget.amount is not None and total is not None \
                and total != budget.amount:
            yield diag(activity.file, "KP222", ("budget", "amount"), amount=budget.amount,
                       total=total)


def check_contacts_named(ctx: CheckContext) -> Iterator[Diagnostic]:
    """A contact has a name or a role: an office's line needs no person."""
    for service in ctx.plan.services:
        for index, contact in enumerate(service.contacts):
            if not (contact.name or "").strip() and not (contact.role or "").strip():
                yield diag(service.file, "KP223", ("contacts", index), part="key")


def check_other_kind_named(ctx: CheckContext) -> Iterator[Diagnostic]:
    """A service outside zákon 108 (``kind: other``) says what it is in ``kind_name``."""
    for service in ctx.plan.services:
        if service.kind is ServiceKind.OTHER and not (service.kind_name or "").strip():
            yield diag(service.file, "KP224", ("kind",))


def check_budget_years_in_period(ctx: CheckContext) -> Iterator[Diagnostic]:
    """The years of ``budget.years`` are years of the plan's period."""
    if ctx.plan.meta is None:
        return
    period = ctx.plan.meta.period
    for activity in ctx.plan.activities:
        for year in activity.budget.years if activity.budget else {}:
            if year not in period.years():
                yield diag(activity.file, "KP415", ("budget", "years", year), part="key",
                           year=year, start=period.start, end=period.end)


def check_spent_sources(ctx: CheckContext) -> Iterator[Diagnostic]:
    """Money spent by source names sources of the card's budget."""
    for activity in ctx.plan.activities:
        known = set(activity.budget.source_names()) if activity.budget else set()
        for index, evaluation in enumerate(activity.evaluations):
            for source in evaluation.spent_by_source() or {}:
                if known and source not in known:
                    yield diag(activity.file, "KP416", ("evaluations", index, "spent", source),
                               part="key", source=source)


def check_change_direction(ctx: CheckContext) -> Iterator[Diagnostic]:
    """An indicator's ``change`` goes the way of its ``direction``."""
    for activity in ctx.plan.activities:
        for index, indicator in enumerate(activity.indicators):
            change = indicator.change
            if change is None or change == 0:
                continue
            if (change < 0) != (indicator.direction is Direction.DECREASE):
                yield diag(activity.file, "KP417", ("indicators", index, "change"),
                           change=f"{change:g}", direction=indicator.direction.value)
