"""The rows of ``kplan changes`` and ``kplan log``: what kind of change, to what, from
what to what."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kplan.plan.activity import Activity


class ChangeKind(StrEnum):
    ACTIVITY_ADDED = "activity_added"
    ACTIVITY_REMOVED = "activity_removed"
    ACTIVITY_RENUMBERED = "activity_renumbered"
    MILESTONE_ADDED = "milestone_added"
    MILESTONE_REMOVED = "milestone_removed"
    MILESTONE_DONE = "milestone_done"
    MILESTONE_STATUS = "milestone_status"
    MILESTONE_MOVED = "milestone_moved"
    EVALUATION = "evaluation"
    BUDGET = "budget"
    BUDGET_SOURCE_ADDED = "budget_source_added"
    BUDGET_SOURCE_REMOVED = "budget_source_removed"
    BUDGET_SOURCE_CHANGED = "budget_source_changed"
    BUDGET_YEAR = "budget_year"
    BUDGET_YEAR_SOURCE = "budget_year_source"
    BUDGET_NOTE = "budget_note"
    INDICATOR_ADDED = "indicator_added"
    INDICATOR_VALUE = "indicator_value"
    INDICATOR_TARGET = "indicator_target"
    INDICATOR_BASELINE = "indicator_baseline"
    INDICATOR_DIRECTION = "indicator_direction"
    INDICATOR_CHANGE = "indicator_change"
    MEETING_RECORDED = "meeting_recorded"
    TASK_OPENED = "task_opened"
    TASK_CLOSED = "task_closed"
    NEEDS_ADDED = "needs_added"
    NEED_ADDED = "need_added"
    NEED_ANSWERED = "need_answered"


@dataclass(frozen=True, slots=True)
class Change:
    kind: ChangeKind
    group: str
    subject: str
    """The activity's number (after the change), the meeting's file name without .yaml, the
    needs analysis's id or a need's reference (``analysis/need``)."""
    title: str
    """The activity's, the meeting's or the analysis's title, or the need's text."""
    item: str | None = None
    """The milestone's or task's title, the evaluated year, an indicator's name, a budget
    source's code, or the title of what answers a need."""
    before: str | int | float | None = None
    after: str | int | float | None = None
    """Numbers, statuses, due dates as written, amounts, what answers a need (a card's
    reference, a service's id), how many needs a new analysis lists; ``None`` where there was
    none."""
    extra: str | None = None
    """The day a milestone was done, the owner of a task, the budget's period, the year
    of an indicator's value, of a baseline or of a budget's ``years`` entry, the ``change``
    of a new indicator without a computable target, a need's kind, what answers a need
    (``activity`` or ``service``)."""
    was: str | None = None
    """The budget's period, or the baseline's year, before the change (``extra`` is the one
    after)."""
    unit: str | None = None
    """An indicator's unit."""


def about(activity: Activity, kind: ChangeKind, item: str | None = None,
           before: str | int | float | None = None, after: str | int | float | None = None,
           extra: str | None = None, was: str | None = None,
           unit: str | None = None) -> Change:
    return Change(kind, activity.group, activity.id, activity.title, item, before, after, extra,
                  was, unit)
