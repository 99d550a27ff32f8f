"""Finding things in the plan: one activity, service or meeting by what a user types
(``kplan show``), and filtered, sorted lists of each (``kplan list``). No printing."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from kplan.plan.activity import Activity
from kplan.plan.meeting import Meeting
from kplan.plan.model import Plan
from kplan.plan.needs import Need
from kplan.plan.service import Service
from kplan.plan.statuses import EvaluationStatus, MilestoneStatus, TaskStatus
from kplan.plan.unloaded import UnloadedCard
from kplan.plan.values import NUMBER_RE, SLUG_RE, split_ref
from kplan.query.activities import ActivityStatus, activity_status
from kplan.query.fields import responsible_people, source_names
from kplan.query.needs import answered_needs
from kplan.query.status import (
    Rows,
    TaskRow,
    activity_key,
    group_name,
    meeting_id,
    task_row,
    task_row_key,
)

_FULL_REF = re.compile(rf"{SLUG_RE}/{NUMBER_RE}\Z")
_NUMBER = re.compile(rf"{NUMBER_RE}\Z")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def fold(text: str | None) -> str:
    """Case- and diacritics-insensitive form: ``Lůžko`` → ``luzko``."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _contains(needle: str, *haystacks: str | None) -> bool:
    wanted = fold(needle)
    return any(wanted in fold(h) for h in haystacks)


# --- kplan show ----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Ambiguous:
    """A bare number that several groups use: the full references that match."""

    query: str
    matches: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NotFound:
    query: str
    suggestions: tuple[str, ...] = ()
    broken: str | None = None
    """The file exists but did not load (it has errors): its reference."""


Found = Activity | Service | Meeting


def find(plan: Plan, query: str) -> Found | Ambiguous | NotFound:
    """An activity (``group/number`` or a bare number), a service (its id) or a meeting
    (its file name without ``.yaml``, or its date when only one meeting was held that day)."""
    ref = query.strip()
    if _FULL_REF.match(ref) or _NUMBER.match(ref):
        return _find_activity(plan, ref)
    if _DAY.match(ref):
        held = sorted(meeting_id(m) for m in plan.meetings if m.date.isoformat() == ref)
        if len(held) > 1:
            return Ambiguous(ref, tuple(held))
        if held:
            ref = held[0]
    service = plan.service(ref)
    if service is not None:
        return service
    meeting = next((m for m in plan.meetings if meeting_id(m) == ref), None)
    if meeting is not None:
        return meeting
    broken = ref if ref in plan.present_service_ids else None
    return NotFound(query, _suggestions(plan, ref), broken)


def unloaded_card(plan: Plan, found: object) -> UnloadedCard | None:
    """The card ``find`` found as a file that did not load, if it is one."""
    if not isinstance(found, NotFound) or found.broken is None:
        return None
    return next((c for c in plan.unloaded if c.ref == found.broken), None)


def _find_activity(plan: Plan, ref: str) -> Activity | Ambiguous | NotFound:
    group, number = split_ref(ref)
    refs = plan.present_activity_refs | {a.ref for a in plan.activities}
    matches = sorted(r for r in refs
                     if split_ref(r)[1] == number and group in (None, split_ref(r)[0]))
    if len(matches) > 1:
        return Ambiguous(ref, tuple(matches))
    if not matches:
        return NotFound(ref, _suggestions(plan, ref))
    found = plan.activity(matches[0])
    return found if found is not None else NotFound(ref, broken=matches[0])


def _suggestions(plan: Plan, query: str) -> tuple[str, ...]:
    """Close names (``2.1.3`` for ``2.1.2``), and the activities of a measure or of a
    number they had before a renumbering."""
    shown: dict[str, list[str]] = {}
    for activity in sorted(plan.activities, key=activity_key):
        shown.setdefault(activity.ref, []).append(activity.ref)
        shown.setdefault(activity.id, []).append(activity.ref)
    for name in [s.id for s in plan.services] + [meeting_id(m) for m in plan.meetings]:
        shown.setdefault(name, []).append(name)
    close = difflib.get_close_matches(query, sorted(shown), n=3, cutoff=0.75)
    within = [a.ref for a in sorted(plan.activities, key=activity_key)
              if a.id.startswith(query + ".") or query in a.previous_numbers]
    return tuple(dict.fromkeys([*within, *(r for name in close for r in shown[name])]))[:8]


