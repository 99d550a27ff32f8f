"""Plausibility: warnings about what is allowed but probably not meant."""

from __future__ import annotations

import functools
from collections.abc import Iterator

from kplan.checks.context import (
    CheckContext,
    heading_evaluations,
    suggest,
)
from kplan.diagnostics import Diagnostic, Loc
from kplan.diagnostics.codes import diag
from kplan.plan.activity import Activity
from kplan.plan.dates import Due
from kplan.plan.planfile import PlanKind
from kplan.plan.statuses import MilestoneStatus


def check_responsible(ctx: CheckContext) -> Iterator[Diagnostic]:
    """Every activity has a responsible person."""
    for activity in ctx.plan.activities:
        if not any(name.strip() for name in activity.responsible_names):
            part = "value" if "responsible" in activity.model_fields_set else "parent"
            loc = ("responsible",) if part == "value" else ()
            yield diag(activity.file, "KP401", loc, part=part, ref=activity.ref)


def check_measure_defined(ctx: CheckContext) -> Iterator[Diagnostic]:
    """The heading a card names (its ``measure``, else its number without the last part)
    is a heading of its group in plan.yaml, at any level; a one-part number needs none.
    A card directly in activities/ looks in the plan's own ``priorities`` (KP412)."""
    meta = ctx.plan.meta
    if meta is None:
        return
    for activity in ctx.plan.activities:
        if activity.group and meta.group(activity.group) is None:
            continue
        wanted = activity.measure or activity.id.rpartition(".")[0]
        if wanted and wanted not in meta.heading_index(activity.group):
            loc = ("measure",) if activity.measure else ("id",)
            yield diag(activity.file, "KP402" if activity.group else "KP412", loc,
                       measure=wanted, group=activity.group)


def check_milestones_in_period(ctx: CheckContext) -> Iterator[Diagnostic]:
    """Milestones fall within the plan's period."""
    if ctx.plan.meta is None:
        return
    period = ctx.plan.meta.period
    for activity in ctx.plan.activities:
        for index, milestone in enumerate(activity.milestones):
            if not _within(milestone.due, period.start, period.end):
                yield diag(activity.file, "KP403", ("milestones", index, "due"),
                           due=str(milestone.due), start=period.start, end=period.end,
                           wider_start=min(period.start, milestone.due.year),
                           wider_end=max(period.end, milestone.due.finish().year))


def _within(due: Due, start: int, end: int) -> bool:
    """Ongoing is within every period; a range lies within when both its ends do."""
    return due.is_ongoing or (start <= due.year and due.finish().year <= end)


def check_done_days(ctx: CheckContext) -> Iterator[Diagnostic]:
    """A done day is not in the future, and goes with the status done."""
    for activity in ctx.plan.activities:
        for index, milestone in enumerate(activity.milestones):
            if milestone.done is None:
                continue
            loc = ("milestones", index, "done")
            if milestone.done > ctx.today:
                yield diag(activity.file, "KP404", loc, done=milestone.done.isoformat())
            if milestone.status is not MilestoneStatus.DONE:
                yield diag(activity.file, "KP409", ("milestones", index, "status"),
                           done=milestone.done.isoformat(), status=milestone.status.value)


def check_funding_sources(ctx: CheckContext) -> Iterator[Diagnostic]:
    """When plan.yaml lists funding sources, cards use only those."""
    meta = ctx.plan.meta
    if meta is None or meta.funding_sources is None:
        return
    known = meta.funding_sources
    for activity in ctx.plan.activities:
        for loc, source in _named_sources(activity):
            if source not in known:
                yield diag(activity.file, "KP405", loc, part="value" if loc[-1] != source
                           else "key", source=source,
                           suggestion=suggest(source, known, "číselník plan.yaml",
                                              "plan.yaml lists"))


