"""What a working group asks at its meeting, as typed rows: no printing, no I/O.

Where each activity stands, what is overdue, what falls due before the next meeting,
which tasks are still open and whether the group met as often as it agreed to. The
rules of overdue and due are the model's (``Milestone.is_overdue``, ``Task.is_overdue``,
``Due.last_day``); this module only selects and counts.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import PurePosixPath
from typing import NamedTuple

from kplan.pickled import Tupled
from kplan.plan.activity import Activity, Milestone
from kplan.plan.dates import Due
from kplan.plan.meeting import Meeting, Task
from kplan.plan.model import Plan
from kplan.plan.statuses import TaskStatus
from kplan.plan.unloaded import UnloadedCard
from kplan.plan.values import NumberKey, number_key
from kplan.query.activities import CLOSED, ActivityStatus, activity_status, people
from kplan.query.coverage import meetings_counted, unloaded_cards
from kplan.query.timeframe import DEFAULT_HORIZON_DAYS, Horizon, HorizonBasis, Scope, Span

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


def activity_statuses(plan: Plan, scope: Scope) -> list[ActivityStatus]:
    """Every activity of the scope, by group, priority, measure and number."""
    return _statuses(_cards(plan, scope))


def _statuses(cards: Iterable[CardRows]) -> list[ActivityStatus]:
    return [card.status for card in sorted(cards, key=lambda c: c.key)]


# --- milestones and tasks by due day ----------------------------------------------------------

class ItemKind(StrEnum):
    MILESTONE = "milestone"
    TASK = "task"


@dataclass(frozen=True, slots=True)
class DueItem(Tupled):
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


@dataclass(frozen=True, slots=True)
class DueMilestone(Tupled):
    item: DueItem
    overdue: bool
    closed: bool
    """Done or cancelled."""


@dataclass(frozen=True, slots=True)
class CardRows(Tupled):
    """What the status view needs of one card on one day, made once (and kept in the
    cache beside the card while it and plan.yaml stay the same)."""

    status: ActivityStatus
    groups: tuple[str, ...]
    """The groups whose view shows the card."""
    order: tuple[str, NumberKey]
    """``activity_key``: the order of milestones of the same day."""
    key: tuple[str, tuple[NumberKey, ...], NumberKey]
    """The order of the activities' rows: by group, headings and number."""
    milestones: tuple[DueMilestone, ...]


class CardSummary(NamedTuple):
    """What the totals and the parts of the status view need of a card, without its rows."""

    milestones: int
    done: int
    overdue: int
    open_days: tuple[int, ...]
    """The due days (ordinals) of its milestones neither closed nor overdue."""


def card_summary(card: CardRows) -> CardSummary:
    row = card.status
    return CardSummary(row.milestones, row.done, row.overdue,
                       tuple(m.item.due_day.toordinal() for m in card.milestones
                             if not m.closed and not m.overdue))


def card_rows(plan: Plan, activity: Activity, as_of: date) -> CardRows:
    """Of the plan, only plan.yaml (``meta``) is read: a worker process of a cold read
    makes the rows with a plan of plan.yaml alone (``kplan.load.worker.Aside``)."""
    row = activity_status(plan, activity, as_of)
    milestones = tuple(DueMilestone(_milestone_item(activity, m, as_of), m.is_overdue(as_of),
                                    m.status in CLOSED) for m in activity.milestones)
    return CardRows(row, activity.all_groups, activity_key(activity),
                    (row.group, row.placement.key, number_key(row.number)), milestones)


Rows = Callable[[Activity], CardRows]
"""Where a view gets a card's rows: made from the card, or remembered."""


def _cards(plan: Plan, scope: Scope, rows: Rows | None = None) -> list[CardRows]:
    """The rows of the scope's cards, in the plan's order."""
    made = rows or (lambda activity: card_rows(plan, plan.whole(activity), scope.as_of))
    return [made(a) for a in plan.activities if covers_activity(scope, a)]


def _milestones(cards: Iterable[CardRows]) -> Iterator[DueMilestone]:
    for card in sorted(cards, key=lambda c: c.order):
        yield from card.milestones


def overdue_items(plan: Plan, scope: Scope,
                  cards: Iterable[CardRows] | None = None) -> list[DueItem]:
    """Milestones and open tasks whose due day is before the day looked at."""
    found = _cards(plan, scope) if cards is None else cards
    return due_items(found, overdue_tasks(plan, scope), None)


def overdue_tasks(plan: Plan, scope: Scope) -> list[DueItem]:
    return [_task_item(meeting, t, scope.as_of) for meeting, t in _tasks(plan, scope)
            if t.due is not None and t.is_overdue(scope.as_of)]


def due_items(cards: Iterable[CardRows], tasks: list[DueItem],
              until: Horizon | None) -> list[DueItem]:
    """The cards' milestones that are overdue (``until`` None) or fall due by ``until``,
    with the tasks, by due day."""
    if until is None:
        items = [m.item for m in _milestones(cards) if m.overdue]
    else:
        items = [m.item for m in _milestones(cards)
                 if not m.closed and not m.overdue and m.item.due_day <= until.end]
    return sorted(items + tasks, key=_item_key)


def upcoming_items(plan: Plan, scope: Scope, until: Horizon,
                   cards: Iterable[CardRows] | None = None) -> list[DueItem]:
    """Not overdue, not done, cancelled or dropped, and due on or before the horizon."""
    found = _cards(plan, scope) if cards is None else cards
    return due_items(found, upcoming_tasks(plan, scope, until), until)


def upcoming_tasks(plan: Plan, scope: Scope, until: Horizon) -> list[DueItem]:
    return [_task_item(meeting, t, scope.as_of) for meeting, t in _tasks(plan, scope)
            if t.status is TaskStatus.OPEN and t.due is not None
            and not t.is_overdue(scope.as_of) and t.due.last_day() <= until.end]


def _item_key(item: DueItem) -> tuple[date, str, NumberKey, str, str]:
    number = item.activity.rpartition("/")[2] if item.activity else ""
    return item.due_day, item.group, number_key(number), item.kind.value, item.title


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


def status(plan: Plan, scope: Scope, within: Span | None = None,
           rows: Rows | None = None) -> Status:
    """The view; with ``rows``, each card's rows come from there."""
    until = horizon(plan, scope, within)
    cards = _cards(plan, scope, rows)
    frame = status_frame(plan, scope, until, [card_summary(c) for c in cards])
    return dataclasses.replace(frame, activities=_statuses(cards),
                               overdue=overdue_items(plan, scope, cards),
                               upcoming=upcoming_items(plan, scope, until, cards))


def status_frame(plan: Plan, scope: Scope, until: Horizon,
                 cards: Sequence[CardSummary]) -> Status:
    """The view with its totals but without its lists of activities and due items."""
    tasks = open_tasks(plan, scope)
    end = until.end.toordinal()
    upcoming = sum(day <= end for card in cards for day in card.open_days)
    totals = Totals(
        activities=len(cards), milestones=sum(c.milestones for c in cards),
        milestones_done=sum(c.done for c in cards),
        milestones_overdue=sum(c.overdue for c in cards), milestones_upcoming=upcoming,
        open_tasks=len(tasks), overdue_tasks=sum(t.overdue for t in tasks))
    return Status(plan.meta.title if plan.meta else None, scope, until, totals, [], [], [],
                  tasks, meeting_shortfalls(plan, scope), unloaded_cards(plan, scope),
                  meetings_counted(plan, scope))
