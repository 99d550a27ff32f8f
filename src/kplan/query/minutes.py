"""A meeting's minutes as the group sends them out, as a typed context for templates.

``build_minutes(plan, meeting, lang)`` gives what ``kplan minutes`` renders with
``templates/kplan/minutes.{md,html}.j2``: the meeting itself (title, date, place, attendees,
agenda, notes, decisions, tasks, next meeting) and the group's status as of the meeting's
day (its activities, what was late, what falls due before the next meeting, the open tasks
of earlier meetings). The status reads the cards as they are now, on that day: a milestone
marked done after the meeting counts as done (docs/decisions.md).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from kplan.i18n import Lang, table_in
from kplan.plan.dates import Due
from kplan.plan.meeting import Meeting
from kplan.plan.model import Plan
from kplan.query.report import PlanInfo
from kplan.query.status import (
    DueItem,
    ItemKind,
    group_name,
    meeting_id,
    status,
)
from kplan.query.timeframe import Scope

_WORDS: Final[dict[str, tuple[str, str]]] = {
    "document": ("Zápis z jednání", "Minutes of the meeting"),
    "subject": ("Předmět", "Subject"),
    "group": ("Pracovní skupina", "Working group"),
    "kind": ("Druh jednání", "Kind of meeting"),
    "date": ("Datum", "Date"),
    "time": ("Čas", "Time"),
    "place": ("Místo", "Place"),
    "attendees": ("Přítomní", "Present"),
    "no_attendees": ("neuvedeno", "not recorded"),
    "agenda": ("Program jednání", "Agenda"),
    "discussed": ("Projednané aktivity", "Activities discussed"),
    "notes": ("Průběh jednání", "Proceedings"),
    "decisions": ("Usnesení", "Decisions"),
    "no_decisions": ("Skupina nepřijala žádné usnesení.", "The group took no decisions."),
    "tasks": ("Úkoly", "Tasks"),
    "no_tasks": ("Ze schůzky nevzešly žádné úkoly.", "The meeting gave no tasks."),
    "task": ("Úkol", "Task"),
    "owner": ("Kdo", "Owner"),
    "due": ("Termín", "Due"),
    "state": ("Stav", "Status"),
    "activity": ("Aktivita", "Activity"),
    "nobody": ("neurčeno", "not set"),
    "no_due": ("bez termínu", "no due date"),
    "next_meeting": ("Příští jednání", "Next meeting"),
    "not_planned": ("zatím neurčeno", "not set yet"),
    "minutes_by": ("Zapsal(a)", "Minutes by"),
    "status": ("Stav plánu ke dni jednání", "The plan as on the day of the meeting"),
    "activities": ("Aktivity skupiny", "The group's activities"),
    "number": ("Číslo", "Number"),
    "progress": ("Splněné kroky", "Steps done"),
    "next_step": ("Další krok", "Next step"),
    "no_activities": ("Skupina nemá žádné aktivity.", "The group has no activities."),
    "overdue": ("Po termínu", "Overdue"),
    "nothing_overdue": ("Nic není po termínu.", "Nothing is overdue."),
    "upcoming": ("Blíží se (do {until})", "Coming up (until {until})"),
    "nothing_upcoming": ("Do příštího jednání nic nekončí.",
                         "Nothing falls due before the next meeting."),
    "open_tasks": ("Otevřené úkoly z dřívějších jednání", "Open tasks of earlier meetings"),
    "no_open_tasks": ("Žádné otevřené úkoly z dřívějších jednání.",
                      "No open tasks of earlier meetings."),
    "from_meeting": ("Ze schůzky", "From the meeting"),
    "milestone": ("krok", "step"),
    "of_task": ("úkol", "task"),
}


def minutes_words(lang: Lang) -> Mapping[str, str]:
    return MappingProxyType(table_in(_WORDS, lang))


@dataclass(frozen=True, slots=True)
class MinutesTask:
    title: str
    owner: str | None
    due: Due | None
    status: str
    activity: str | None
    """The activity's number within the group (a full reference for another group's)."""


@dataclass(frozen=True, slots=True)
class MinutesActivity:
    number: str
    title: str
    responsible: str | None
    done: int
    milestones: int
    overdue: int
    next_title: str | None
    next_due: Due | None
    state: str


@dataclass(frozen=True, slots=True)
class MinutesItem:
    """A milestone or task that was late or falls due, as on the meeting's day."""

    kind: str
    """``milestone`` or ``task``."""
    title: str
    activity: str | None
    due: Due
    owner: str | None
    meeting: str | None


