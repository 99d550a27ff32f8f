"""What a working group asks at its meeting, as typed rows: no printing, no I/O.

Where each activity stands, what is overdue, what falls due before the next meeting,
which tasks are still open and whether the group met as often as it agreed to. The
rules of overdue and due are the model's (``Milestone.is_overdue``, ``Task.is_overdue``,
``Due.last_day``); this module only selects and counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import PurePosixPath

from kplan.plan.activity import Activity, Milestone
from kplan.plan.dates import Due
from kplan.plan.meeting import Meeting, Task
from kplan.plan.model import Plan
from kplan.plan.planfile import DEFAULT_LEVEL_NAMES, HeadingAt, PlanFile, heading_for
from kplan.plan.statuses import EvaluationStatus, MilestoneStatus, TaskStatus
from kplan.plan.unloaded import UnloadedCard
from kplan.plan.values import NumberKey, number_key, number_prefixes
from kplan.query.coverage import meetings_counted, unloaded_cards
from kplan.query.fields import responsible_people
from kplan.query.timeframe import DEFAULT_HORIZON_DAYS, Horizon, HorizonBasis, Scope, Span

_CLOSED = (MilestoneStatus.DONE, MilestoneStatus.CANCELLED)


# --- horizon ----------------------------------------------------------------------------------

def horizon(plan: Plan, scope: Scope, within: Span | None = None) -> Horizon:
    """``within`` if given; else until the group's next meeting, when the view is of one
    group (``--group``, or a plan of a single group) and its latest meeting on or before
    the day names one after it; else 90 days."""
    if within is not None:
        return Horizon(within.end(scope.as_of), HorizonBasis.WITHIN, within)
    group = scope.group or _only_group(plan)
    held = [m for m in plan.meetings if m.group_id == group and m.date <= scope.as_of]
    latest = max(held, key=lambda m: (m.date, m.file), default=None)
    if latest is not None and latest.next_meeting is not None:
        next_day = latest.next_meeting.last_day()
        if next_day > scope.as_of:
            return Horizon(next_day, HorizonBasis.NEXT_MEETING, meeting=meeting_id(latest))
    span = Span(DEFAULT_HORIZON_DAYS, "d")
    return Horizon(span.end(scope.as_of), HorizonBasis.DEFAULT, span)


def _only_group(plan: Plan) -> str | None:
    groups = known_groups(plan)
    return groups[0] if len(groups) == 1 else None


# --- names and order --------------------------------------------------------------------------

def known_groups(plan: Plan) -> list[str]:
    """Groups of plan.yaml, and of cards and meetings (when plan.yaml did not load)."""
    found = plan.group_ids() | {a.group for a in plan.activities} | \
        {m.group_id for m in plan.meetings}
    return sorted(found - {""})


def group_name(plan: Plan, group: str) -> str | None:
    found = plan.meta.group(group) if plan.meta else None
    return found.name if found else None


def meeting_id(meeting: Meeting) -> str:
    """The file name without ``.yaml``: ``2019-01-25-protidrogova-prevence``."""
    return PurePosixPath(meeting.file).stem or f"{meeting.date.isoformat()}-{meeting.group_id}"


def covers_activity(scope: Scope, activity: Activity) -> bool:
    """The view of a group shows its cards and the cards other groups share with it."""
    return any(scope.covers(group) for group in activity.all_groups)


def activity_key(activity: Activity) -> tuple[str, NumberKey]:
    return activity.group, number_key(activity.id)


def due_key(due: Due | None) -> tuple[int, date]:
    return (0, due.last_day()) if due is not None else (1, date.max)


# --- activities ---------------------------------------------------------------------------------

class ActivityState(StrEnum):
    """One word for the colour of an activity's row."""

    OVERDUE = "overdue"
    DELAYED = "delayed"
    DONE = "done"
    CANCELLED = "cancelled"
    OPEN = "open"


@dataclass(frozen=True, slots=True)
class HeadingRow:
    """A heading above a card: defined in plan.yaml, or implied by the card's number when
    its group defines no headings."""

    number: str
    title: str | None
    level: int
    """1 for a priority, 2 for a measure, 3 and 4 for the levels below."""
    level_name: str | None
    """``Priorita``, ``Opatření`` …: the plan's name of the level, None when it has none."""
    default_name: bool = False
    """The plan names no levels: the level's name is Priorita or Opatření in the reader's
    language (``level_name`` holds the Czech one)."""


