"""Where each activity stands, as typed rows: its headings, its progress, its next step.

``kplan.query.status`` puts them together into the meeting's view.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from kplan.pickled import Tupled
from kplan.plan.activity import Activity
from kplan.plan.dates import Due
from kplan.plan.model import Plan
from kplan.plan.planfile import DEFAULT_LEVEL_NAMES, HeadingAt, PlanFile, heading_for
from kplan.plan.statuses import EvaluationStatus, MilestoneStatus
from kplan.plan.values import NumberKey, number_key, number_prefixes
from kplan.query.fields import responsible_people

CLOSED = (MilestoneStatus.DONE, MilestoneStatus.CANCELLED)


class ActivityState(StrEnum):
    """One word for the colour of an activity's row."""

    OVERDUE = "overdue"
    DELAYED = "delayed"
    DONE = "done"
    CANCELLED = "cancelled"
    OPEN = "open"


@dataclass(frozen=True, slots=True)
class HeadingRow(Tupled):
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
class Placement(Tupled):
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
class ActivityStatus(Tupled):
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
    pending = [m for m in counted if m.status not in CLOSED]
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
