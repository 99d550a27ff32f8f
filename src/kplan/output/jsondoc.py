"""The JSON documents of `kplan status`, `overdue`, `upcoming`, `show` and `list`.

Language-neutral (coded values, ISO dates, no labels) and versioned: keys are never
renamed or removed within a ``version``; new keys may be added. docs/json.md
describes every document.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from kplan.plan.activity import Activity
from kplan.plan.dates import Due
from kplan.plan.meeting import Meeting
from kplan.plan.service import Service
from kplan.plan.unloaded import UnloadedCard
from kplan.query.activities import ActivityStatus
from kplan.query.catalog import ActivityCard, Filters, ListKind, MeetingCard, ServiceCard
from kplan.query.status import (
    DueItem,
    MeetingShortfall,
    Status,
    TaskRow,
    meeting_id,
)
from kplan.query.timeframe import Horizon, Scope

VERSION = 1
Json = dict[str, Any]


def _due(due: Due | None) -> Json:
    return {"due": str(due) if due else None,
            "due_day": due.last_day().isoformat() if due and not due.is_ongoing else None}


def _envelope(command: str, scope: Scope | None = None, **rest: Any) -> Json:
    head: Json = {"version": VERSION, "command": command}
    if scope is not None:
        head |= {"as_of": scope.as_of.isoformat(), "group": scope.group}
    return head | rest


def horizon_json(until: Horizon) -> Json:
    return {"end": until.end.isoformat(), "basis": until.basis.value,
            "within": str(until.span) if until.span else None, "meeting": until.meeting}


def activity_json(row: ActivityStatus) -> Json:
    place = row.placement
    return {
        "ref": row.ref, "group": row.group, "number": row.number, "title": row.title,
        "priority": {"number": place.priority, "title": place.priority_title},
        "measure": {"number": place.measure, "title": place.measure_title},
        "responsible": row.responsible,
        "evaluation": None if row.evaluation_status is None else
        {"year": row.evaluation_year, "status": row.evaluation_status.value},
        "milestones": {"total": row.milestones, "done": row.done, "overdue": row.overdue},
        "next_milestone": None if row.next_due is None else
        {"title": row.next_title, **_due(row.next_due), "overdue": row.next_overdue},
        "state": row.state.value,
    }


def item_json(item: DueItem) -> Json:
    return {"kind": item.kind.value, "group": item.group, "activity": item.activity,
            "title": item.title, **_due(item.due), "status": item.status, "owner": item.owner,
            "meeting": item.meeting, "days": item.days}


def task_json(task: TaskRow) -> Json:
    return {"title": task.title, "owner": task.owner, **_due(task.due),
            "status": task.status.value, "activity": task.activity, "group": task.group,
            "meeting": task.meeting, "meeting_date": task.meeting_date.isoformat(),
            "overdue": task.overdue}


def shortfall_json(row: MeetingShortfall) -> Json:
    return {"group": row.group, "year": row.year, "held": row.held, "required": row.required,
            "complete": row.complete}


def status_json(view: Status) -> Json:
    totals = view.totals
    return _envelope(
        "status", view.scope, plan=view.title, horizon=horizon_json(view.horizon),
        totals={"activities": totals.activities, "milestones": totals.milestones,
                "milestones_done": totals.milestones_done,
                "milestones_overdue": totals.milestones_overdue,
                "milestones_upcoming": totals.milestones_upcoming,
                "open_tasks": totals.open_tasks, "overdue_tasks": totals.overdue_tasks},
        activities=[activity_json(a) for a in view.activities],
        overdue=[item_json(i) for i in view.overdue],
        upcoming=[item_json(i) for i in view.upcoming],
        open_tasks=[task_json(t) for t in view.open_tasks],
        meetings_short=[shortfall_json(s) for s in view.shortfalls],
        unloaded=[unloaded_json(c) for c in view.unloaded])


def unloaded_json(card: UnloadedCard) -> Json:
    error = card.error
    return {"ref": card.ref, "group": card.group, "number": card.number, "file": card.file,
            "error": None if error is None else
            {"line": error.line, "column": error.column, "code": error.code}}


def overdue_json(items: Sequence[DueItem], scope: Scope) -> Json:
    return _envelope("overdue", scope, items=[item_json(i) for i in items])


def upcoming_json(items: Sequence[DueItem], scope: Scope, until: Horizon) -> Json:
    return _envelope("upcoming", scope, horizon=horizon_json(until),
                     items=[item_json(i) for i in items])


# --- list and show ---------------------------------------------------------------------------

def service_json(service: Service) -> Json:
    """The service as in its file, with only the contacts marked ``public: true``."""
    data = service.model_dump(mode="json")
    data["contacts"] = [c for c in data["contacts"] if c["public"]]
    return {"paragraph": service.kind.paragraph, **data}


def meeting_summary(meeting: Meeting) -> Json:
    return {"id": meeting_id(meeting), "file": meeting.file, "date": meeting.date.isoformat(),
            "group": meeting.group, "kind": meeting.kind.value, "title": meeting.title,
            "activities": [meeting.resolve(r) for r in meeting.activities],
            "tasks": {"total": len(meeting.tasks),
                      "open": sum(t.status.value == "open" for t in meeting.tasks)}}


def service_summary(service: Service) -> Json:
    return {"id": service.id, "name": service.name, "provider": service.provider.name,
            "kind": service.kind.value, "paragraph": service.kind.paragraph,
            "groups": service.groups, "file": service.file}


def list_json(kind: ListKind, items: Sequence[Any], filters: Filters, as_of: date) -> Json:
    dumps: dict[ListKind, Callable[[Any], Json]] = {
        ListKind.ACTIVITIES: activity_json, ListKind.TASKS: task_json,
        ListKind.SERVICES: service_summary, ListKind.MEETINGS: meeting_summary}
    dump = dumps[kind]
    return _envelope("list", as_of=as_of.isoformat(), kind=kind.value, filters=filters.given(),
                     items=[dump(item) for item in items])


def activity_card_json(card: ActivityCard) -> Json:
    activity: Activity = card.activity
    data = activity.model_dump(mode="json")
    for milestone, dumped in zip(activity.milestones, data["milestones"], strict=True):
        dumped["due_day"] = None if milestone.due.is_ongoing else \
            milestone.due.last_day().isoformat()
        dumped["overdue"] = milestone.is_overdue(card.as_of)
    return _envelope("show", as_of=card.as_of.isoformat(), kind="activity", item={
        "ref": activity.ref, "group": activity.group, "file": activity.file, **data,
        "status": activity_json(card.status),
        "meetings": [meeting_summary(m) for m in card.meetings],
        "tasks": [task_json(t) for t in card.tasks]})


def unloaded_card_json(card: UnloadedCard) -> Json:
    return _envelope("show", kind="unloaded", item=unloaded_json(card))


def service_card_json(card: ServiceCard) -> Json:
    return _envelope("show", kind="service", item={
        **service_json(card.service), "file": card.service.file,
        "activities": [a.ref for a in card.activities]})


def meeting_card_json(card: MeetingCard, as_of: date) -> Json:
    data = card.meeting.model_dump(mode="json")
    data["tasks"] = [task_json(t) for t in card.tasks]
    data["activities"] = [{"ref": ref, "title": title} for ref, title in card.activities]
    return _envelope("show", as_of=as_of.isoformat(), kind="meeting", item={
        "id": card.id, "file": card.meeting.file, **data})