@dataclass(frozen=True, slots=True)
class ActivityCard:
    activity: Activity
    status: ActivityStatus
    as_of: date
    currency: str
    group_name: str | None
    meetings: list[Meeting]
    """Meetings that name the activity, or have a task about it, by date."""
    tasks: list[TaskRow]
    services: dict[str, Service] = field(default_factory=dict)
    """Partners that are services of the plan, by id."""
    needs: list[tuple[str, Need | None]] = field(default_factory=list)
    """The needs the card answers (None where the plan has no such need)."""


@dataclass(frozen=True, slots=True)
class ServiceCard:
    service: Service
    group_names: dict[str, str]
    activities: list[Activity]
    """Activities that name the service as a partner."""
    needs: list[tuple[str, Need | None]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class MeetingCard:
    meeting: Meeting
    id: str
    group_name: str | None
    activities: list[tuple[str, str | None]]
    """The activities it names: full reference and title (None when no such card loaded)."""
    tasks: list[TaskRow]
    currency: str = "CZK"


def activity_card(plan: Plan, activity: Activity, as_of: date) -> ActivityCard:
    ref = activity.ref
    meetings = [m for m in sorted(plan.meetings, key=lambda m: (m.date, m.file))
                if any(m.resolve(r) == ref for r in m.activities)
                or any(t.activity and m.resolve(t.activity) == ref for t in m.tasks)]
    tasks = sorted((task_row(m, t, as_of) for m in plan.meetings for t in m.tasks
                    if t.activity and m.resolve(t.activity) == ref), key=task_row_key)
    services = {p: s for p in activity.partners if (s := plan.service(p)) is not None}
    currency = plan.meta.currency if plan.meta else "CZK"
    return ActivityCard(activity, activity_status(plan, activity, as_of), as_of, currency,
                        group_name(plan, activity.group), meetings, tasks, services,
                        answered_needs(plan, activity.needs))


def service_card(plan: Plan, service: Service) -> ServiceCard:
    names = {g: name for g in service.groups if (name := group_name(plan, g))}
    using = [a for a in sorted(plan.activities, key=activity_key) if service.id in a.partners]
    return ServiceCard(service, names, using, answered_needs(plan, service.needs))


def meeting_card(plan: Plan, meeting: Meeting, as_of: date) -> MeetingCard:
    named = []
    for ref in meeting.activities:
        full = meeting.resolve(ref)
        found = plan.activity(full)
        named.append((full, found.title if found else None))
    tasks = [task_row(meeting, t, as_of) for t in meeting.tasks]
    return MeetingCard(meeting, meeting_id(meeting), group_name(plan, meeting.group_id), named,
                       tasks, plan.meta.currency if plan.meta else "CZK")


# --- kplan list --------------------------------------------------------------------------------

class ListKind(StrEnum):
    ACTIVITIES = "activities"
    SERVICES = "services"
    MEETINGS = "meetings"
    TASKS = "tasks"


@dataclass(frozen=True, slots=True)
class Filters:
    group: str | None = None
    responsible: str | None = None
    implementer: str | None = None
    source: str | None = None
    status: str | None = None
    year: int | None = None
    text: str | None = None

    def given(self) -> dict[str, str | int]:
        return {name: value for name in self.__slots__
                if (value := getattr(self, name)) is not None}


FILTERS: dict[ListKind, frozenset[str]] = {
    ListKind.ACTIVITIES: frozenset({"group", "responsible", "implementer", "source", "status",
                                    "year", "text"}),
    ListKind.SERVICES: frozenset({"group", "implementer", "text"}),
    ListKind.MEETINGS: frozenset({"group", "year", "text"}),
    ListKind.TASKS: frozenset({"group", "responsible", "status", "year", "text"}),
}
STATUSES: dict[ListKind, tuple[str, ...]] = {
    ListKind.ACTIVITIES: tuple(dict.fromkeys([*(s.value for s in EvaluationStatus),
                                              *(s.value for s in MilestoneStatus)])),
    ListKind.TASKS: tuple(s.value for s in TaskStatus),
}


def unsupported(kind: ListKind, filters: Filters) -> list[str]:
    """The filters given that do not apply to this kind of list."""
    return sorted(set(filters.given()) - FILTERS[kind])


ROWS_FILTERS = frozenset({"group"})
"""The filters a list of activities can apply to the cards' remembered rows alone (their
skeletons and ``Rows``); the others read the whole cards."""


def rows_suffice(kind: ListKind, filters: Filters) -> bool:
    """The list can be made of the cards' remembered rows (``list_activities``)."""
    return kind is ListKind.ACTIVITIES and filters.given().keys() <= ROWS_FILTERS


def list_activities(plan: Plan, filters: Filters, today: date,
                    remembered: Rows | None = None) -> list[ActivityStatus]:
    """Activities by group, then number; the evaluation shown is that of ``--year`` if
    given, else the latest one up to today's year. With ``remembered`` (the filters are
    ``ROWS_FILTERS`` at most), each card's row is the one remembered for ``today``."""
    services: dict[str, Service] = {}
    for service in plan.services:
        services.setdefault(service.id, service)
    rows = []
    for activity in sorted(plan.activities, key=activity_key):
        if not _activity_matches(services, activity, filters):
            continue
        row = remembered(activity).status if remembered is not None \
            else activity_status(plan, activity, today)
        if filters.year is not None:
            evaluation = activity.evaluation(filters.year)
            row = replace(row, evaluation_year=evaluation.year if evaluation else None,
                          evaluation_status=evaluation.status if evaluation else None)
        if _status_matches(activity, row, filters.status):
            rows.append(row)
    return rows


def _status_matches(activity: Activity, row: ActivityStatus, status: str | None) -> bool:
    """An evaluation's status (``on_track``), or else a step's (``postponed``: an activity
    with a step postponed)."""
    if status is None:
        return True
    if status in EvaluationStatus._value2member_map_:
        return row.evaluation_status is not None and row.evaluation_status.value == status
    return any(m.status.value == status for m in activity.milestones)


def _activity_matches(services: dict[str, Service], activity: Activity, f: Filters) -> bool:
    """Each filter given is read of the card only then: on 10,000 cards, finding every
    partner's service for a list without ``--implementer`` took most of the list."""
    return (f.group is None or f.group in activity.all_groups) \
        and (f.year is None or _in_year(activity, f.year)) \
        and (f.responsible is None or _contains(f.responsible, *responsible_people(activity))) \
        and (f.implementer is None or _contains(f.implementer, *_doers(services, activity))) \
        and (f.source is None or any(fold(f.source) == fold(s) for s in source_names(activity))) \
        and (f.text is None or _contains(f.text, activity.title))


def _in_year(activity: Activity, year: int) -> bool:
    return any(m.due.in_year(year) for m in activity.milestones) or \
        activity.evaluation(year) is not None


def _doers(services: dict[str, Service], activity: Activity) -> list[str]:
    """Its implementers and partners, with the names and providers of partner services."""
    partner_names = [n for p in activity.partners if (s := services.get(p))
                     for n in (s.name, s.provider.name)]
    return [*activity.implementers, *activity.partners, *partner_names]


def list_services(plan: Plan, filters: Filters) -> list[Service]:
    return [s for s in sorted(plan.services, key=lambda s: s.id)
            if (filters.group is None or filters.group in s.groups)
            and (filters.implementer is None or _contains(filters.implementer, s.provider.name))
            and (filters.text is None or _contains(filters.text, s.name, s.provider.name))]


def list_meetings(plan: Plan, filters: Filters) -> list[Meeting]:
    return [m for m in sorted(plan.meetings, key=lambda m: (m.date, m.file))
            if (filters.group is None or m.group == filters.group)
            and (filters.year is None or m.date.year == filters.year)
            and (filters.text is None or _contains(filters.text, m.title))]


def list_tasks(plan: Plan, filters: Filters, today: date) -> list[TaskRow]:
    """Tasks of every meeting by due day (those without one last), then meeting date.
    ``--year`` is the year a task is due, or its meeting's year when it has no due date."""
    rows = [task_row(m, t, today) for m in plan.meetings for t in m.tasks]
    return sorted((r for r in rows
                   if (filters.group is None or r.group == filters.group)
                   and (filters.responsible is None or _contains(filters.responsible, *r.owners))
                   and (filters.status is None or r.status.value == filters.status)
                   and (filters.year is None or
                        (r.due.year if r.due else r.meeting_date.year) == filters.year)
                   and (filters.text is None or _contains(filters.text, r.title))),
                  key=task_row_key)


def listing(plan: Plan, kind: ListKind, filters: Filters, as_of: date,
            remembered: Rows | None = None
            ) -> list[ActivityStatus] | list[Service] | list[Meeting] | list[TaskRow]:
    """The list ``kplan list KIND`` shows; overdue counts and flags as of ``as_of``."""
    if kind is ListKind.ACTIVITIES:
        return list_activities(plan, filters, as_of, remembered)
    if kind is ListKind.SERVICES:
        return list_services(plan, filters)
    if kind is ListKind.MEETINGS:
        return list_meetings(plan, filters)
    return list_tasks(plan, filters, as_of)
