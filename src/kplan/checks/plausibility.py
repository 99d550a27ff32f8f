"""Plausibility: warnings about what is allowed but probably not meant."""

from __future__ import annotations

from collections.abc import Iterator

from kplan.checks.context import (
    CheckContext,
    suggest,
)
from kplan.diagnostics import Diagnostic
from kplan.diagnostics.codes import diag
from kplan.plan.model import MilestoneStatus
from kplan.plan.values import Due


def check_responsible(ctx: CheckContext) -> Iterator[Diagnostic]:
    """Every activity has a responsible person."""
    for activity in ctx.plan.activities:
        if not (activity.responsible or "").strip():
            part = "value" if "responsible" in activity.model_fields_set else "parent"
            loc = ("responsible",) if part == "value" else ()
            yield diag(activity.file, "KP401", loc, part=part, ref=activity.ref)


def check_measure_defined(ctx: CheckContext) -> Iterator[Diagnostic]:
    """The card's measure is described under its group in plan.yaml."""
    meta = ctx.plan.meta
    if meta is None:
        return
    measures = {g.id: g.measure_numbers() for g in reversed(meta.groups)}
    for activity in ctx.plan.activities:
        known = measures.get(activity.group)
        if known is not None and activity.measure_number not in known:
            loc = ("measure",) if activity.measure else ("id",)
            yield diag(activity.file, "KP402", loc, measure=activity.measure_number,
                       group=activity.group)


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
                           wider_end=max(period.end, milestone.due.year))


def _within(due: Due, start: int, end: int) -> bool:
    return start <= due.year <= end


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
        sources = activity.budget.sources if activity.budget else []
        for index, source in enumerate(sources):
            if source not in known:
                yield diag(activity.file, "KP405", ("budget", "sources", index), source=source,
                           suggestion=suggest(source, known, "číselník plan.yaml",
                                               "plan.yaml lists"))


def check_certifications(ctx: CheckContext) -> Iterator[Diagnostic]:
    """A service's certification has not run out."""
    for service in ctx.plan.services:
        until = service.certified_until
        if until is not None and until < ctx.today:
            yield diag(service.file, "KP406", ("certified_until",), until=until.isoformat())


def check_evaluations_in_period(ctx: CheckContext) -> Iterator[Diagnostic]:
    """Evaluations are for years of the plan's period."""
    if ctx.plan.meta is None:
        return
    period = ctx.plan.meta.period
    for activity in ctx.plan.activities:
        for index, evaluation in enumerate(activity.evaluations):
            if evaluation.year not in period.years():
                yield diag(activity.file, "KP407", ("evaluations", index, "year"),
                           year=evaluation.year, start=period.start, end=period.end)


def check_task_due_after_meeting(ctx: CheckContext) -> Iterator[Diagnostic]:
    """A task is not due before the meeting that gave it."""
    for meeting in ctx.plan.meetings:
        for index, task in enumerate(meeting.tasks):
            if task.due is not None and task.due.last_day() < meeting.date:
                yield diag(meeting.file, "KP408", ("tasks", index, "due"), due=str(task.due),
                           date=meeting.date.isoformat())


_LEGAL_FORMS = frozenset(("o.p.s", "z.ú", "z.u", "z.s", "s.r.o", "spol.sr.o", "a.s", "p.o",
                          "v.o.s", "k.s", "z.s.p.o"))


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