@dataclass(frozen=True, slots=True)
class Placement:
    headings: tuple[HeadingRow, ...]
    """From the top level down to the card's own heading; empty: directly under its group."""

    @property
    def priority(self) -> str:
        return self.headings[0].number if self.headings else ""

    @property
    def priority_title(self) -> str | None:
        return self.headings[0].title if self.headings else None

    @property
    def measure(self) -> str:
        return self.headings[-1].number if self.headings else ""

    @property
    def measure_title(self) -> str | None:
        return self.headings[-1].title if self.headings else None

    @property
    def key(self) -> tuple[NumberKey, ...]:
        return tuple(number_key(h.number) for h in self.headings)


@dataclass(frozen=True, slots=True)
class ActivityStatus:
    ref: str
    group: str
    number: str
    title: str
    placement: Placement
    responsible: str | None
    evaluation_year: int | None
    evaluation_status: EvaluationStatus | None
    milestones: int
    """Milestones that are not cancelled."""
    done: int
    overdue: int
    next_title: str | None
    """The earliest milestone neither done nor cancelled, overdue or not."""
    next_due: Due | None
    next_overdue: bool
    state: ActivityState


def placement(plan: Plan, activity: Activity) -> Placement:
    """The headings above the activity (DATA.md, "Numbers and hierarchy"): those of
    plan.yaml where its group defines any, else those its number implies; never invented."""
    meta = plan.meta
    named = meta.level_names_of(activity.group) if meta else None
    names = DEFAULT_LEVEL_NAMES if named is None else named
    index = _heading_index(meta, activity.group)
    if index:
        found = heading_for(index, activity)
        path = [(h.number, h.title) for h in found.path] if found else []
    else:
        path = [(number, None) for number in _implied(activity)]
    return Placement(tuple(HeadingRow(number, title, level, _level_name(names, level),
                                      named is None and level <= len(names))
                           for level, (number, title) in enumerate(path, start=1)))


def _heading_index(meta: PlanFile | None, group: str) -> dict[str, HeadingAt]:
    return meta.heading_index(group) if meta is not None else {}


def _implied(activity: Activity) -> list[str]:
    """``1.2.3.A`` → ``1``, ``1.2``, ``1.2.3``; a one-part number implies no heading."""
    if not activity.measure and "." not in activity.id:
        return []
    return [*reversed(number_prefixes(activity.measure_number)), activity.measure_number]


def _level_name(names: tuple[str, ...], level: int) -> str | None:
    return names[level - 1] if level <= len(names) else None


def evaluation_as_of(activity: Activity, year: int) -> tuple[int | None,
                                                               EvaluationStatus | None]:
    """The latest evaluation of a year up to ``year``: ``(year, status)``."""
    known = [e for e in activity.evaluations if e.year <= year]
    latest = max(known, key=lambda e: e.year, default=None)
    return (latest.year, latest.status) if latest else (None, None)


def people(activity: Activity) -> str | None:
    """The card's responsible people as one text (``Jana, Petr``), or None."""
    return ", ".join(responsible_people(activity)) or None


def activity_status(plan: Plan, activity: Activity, as_of: date) -> ActivityStatus:
    counted = [m for m in activity.milestones if m.status is not MilestoneStatus.CANCELLED]
    done = sum(m.status is MilestoneStatus.DONE for m in counted)
    overdue = sum(m.is_overdue(as_of) for m in counted)
    pending = [m for m in counted if m.status not in _CLOSED]
    upcoming = min(pending, key=lambda m: m.due.last_day(), default=None)
    year, evaluation = evaluation_as_of(activity, as_of.year)
    return ActivityStatus(
        ref=activity.ref, group=activity.group, number=activity.id, title=activity.title,
        placement=placement(plan, activity), responsible=people(activity),
        evaluation_year=year, evaluation_status=evaluation,
        milestones=len(counted), done=done, overdue=overdue,
        next_title=upcoming.title if upcoming else None,
        next_due=upcoming.due if upcoming else None,
        next_overdue=upcoming.is_overdue(as_of) if upcoming else False,
        state=_state(evaluation, overdue, done, len(counted)))


