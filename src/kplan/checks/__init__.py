"""Cross-file checks: one small function a rule, all listed in ``CHECKS``.

Each check reads the validated plan and yields diagnostics that name a place inside a
document (``loc``); the loader turns those places into lines and columns.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath

from kplan.diagnostics import Diagnostic
from kplan.diagnostics.codes import diag
from kplan.plan.model import Activity, MilestoneStatus, Plan, PlanFile
from kplan.plan.values import SLUG_RE, Due, split_ref


@dataclass(frozen=True, slots=True)
class CheckContext:
    plan: Plan
    today: date


Check = Callable[[CheckContext], Iterator[Diagnostic]]
_SAME_DAY_SUFFIX = re.compile(r"-(?:[2-9]|[1-9][0-9]+)")
_SERVICE_ID = re.compile(rf"{SLUG_RE}\Z")


def _suggest(value: str, known: Iterable[str], what_cs: str, what_en: str) -> dict[str, str]:
    known = sorted(known)
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    if close:
        return {"cs": f"Myslíte „{close[0]}“?", "en": f"Did you mean '{close[0]}'?"}
    listing = ", ".join(known[:12]) or "–"
    return {"cs": f"Opravte odkaz; {what_cs}: {listing}.",
            "en": f"Fix the reference; {what_en}: {listing}."}


def _group_suggestion(value: str, known: Iterable[str]) -> dict[str, str]:
    """The plan's groups first, then the close one: a group is never guessed from a typo."""
    groups = sorted(known)
    listing = ", ".join(groups) or "–"
    close = difflib.get_close_matches(value, groups, n=1, cutoff=0.6)
    if close:
        return {"cs": f"Skupiny v plan.yaml: {listing}. Myslíte „{close[0]}“?",
                "en": f"The groups in plan.yaml: {listing}. Did you mean '{close[0]}'?"}
    return {"cs": f"Skupiny v plan.yaml: {listing}. Použijte jednu z nich, nebo skupinu "
                  "doplňte do plan.yaml (groups).",
            "en": f"The groups in plan.yaml: {listing}. Use one of them or add the group to "
                  "plan.yaml (groups)."}


# --- file names ------------------------------------------------------------------------------

def check_activity_file_names(ctx: CheckContext) -> Iterator[Diagnostic]:
    """A card's file name is its number: ``activities/<group>/<id>.yaml``."""
    for activity in ctx.plan.activities:
        name = activity.file.rpartition("/")[2]
        if name.removesuffix(".yaml") != activity.id:
            yield diag(activity.file, "KP210", ("id",), name=name, expected=f"{activity.id}.yaml",
                       what={"cs": f"číslo aktivity je „{activity.id}“",
                             "en": f"the activity number is '{activity.id}'"})


def check_activity_groups(ctx: CheckContext) -> Iterator[Diagnostic]:
    """The folder of a card is a group of plan.yaml."""
    if ctx.plan.meta is None:
        return
    groups = ctx.plan.group_ids()
    for activity in ctx.plan.activities:
        if activity.group not in groups:
            yield diag(activity.file, "KP302", (), part="parent", group=activity.group,
                       suggestion=_group_suggestion(activity.group, groups))


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
        if path.stem == expected or _SAME_DAY_SUFFIX.fullmatch(path.stem.removeprefix(expected)):
            continue
        field = "group" if path.stem.startswith(day) else "date"
        if groups is not None and meeting.group not in groups:
            continue
        yield diag(meeting.file, "KP210", (field,), name=path.name, expected=f"{expected}.yaml",
                   what={"cs": f"schůzka skupiny {meeting.group} dne {day}",
                         "en": f"a meeting of {meeting.group} on {day}"})


# --- plan.yaml -------------------------------------------------------------------------------

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


# --- references ------------------------------------------------------------------------------

def check_duplicate_activities(ctx: CheckContext) -> Iterator[Diagnostic]:
    """Two cards never share one full reference."""
    first: dict[str, Activity] = {}
    for activity in ctx.plan.activities:
        if activity.ref in first:
            yield diag(activity.file, "KP301", ("id",), ref=activity.ref,
                       other=first[activity.ref].file)
        first.setdefault(activity.ref, activity)


def check_meeting_groups(ctx: CheckContext) -> Iterator[Diagnostic]:
    """A meeting's group and a service's groups exist in plan.yaml."""
    if ctx.plan.meta is None:
        return
    groups = ctx.plan.group_ids()
    for meeting in ctx.plan.meetings:
        if meeting.group not in groups:
            yield diag(meeting.file, "KP302", ("group",), group=meeting.group,
                       suggestion=_group_suggestion(meeting.group, groups))
    for service in ctx.plan.services:
        for index, group in enumerate(service.groups):
            if group not in groups:
                yield diag(service.file, "KP302", ("groups", index), group=group,
                           suggestion=_group_suggestion(group, groups))


def check_activity_references(ctx: CheckContext) -> Iterator[Diagnostic]:
    """Meetings, tasks and related activities name activities that exist."""
    known = ctx.plan.present_activity_refs
    for meeting in ctx.plan.meetings:
        for index, ref in enumerate(meeting.activities):
            yield from _missing_ref(meeting.file, ("activities", index), meeting.resolve(ref),
                                    known)
        for index, task in enumerate(meeting.tasks):
            if task.activity is not None:
                yield from _missing_ref(meeting.file, ("tasks", index, "activity"),
                                        meeting.resolve(task.activity), known)
    for activity in ctx.plan.activities:
        for index, ref in enumerate(activity.related):
            yield from _missing_ref(activity.file, ("related", index), ref, known)


def _missing_ref(file: str, loc: tuple[str | int, ...], ref: str,
                 known: set[str]) -> Iterator[Diagnostic]:
    if ref not in known:
        group, _ = split_ref(ref)
        same_group = {r for r in known if r.startswith(f"{group}/")} or known
        yield diag(file, "KP303", loc, ref=ref,
                   suggestion=_suggest(ref, same_group, "aktivity plánu", "the plan's activities"))


def check_partner_services(ctx: CheckContext) -> Iterator[Diagnostic]:
    """A partner written as an id (lowercase, with a hyphen) names a service of the plan."""
    services = ctx.plan.present_service_ids
    for activity in ctx.plan.activities:
        for index, partner in enumerate(activity.partners):
            if "-" in partner and _SERVICE_ID.match(partner) and partner not in services:
                yield diag(activity.file, "KP304", ("partners", index), service=partner,
                           suggestion=_suggest(partner, services, "služby plánu",
                                               "the plan's services"))


# --- a card in itself ------------------------------------------------------------------------

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


# --- plausibility (warnings) ---------------------------------------------------------------

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
    for activity in ctx.plan.activities:
        group = meta.group(activity.group)
        if group is not None and activity.measure_number not in group.measure_numbers():
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
                           suggestion=_suggest(source, known, "číselník plan.yaml",
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


CHECKS: tuple[Check, ...] = (
    check_activity_file_names,
    check_activity_groups,
    check_service_file_names,
    check_meeting_file_names,
    check_plan_numbers,
    check_duplicate_activities,
    check_meeting_groups,
    check_activity_references,
    check_partner_services,
    check_measure_fits_number,
    check_duplicate_evaluations,
    check_responsible,
    check_measure_defined,
    check_milestones_in_period,
    check_done_days,
    check_funding_sources,
    check_certifications,
    check_evaluations_in_period,
    check_task_due_after_meeting,
    check_legal_form_items,
)
