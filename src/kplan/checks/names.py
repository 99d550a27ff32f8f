"""Names and numbers: file names match their ids, numbers are used once, measures fit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from kplan.checks.context import (
    SAME_DAY_SUFFIX,
    CheckContext,
)
from kplan.diagnostics import Diagnostic
from kplan.diagnostics.codes import diag
from kplan.plan.model import Activity, PlanFile


def check_activity_file_names(ctx: CheckContext) -> Iterator[Diagnostic]:
    """A card's file name is its number: ``activities/<group>/<id>.yaml``."""
    for activity in ctx.plan.activities:
        name = activity.file.rpartition("/")[2]
        if name.removesuffix(".yaml") != activity.id:
            yield diag(activity.file, "KP210", ("id",), name=name, expected=f"{activity.id}.yaml",
                       what={"cs": f"číslo aktivity je „{activity.id}“",
                             "en": f"the activity number is '{activity.id}'"})


def check_service_file_names(ctx: CheckContext) -> Iterator[Diagnostic]:
    """A service's file name is its id: ``services/<id>.yaml``."""
    for service in ctx.plan.services:
        path = PurePosixPath(service.file)
        if path.stem != service.id:
            yield diag(service.file, "KP210", ("id",), name=path.name,
                       expected=f"{service.id}.yaml",
                       what={"cs": f"identifikátor služby je „{service.id}“",
                             "en": f"the service id is '{service.id}'"})


def check_meeting_file_names(ctx: CheckContext) -> Iterator[Diagnostic]:
    """A meeting's file is ``<date>-<group>.yaml``, with ``-2``, ``-3`` for more that day.

    An unknown group is KP302's to report: the file is never to be renamed to a typo.
    """
    groups = ctx.plan.group_ids() if ctx.plan.meta is not None else None
    for meeting in ctx.plan.meetings:
        path = PurePosixPath(meeting.file)
        day = meeting.date.isoformat()
        expected = f"{day}-{meeting.group}"
        if path.stem == expected or SAME_DAY_SUFFIX.fullmatch(path.stem.removeprefix(expected)):
            continue
        field = "group" if path.stem.startswith(day) else "date"
        if groups is not None and meeting.group not in groups:
            continue
        yield diag(meeting.file, "KP210", (field,), name=path.name, expected=f"{expected}.yaml",
                   what={"cs": f"schůzka skupiny {meeting.group} dne {day}",
                         "en": f"a meeting of {meeting.group} on {day}"})


def check_plan_numbers(ctx: CheckContext) -> Iterator[Diagnostic]:
    """Group ids are unique; priority and measure numbers unique within a group; a measure
    belongs under the priority its number starts with."""
    meta = ctx.plan.meta
    if meta is None:
        return
    yield from _duplicate_groups(meta)
    for g, group in enumerate(meta.groups):
        seen: set[str] = set()
        for p, priority in enumerate(group.priorities):
            yield from _number_once(meta, seen, priority.number, ("groups", g, "priorities", p))
            for m, measure in enumerate(priority.measures):
                loc = ("groups", g, "priorities", p, "measures", m)
                yield from _number_once(meta, seen, measure.number, loc)
                if not measure.number.startswith(priority.number + "."):
                    yield diag(meta.file, "KP306", (*loc, "number"), measure=measure.number,
                               priority=priority.number)


def _duplicate_groups(meta: PlanFile) -> Iterator[Diagnostic]:
    first: dict[str, int] = {}
    for index, group in enumerate(meta.groups):
        if group.id in first:
            yield diag(meta.file, "KP212", ("groups", index, "id"), key=group.id,
                       first=first[group.id] + 1,
                       what={"cs": "Skupina", "en": "The group"})
        first.setdefault(group.id, index)


def _number_once(meta: PlanFile, seen: set[str], number: str,
                 loc: tuple[str | int, ...]) -> Iterator[Diagnostic]:
    if number in seen:
        yield diag(meta.file, "KP305", (*loc, "number"), number=number)
    seen.add(number)


def check_duplicate_activities(ctx: CheckContext) -> Iterator[Diagnostic]:
    """Two cards never share one full reference."""
    first: dict[str, Activity] = {}
    for activity in ctx.plan.activities:
        if activity.ref in first:
            yield diag(activity.file, "KP301", ("id",), ref=activity.ref,
                       other=first[activity.ref].file)
        first.setdefault(activity.ref, activity)


def check_measure_fits_number(ctx: CheckContext) -> Iterator[Diagnostic]:
    """An explicit measure is the card's number or the start of it."""
    for activity in ctx.plan.activities:
        measure = activity.measure
        if measure and activity.id != measure and not activity.id.startswith(measure + "."):
            yield diag(activity.file, "KP213", ("measure",), measure=measure, number=activity.id)


def check_duplicate_evaluations(ctx: CheckContext) -> Iterator[Diagnostic]:
    """One evaluation a year."""
    for activity in ctx.plan.activities:
        first: dict[int, int] = {}
        for index, evaluation in enumerate(activity.evaluations):
            if evaluation.year in first:
                yield diag(activity.file, "KP212", ("evaluations", index, "year"),
                           key=evaluation.year, first=first[evaluation.year] + 1,
                           what={"cs": "Hodnocení za rok", "en": "The evaluation for"})
            first.setdefault(evaluation.year, index)