def _state(evaluation: EvaluationStatus | None, overdue: int, done: int,
           total: int) -> ActivityState:
    if evaluation is EvaluationStatus.CANCELLED:
        return ActivityState.CANCELLED
    if overdue:
        return ActivityState.OVERDUE
    if evaluation is EvaluationStatus.DELAYED:
        return ActivityState.DELAYED
    if evaluation is EvaluationStatus.DONE or (total and done == total):
        return ActivityState.DONE
    return ActivityState.OPEN


def activity_statuses(plan: Plan, scope: Scope) -> list[ActivityStatus]:
    """Every activity of the scope, by group, priority, measure and number."""
    rows = [activity_status(plan, a, scope.as_of) for a in plan.activities
            if covers_activity(scope, a)]
    return sorted(rows, key=lambda r: (r.group, r.placement.key, number_key(r.number)))


# --- milestones and tasks by due day ----------------------------------------------------------

class ItemKind(StrEnum):
    MILESTONE = "milestone"
    TASK = "task"


@dataclass(frozen=True, slots=True)
class DueItem:
    """A milestone or a meeting's task with a due day."""

    kind: ItemKind
    group: str
    activity: str | None
    """The full reference of the activity it belongs to, if any."""
    title: str
    due: Due
    status: str
    owner: str | None
    """A task's owner; for a milestone, the activity's responsible person."""
    meeting: str | None
    """The meeting a task comes from (its file name without ``.yaml``)."""
    days: int
    """The due day minus the day looked at: negative when overdue, 0 when due that day."""

    @property
    def due_day(self) -> date:
        return self.due.last_day()


def overdue_items(plan: Plan, scope: Scope) -> list[DueItem]:
    """Milestones and open tasks whose due day is before the day looked at."""
    items = [_milestone_item(a, m, scope.as_of) for a, m in _milestones(plan, scope)
             if m.is_overdue(scope.as_of)]
    items += [_task_item(meeting, t, scope.as_of) for meeting, t in _tasks(plan, scope)
              if t.due is not None and t.is_overdue(scope.as_of)]
    return sorted(items, key=_item_key)


def upcoming_items(plan: Plan, scope: Scope, until: Horizon) -> list[DueItem]:
    """Not overdue, not done, cancelled or dropped, and due on or before the horizon."""
    items = [_milestone_item(a, m, scope.as_of) for a, m in _milestones(plan, scope)
             if m.status not in _CLOSED and not m.is_overdue(scope.as_of)
             and m.due.last_day() <= until.end]
    items += [_task_item(meeting, t, scope.as_of) for meeting, t in _tasks(plan, scope)
              if t.status is TaskStatus.OPEN and t.due is not None
              and not t.is_overdue(scope.as_of) and t.due.last_day() <= until.end]
    return sorted(items, key=_item_key)


def _item_key(item: DueItem) -> tuple[date, str, NumberKey, str, str]:
    number = item.activity.rpartition("/")[2] if item.activity else ""
    return item.due_day, item.group, number_key(number), item.kind.value, item.title


def _milestones(plan: Plan, scope: Scope) -> Iterator[tuple[Activity, Milestone]]:
    for activity in sorted(plan.activities, key=activity_key):
        if covers_activity(scope, activity):
            for milestone in activity.milestones:
                yield activity, milestone


def _tasks(plan: Plan, scope: Scope) -> Iterator[tuple[Meeting, Task]]:
    """Tasks of the scope's meetings held on or before the day looked at."""
    for meeting in sorted(plan.meetings, key=lambda m: (m.date, m.file)):
        if scope.covers(meeting.group_id) and meeting.date <= scope.as_of:
            for task in meeting.tasks:
                yield meeting, task


def _milestone_item(activity: Activity, milestone: Milestone, as_of: date) -> DueItem:
    return DueItem(ItemKind.MILESTONE, activity.group, activity.ref, milestone.title,
                   milestone.due, milestone.status.value, people(activity), None,
                   (milestone.due.last_day() - as_of).days)


