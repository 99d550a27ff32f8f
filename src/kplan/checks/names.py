"""Names and numbers: file names match their ids, numbers are used once, measures fit."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from kplan.checks.context import (
    SAME_DAY_SUFFIX,
    CheckContext,
    heading_evaluations,
)
from kplan.diagnostics import Diagnostic
from kplan.diagnostics.codes import diag
from kplan.plan.activity import Activity, Evaluation
from kplan.plan.planfile import MAX_HEADING_LEVELS, PlanFile, Priority, walk_headings
from kplan.plan.values import SLUG_RE

_SLUG = re.compile(SLUG_RE)


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
        if meeting.group is None:
            yield from _plan_meeting_file_name(meeting.file, path.stem, day)
            continue
        expected = f"{day}-{meeting.group}"
        if path.stem == expected or SAME_DAY_SUFFIX.fullmatch(path.stem.removeprefix(expected)):
            continue
        field = "group" if path.stem.startswith(day) else "date"
        if groups is not None and meeting.group not in groups:
            continue
        yield diag(meeting.file, "KP210", (field,), name=path.name, expected=f"{expected}.yaml",
                   what={"cs": f"schůzka skupiny {meeting.group} dne {day}",
                         "en": f"a meeting of {meeting.group} on {day}"})


def _plan_meeting_file_name(file: str, stem: str, day: str) -> Iterator[Diagnostic]:
    """A meeting of no group: ``<date>.yaml`` or ``<date>-<slug>.yaml``."""
    if stem == day or (stem.startswith(f"{day}-") and _SLUG.fullmatch(stem[len(day) + 1:])):
        return
    yield diag(file, "KP210", ("date",), name=PurePosixPath(file).name, expected=f"{day}.yaml",
               what={"cs": f"schůzka bez skupiny dne {day}",
                     "en": f"a meeting of no group on {day}"})


def check_plan_numbers(ctx: CheckContext) -> Iterator[Diagnostic]:
    """Group ids are unique; heading numbers unique within a group (or the plan's own
    headings); a heading belongs under the one its number starts with; four levels at most."""
    meta = ctx.plan.meta
    if meta is None or ctx.cards_only:
        return
    yield from _duplicate_groups(meta)
    yield from _heading_numbers(meta, meta.priorities, ())
    for g, group in enumerate(meta.groups):
        yield from _heading_numbers(meta, group.priorities, ("groups", g))


def _heading_numbers(meta: PlanFile, priorities: list[Priority],
                     loc: tuple[str | int, ...]) -> Iterator[Diagnostic]:
    seen: set[str] = set()
    for found in walk_headings(priorities, loc):
        number = found.heading.number
        yield from _number_once(meta, seen, number, found.loc)
        if found.level > MAX_HEADING_LEVELS:
            yield diag(meta.file, "KP216", (*found.loc, "number"), number=number,
                       levels=MAX_HEADING_LEVELS)
        parent = found.path[-2].number if found.level > 1 else None
        if parent is not None and not number.startswith(parent + "."):
            yield diag(meta.file, "KP306", (*found.loc, "number"), measure=number,
                       priority=parent)


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
    """One evaluation a year, of a card and of a heading."""
    for activity in ctx.plan.activities:
        yield from _evaluations_once(activity.file, activity.evaluations, ())
    for file, loc, evaluations in heading_evaluations(ctx):
        yield from _evaluations_once(file, evaluations, loc)


def _evaluations_once(file: str, evaluations: list[Evaluation],
                      loc: tuple[str | int, ...]) -> Iterator[Diagnostic]:
    first: dict[int, int] = {}
    for index, evaluation in enumerate(evaluations):
        if evaluation.year in first:
            yield diag(file, "KP212", (*loc, "evaluations", index, "year"),
                       key=evaluation.year, first=first[evaluation.year] + 1,
                       what={"cs": "Hodnocení za rok", "en": "The evaluation for"})
        first.setdefault(evaluation.year, index)