def _named_sources(activity: Activity) -> Iterator[tuple[Loc, str]]:
    """Every source a card names: in ``sources`` (a list or a mapping), ``years`` and
    ``spent``, with its place."""
    budget = activity.budget
    if budget is not None:
        if isinstance(budget.sources, dict):
            yield from ((("budget", "sources", s), s) for s in budget.sources)
        else:
            yield from ((("budget", "sources", i), s) for i, s in enumerate(budget.sources))
        for year, given in budget.years.items():
            if isinstance(given, dict):
                yield from ((("budget", "years", year, s), s) for s in given)
    for index, evaluation in enumerate(activity.evaluations):
        yield from ((("evaluations", index, "spent", s), s)
                    for s in evaluation.spent_by_source() or {})


def check_certifications(ctx: CheckContext) -> Iterator[Diagnostic]:
    """A service's certification has not run out."""
    for service in ctx.plan.services:
        until = service.certified_until
        if until is not None and until < ctx.today:
            yield diag(service.file, "KP406", ("certified_until",), until=until.isoformat())


def check_evaluations_in_period(ctx: CheckContext) -> Iterator[Diagnostic]:
    """Evaluations, of cards and of headings, are for years of the plan's period."""
    if ctx.plan.meta is None:
        return
    period = ctx.plan.meta.period
    places = [(a.file, (), a.evaluations) for a in ctx.plan.activities]
    for file, loc, evaluations in [*places, *heading_evaluations(ctx)]:
        for index, evaluation in enumerate(evaluations):
            if evaluation.year not in period.years():
                yield diag(file, "KP407", (*loc, "evaluations", index, "year"),
                           year=evaluation.year, start=period.start, end=period.end)


def check_plan_kind(ctx: CheckContext) -> Iterator[Diagnostic]:
    """``part_of`` names the plan an action plan belongs to: other kinds have none."""
    meta = ctx.plan.meta
    if meta is not None and meta.part_of is not None and meta.kind is not PlanKind.ACTION_PLAN:
        yield diag(meta.file, "KP413", ("part_of",), kind=meta.kind.value)


def check_amendments_in_period(ctx: CheckContext) -> Iterator[Diagnostic]:
    """An amendment is adopted while the plan runs, or just before it starts."""
    meta = ctx.plan.meta
    if meta is None:
        return
    period = meta.period
    for index, amendment in enumerate(meta.amendments):
        if not period.start - 1 <= amendment.date.year <= period.end:
            yield diag(meta.file, "KP414", ("amendments", index, "date"),
                       date=amendment.date.isoformat(), start=period.start, end=period.end)


def check_task_due_after_meeting(ctx: CheckContext) -> Iterator[Diagnostic]:
    """A task is not due before the meeting that gave it."""
    for meeting in ctx.plan.meetings:
        for index, task in enumerate(meeting.tasks):
            if task.due is not None and task.due.last_day() < meeting.date:
                yield diag(meeting.file, "KP408", ("tasks", index, "due"), due=str(task.due),
                           date=meeting.date.isoformat())


_LEGAL_FORMS = frozenset(("o.p.s", "z.ú", "z.u", "z.s", "s.r.o", "spol.sr.o", "a.s", "p.o",
                          "v.o.s", "k.s", "z.s.p.o"))


@functools.lru_cache(maxsize=4096)
def _is_legal_form(item: str) -> bool:
    return "".join(item.split()).lower().rstrip(".") in _LEGAL_FORMS


def check_legal_form_items(ctx: CheckContext) -> Iterator[Diagnostic]:
    """``[Renarkon, o.p.s.]`` is two organisations: a comma in brackets separates items."""
    for activity in ctx.plan.activities:
        for field in ("implementers", "partners"):
            yield from _legal_form_items(activity.file, field, getattr(activity, field))
    for meeting in ctx.plan.meetings:
        yield from _legal_form_items(meeting.file, "attendees", meeting.attendees)


def _legal_form_items(file: str, field: str, items: list[str]) -> Iterator[Diagnostic]:
    for index, item in enumerate(items):
        if not _is_legal_form(item):
            continue
        full = f"{items[index - 1]}, {item}" if index else f"Název, {item}"
        yield diag(file, "KP411", (field, index), item=item, field=field, full=full)