@dataclass(frozen=True, slots=True)
class Minutes:
    lang: Lang
    t: Mapping[str, str]
    plan: PlanInfo
    id: str
    group: str
    group_name: str | None
    kind: str
    title: str | None
    date: datetime.date
    time: str | None
    place: str | None
    attendees: tuple[str, ...]
    attendee_separator: str
    """``, `` between attendees, ``; `` when a name has a comma (``Renarkon, o.p.s.``)."""
    minutes_by: str | None
    agenda: tuple[str, ...]
    discussed: tuple[tuple[str, str | None], ...]
    """(number, title) of the activities the minutes name; the title when the card exists."""
    notes: str | None
    decisions: tuple[str, ...]
    tasks: tuple[MinutesTask, ...]
    next_meeting: Due | None
    activities: tuple[MinutesActivity, ...]
    overdue: tuple[MinutesItem, ...]
    upcoming: tuple[MinutesItem, ...]
    upcoming_until: datetime.date
    open_tasks: tuple[MinutesTask, ...]
    """Open tasks of the group's earlier meetings (this meeting's own are in ``tasks``)."""


def build_minutes(plan: Plan, meeting: Meeting, lang: Lang) -> Minutes:
    meta = plan.meta
    info = PlanInfo(meta.title if meta else "", meta.area if meta else None,
                    meta.period.start if meta else None, meta.period.end if meta else None,
                    meta.currency if meta else "CZK")
    scope = Scope(meeting.date, meeting.group_id)
    view = status(plan, scope)
    own = meeting_id(meeting)
    return Minutes(
        lang=lang, t=minutes_words(lang), plan=info, id=own, group=meeting.group_id,
        group_name=group_name(plan, meeting.group_id), kind=meeting.kind.value,
        title=meeting.title, date=meeting.date, time=meeting.time, place=meeting.place,
        attendees=tuple(meeting.attendees),
        attendee_separator="; " if any("," in a for a in meeting.attendees) else ", ",
        minutes_by=meeting.minutes_by,
        agenda=tuple(meeting.agenda), discussed=_discussed(plan, meeting),
        notes=meeting.notes, decisions=tuple(meeting.decision_texts()),
        tasks=tuple(MinutesTask(t.title, t.owner_text, t.due, t.status.value,
                                _short(meeting.resolve(t.activity), meeting.group_id)
                                if t.activity else None) for t in meeting.tasks),
        next_meeting=meeting.next_meeting,
        activities=tuple(MinutesActivity(a.number, a.title, a.responsible, a.done,
                                         a.milestones, a.overdue, a.next_title, a.next_due,
                                         a.state.value) for a in view.activities),
        overdue=tuple(_item(i, meeting.group_id) for i in view.overdue if i.meeting != own),
        upcoming=tuple(_item(i, meeting.group_id) for i in view.upcoming if i.meeting != own),
        upcoming_until=view.horizon.end,
        open_tasks=tuple(MinutesTask(r.title, r.owner, r.due, r.status.value,
                                     _short(r.activity, meeting.group_id) if r.activity else None)
                         for r in view.open_tasks if r.meeting != own))


def _discussed(plan: Plan, meeting: Meeting) -> tuple[tuple[str, str | None], ...]:
    named = []
    for ref in meeting.activities:
        full = meeting.resolve(ref)
        found = plan.activity(full)
        named.append((_short(full, meeting.group_id), found.title if found else None))
    return tuple(named)


def _short(ref: str, group: str) -> str:
    return ref.removeprefix(f"{group}/")


def _item(item: DueItem, group: str) -> MinutesItem:
    kind = "milestone" if item.kind is ItemKind.MILESTONE else "task"
    return MinutesItem(kind, item.title, _short(item.activity, group) if item.activity else None,
                       item.due, item.owner, item.meeting)
