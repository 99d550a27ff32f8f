"""What changed between two Plans, as a working group would say it: typed rows, no I/O.

Activities are matched by group and number; one that is gone and one that is new are the
same activity renumbered when the new one lists the old number in ``previous_numbers``,
or, failing that, when both have the same title. Milestones are matched by title within
an activity, evaluations by year, indicators by name, budget sources by code, meetings by
file, tasks by title within a meeting. Needs analyses are matched by id, needs by id
within their analysis; a need is newly answered when a card (by reference) or a service
(by id) names it that did not before.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from kplan.plan.activity import Activity, Milestone
from kplan.plan.meeting import Meeting, Task
from kplan.plan.model import Plan
from kplan.plan.statuses import MilestoneStatus, TaskStatus
from kplan.query.change_rows import Change, ChangeKind, about
from kplan.query.changes_card import budget_changes, indicator_changes
from kplan.query.needs import answers_by_need


def compare(old: Plan, new: Plan, group: str | None = None) -> list[Change]:
    """Every change from ``old`` to ``new``, optionally of one group only."""
    found = [*_activity_changes(old, new), *_meeting_changes(old, new),
             *_needs_changes(old, new)]
    return [c for c in found if group is None or c.group == group]


# --- activities -----------------------------------------------------------------------------

def _activity_changes(old: Plan, new: Plan) -> Iterator[Change]:
    before = {a.ref: a for a in old.activities}
    after = {a.ref: a for a in new.activities}
    gone = [a for ref, a in before.items() if ref not in after]
    added = [a for ref, a in after.items() if ref not in before]
    pairs = [(before[ref], a) for ref, a in after.items() if ref in before]
    for previous, current in _renumbered(gone, added):
        gone.remove(previous)
        added.remove(current)
        pairs.append((previous, current))
        yield Change(ChangeKind.ACTIVITY_RENUMBERED, current.group, current.id, current.title,
                     before=previous.ref if previous.group != current.group else previous.id,
                     after=current.id)
    for activity in added:
        yield Change(ChangeKind.ACTIVITY_ADDED, activity.group, activity.id, activity.title)
    for activity in gone:
        yield Change(ChangeKind.ACTIVITY_REMOVED, activity.group, activity.id, activity.title)
    for previous, current in sorted(pairs, key=lambda p: p[1].ref):
        yield from _card_changes(previous, current)


def _renumbered(gone: list[Activity], added: list[Activity]) -> list[tuple[Activity, Activity]]:
    """Pairs (old, new): by ``previous_numbers`` first, then by an identical title."""
    pairs: list[tuple[Activity, Activity]] = []
    left, right = list(gone), list(added)
    for current in list(right):
        previous = next((a for a in left if a.group == current.group
                         and a.id in current.previous_numbers), None)
        if previous is not None:
            pairs.append((previous, current))
            left.remove(previous)
            right.remove(current)
    for current in list(right):
        same = [a for a in left if a.title.strip() == current.title.strip()]
        previous = next((a for a in same if a.group == current.group), same[0] if same else None)
        if previous is not None:
            pairs.append((previous, current))
            left.remove(previous)
            right.remove(current)
    return pairs


def _card_changes(old: Activity, new: Activity) -> Iterator[Change]:
    yield from _milestone_changes(old, new)
    old_years = {e.year: e for e in old.evaluations}
    for evaluation in new.evaluations:
        previous = old_years.get(evaluation.year)
        if previous is None or previous.status != evaluation.status:
            yield about(new, ChangeKind.EVALUATION, item=str(evaluation.year),
                         before=previous.status.value if previous and previous.status
                         else None,
                         after=evaluation.status.value if evaluation.status else None)
    yield from budget_changes(old, new)
    yield from indicator_changes(old, new)


def _matched(old: list[Milestone], new: list[Milestone]) -> tuple[
        list[tuple[Milestone, Milestone]], list[Milestone], list[Milestone]]:
    """Milestones paired by title (in order, for repeated titles); the rest added or gone."""
    left = list(old)
    pairs, added = [], []
    for milestone in new:
        previous = next((m for m in left if m.title.strip() == milestone.title.strip()), None)
        if previous is None:
            added.append(milestone)
        else:
            left.remove(previous)
            pairs.append((previous, milestone))
    return pairs, added, left


def _milestone_changes(old: Activity, new: Activity) -> Iterator[Change]:
    pairs, added, gone = _matched(old.milestones, new.milestones)
    for previous, current in pairs:
        if current.status != previous.status:
            if current.status is MilestoneStatus.DONE:
                yield about(new, ChangeKind.MILESTONE_DONE, item=current.title,
                             before=previous.status.value, after=current.status.value,
                             extra=current.done.isoformat() if current.done else None)
            else:
                yield about(new, ChangeKind.MILESTONE_STATUS, item=current.title,
                             before=previous.status.value, after=current.status.value)
        if current.due != previous.due:
            yield about(new, ChangeKind.MILESTONE_MOVED, item=current.title,
                         before=str(previous.due), after=str(current.due))
    for milestone in added:
        yield about(new, ChangeKind.MILESTONE_ADDED, item=milestone.title,
                     after=str(milestone.due), extra=milestone.status.value)
    for milestone in gone:
        yield about(new, ChangeKind.MILESTONE_REMOVED, item=milestone.title,
                     before=str(milestone.due))


# --- meetings and their tasks ---------------------------------------------------------------

def _meeting_name(meeting: Meeting) -> str:
    return meeting.file.rpartition("/")[2].removesuffix(".yaml")


def _meeting_changes(old: Plan, new: Plan) -> Iterator[Change]:
    before = {_meeting_name(m): m for m in old.meetings}
    for meeting in sorted(new.meetings, key=lambda m: (m.date, _meeting_name(m))):
        name = _meeting_name(meeting)
        previous = before.get(name)
        title = meeting.title or ""
        if previous is None:
            yield Change(ChangeKind.MEETING_RECORDED, meeting.group_id, name, title,
                         after=meeting.date.isoformat())
        yield from _task_changes(previous.tasks if previous else [], meeting, name, title)


def _task_changes(old: list[Task], meeting: Meeting, name: str, title: str) -> Iterator[Change]:
    left = list(old)
    for task in meeting.tasks:
        previous = next((t for t in left if t.title.strip() == task.title.strip()), None)
        if previous is not None:
            left.remove(previous)
        was_open = previous is None or previous.status is TaskStatus.OPEN
        if previous is None and task.status is TaskStatus.OPEN:
            kind: ChangeKind | None = ChangeKind.TASK_OPENED
        elif was_open and task.status is not TaskStatus.OPEN:
            kind = ChangeKind.TASK_CLOSED
        elif not was_open and task.status is TaskStatus.OPEN:
            kind = ChangeKind.TASK_OPENED
        else:
            kind = None
        if kind is not None:
            yield Change(kind, meeting.group_id, name, title, item=task.title,
                         before=previous.status.value if previous else None,
                         after=task.status.value, extra=task.owner_text)


# --- needs ---------------------------------------------------------------------------------

def _needs_changes(old: Plan, new: Plan) -> Iterator[Change]:
    before = {a.id: a for a in old.needs}
    for analysis in sorted(new.needs, key=lambda a: a.id):
        previous = before.get(analysis.id)
        group = analysis.group or ""
        if previous is None:
            yield Change(ChangeKind.NEEDS_ADDED, group, analysis.id, analysis.title,
                         after=len(analysis.needs))
            continue
        for need in analysis.needs:
            if previous.need(need.id) is None:
                yield Change(ChangeKind.NEED_ADDED, group, analysis.ref(need), need.text,
                             extra=need.kind.value)
    yield from _newly_answered(old, new)


def _newly_answered(old: Plan, new: Plan) -> Iterator[Change]:
    was = answers_by_need(old)
    now = answers_by_need(new)
    groups = {s.id: s.groups[0] if s.groups else "" for s in new.services}
    groups |= {a.ref: a.group for a in new.activities}
    for analysis in sorted(new.needs, key=lambda a: a.id):
        for need in analysis.needs:
            ref = analysis.ref(need)
            known = {(a.kind, a.ref) for a in was.get(ref, [])}
            for answer in now.get(ref, []):
                if (answer.kind, answer.ref) not in known:
                    yield Change(ChangeKind.NEED_ANSWERED, groups.get(answer.ref, ""), ref,
                                 need.text, item=answer.title, after=answer.ref,
                                 extra=answer.kind)


# --- the history of one card ----------------------------------------------------------------

def card_log(versions: Sequence[Activity | None]) -> list[tuple[int, Change]]:
    """What happened to a card's milestones, budget and indicators from one version to the
    next, as
    ``(index of the version, change)``; the first version adds its milestones (``extra``
    is their status then). Versions that did not validate (None) are passed over."""
    events: list[tuple[int, Change]] = []
    previous: Activity | None = None
    for index, card in enumerate(versions):
        if card is None:
            continue
        if previous is None:
            events += [(index, about(card, ChangeKind.MILESTONE_ADDED, item=m.title,
                                      after=str(m.due), extra=m.status.value))
                       for m in card.milestones]
        else:
            events += [(index, change) for change in _milestone_changes(previous, card)]
            events += [(index, change) for change in budget_changes(previous, card)]
            events += [(index, change) for change in indicator_changes(previous, card)]
        previous = card
    return events