def _task_item(meeting: Meeting, task: Task, as_of: date) -> DueItem:
    assert task.due is not None
    return DueItem(ItemKind.TASK, meeting.group_id,
                   meeting.resolve(task.activity) if task.activity else None, task.title,
                   task.due, task.status.value, task.owner_text, meeting_id(meeting),
                   (task.due.last_day() - as_of).days)


# --- tasks of meetings ------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class TaskRow:
    title: str
    owner: str | None
    due: Due | None
    status: TaskStatus
    activity: str | None
    """The full reference of the activity, a bare number resolved to the meeting's group."""
    group: str
    meeting: str
    meeting_date: date
    overdue: bool
    owners: tuple[str, ...] = ()
    """Each of the task's owners (``owner`` is them as one line)."""


def task_row(meeting: Meeting, task: Task, as_of: date) -> TaskRow:
    return TaskRow(task.title, task.owner_text, task.due, task.status,
                   meeting.resolve(task.activity) if task.activity else None, meeting.group_id,
                   meeting_id(meeting), meeting.date, task.is_overdue(as_of),
                   tuple(task.owners))


def task_row_key(row: TaskRow) -> tuple[tuple[int, date], date, str]:
    """By due day (tasks without one last), then by the meeting's date."""
    return due_key(row.due), row.meeting_date, row.meeting


def open_tasks(plan: Plan, scope: Scope) -> list[TaskRow]:
    rows = [task_row(meeting, task, scope.as_of) for meeting, task in _tasks(plan, scope)
            if task.status is TaskStatus.OPEN]
    return sorted(rows, key=task_row_key)


# --- how often groups met ---------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class MeetingShortfall:
    group: str
    year: int
    held: int
    required: int
    complete: bool
    """The year is over on the day looked at; otherwise the group can still meet."""


def meeting_shortfalls(plan: Plan, scope: Scope) -> list[MeetingShortfall]:
    """Years of the plan period up to the day looked at in which a group with
    ``min_meetings_per_year`` met fewer times (counting meetings up to that day)."""
    if plan.meta is None:
        return []
    years = [y for y in plan.meta.period.years() if y <= scope.as_of.year]
    met = Counter((m.group_id, m.date.year) for m in plan.meetings if m.date <= scope.as_of)
    rows = []
    for group in plan.meta.groups:
        required = group.min_meetings_per_year
        if not required or not scope.covers(group.id):
            continue
        for year in years:
            held = met[group.id, year]
            if held < required:
                rows.append(MeetingShortfall(group.id, year, held, required,
                                             year < scope.as_of.year))
    return rows


# --- the whole view ---------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Totals:
    activities: int
    milestones: int
    """Milestones that are not cancelled."""
    milestones_done: int
    milestones_overdue: int
    milestones_upcoming: int
    open_tasks: int
    overdue_tasks: int


@dataclass(frozen=True, slots=True)
class Status:
    title: str | None
    scope: Scope
    horizon: Horizon
    totals: Totals
    activities: list[ActivityStatus]
    overdue: list[DueItem]
    upcoming: list[DueItem]
    open_tasks: list[TaskRow]
    shortfalls: list[MeetingShortfall]
    unloaded: list[UnloadedCard]
    """Cards of the scope whose file did not load: shown with their first error."""
    met_counted: bool
    """Some group of the scope agreed how often to meet and has meetings to count."""


def status(plan: Plan, scope: Scope, within: Span | None = None) -> Status:
    until = horizon(plan, scope, within)
    activities = activity_statuses(plan, scope)
    overdue = overdue_items(plan, scope)
    upcoming = upcoming_items(plan, scope, until)
    tasks = open_tasks(plan, scope)
    totals = Totals(
        activities=len(activities), milestones=sum(a.milestones for a in activities),
        milestones_done=sum(a.done for a in activities),
        milestones_overdue=sum(a.overdue for a in activities),
        milestones_upcoming=sum(i.kind is ItemKind.MILESTONE for i in upcoming),
        open_tasks=len(tasks), overdue_tasks=sum(t.overdue for t in tasks))
    return Status(plan.meta.title if plan.meta else None, scope, until, totals, activities,
                  overdue, upcoming, tasks, meeting_shortfalls(plan, scope),
                  unloaded_cards(plan, scope), meetings_counted(plan, scope))
