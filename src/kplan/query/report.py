"""The yearly evaluation of the plan as typed data: what was planned and done in a year.

``report_data(plan, year, as_of)`` turns the plan into frozen dataclasses that the report
templates read (documented field by field in docs/report.md); ``render.context`` adds the
charts and the words in the report's language. Values stay values (dates, ``Due``,
amounts, coded statuses); templates format them with the filters of ``render``, which
call the same helpers as ``kplan status``.

Decisions (docs/decisions.md): a year's planned money is ``budget.amount`` when ``per`` is
``year`` and the amount divided evenly over the plan's years when it is ``total``; cards
name their sources without a split, so money "by source" sums the activities that name a
source; only contacts marked ``public`` reach the context at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import groupby

from kplan.plan.activity import Activity, Milestone
from kplan.plan.dates import Due
from kplan.plan.meeting import Meeting
from kplan.plan.model import Plan
from kplan.plan.statuses import EvaluationStatus, MilestoneStatus
from kplan.plan.unloaded import UnloadedCard
from kplan.plan.values import number_key
from kplan.query.activities import HeadingRow, Placement, people, placement
from kplan.query.money import (
    NO_SOURCE,
    UNSPLIT,
    Buckets,
    known_sum,
    planned_buckets,
    planned_total,
    spent_buckets,
    spent_total,
)
from kplan.query.report_services import ServiceEntry, service_entry
from kplan.query.status import known_groups, meeting_id
from kplan.query.yearly import (
    AmendmentEntry,
    CarryOver,
    HeadingShare,
    SourceMoney,
    amendments,
    carry_over,
    heading_shares,
    money_rows,
    share,
    unloaded_in,
)

NOT_EVALUATED = "none"
OUTCOMES = ("done", "late", "postponed", "cancelled", "open")
STATUS_ORDER = (*(s.value for s in EvaluationStatus), NOT_EVALUATED)



@dataclass(frozen=True, slots=True)
class PlanInfo:
    title: str
    area: str | None
    period_start: int | None
    period_end: int | None
    currency: str


@dataclass(frozen=True, slots=True)
class StatusCount:
    status: str
    """An evaluation status (``done``, ``on_track`` …) or ``none`` for no evaluation."""
    count: int
    share: float | None = None
    """Of all the year's activities, in per cent to one decimal."""


@dataclass(frozen=True, slots=True)
class MilestoneCounts:
    total: int
    done: int
    late: int
    postponed: int
    cancelled: int
    open: int


@dataclass(frozen=True, slots=True)
class MeetingCount:
    group: str
    group_name: str
    held: int
    required: int | None


@dataclass(frozen=True, slots=True)
class Summary:
    activities: int
    by_status: tuple[StatusCount, ...]
    milestones: MilestoneCounts
    planned: float | None
    """None when no card says how much is planned for the year: not the same as 0 Kč."""
    spent: float | None
    """None when no evaluation for the year says what was spent: not the same as 0 Kč."""
    sources: tuple[SourceMoney, ...]
    meetings: tuple[MeetingCount, ...]
    meetings_held: int
    meetings_required: int
    headings: tuple[HeadingShare, ...] = ()
    """The evaluation states of headings that carry evaluations, in per cent."""
    carry_over: tuple[CarryOver, ...] = ()
    """In the period's last year: what is neither done nor cancelled."""
    amendments: tuple[AmendmentEntry, ...] = ()
    unloaded: int = 0
    """Cards whose file did not load (each group lists its own)."""


@dataclass(frozen=True, slots=True)
class MilestoneLine:
    title: str
    due: Due
    status: str
    done: date | None
    note: str | None
    outcome: str
    """How it stands for the report: done, late, postponed, cancelled or open (not yet due)."""


@dataclass(frozen=True, slots=True)
class IndicatorLine:
    name: str
    unit: str | None
    target: float | None
    value: float | None


@dataclass(frozen=True, slots=True)
class ActivityEntry:
    ref: str
    number: str
    title: str
    responsible: str | None
    implementers: tuple[str, ...]
    status: str
    """The evaluation status of the year, or ``none``."""
    evaluated: bool
    comment: str | None
    planned: float | None
    budget_amount: int | None
    budget_per: str | None
    sources: tuple[str, ...]
    spent: float | None
    milestones: tuple[MilestoneLine, ...]
    indicators: tuple[IndicatorLine, ...]
    split: tuple[tuple[str, float | None], ...] = ()
    """The year's planned money by source, when the card splits it (``sources`` a mapping)."""


@dataclass(frozen=True, slots=True)
class MeasureSection:
    number: str
    """The card's own heading below its priority; ``""``: the cards sit under the priority."""
    title: str | None
    activities: tuple[ActivityEntry, ...]
    label: str | None = None
    """``Cíl 1.1 / Opatření 1.1.1`` where the plan names its levels or has more than two;
    None: the template's word for a measure and the number."""


@dataclass(frozen=True, slots=True)
class PrioritySection:
    number: str
    """``""``: cards that sit directly under their group, with no heading above them."""
    title: str | None
    measures: tuple[MeasureSection, ...]
    label: str | None = None
    """``Cíl 7`` where the plan names its levels; None: the template's word and the number."""


@dataclass(frozen=True, slots=True)
class DecisionEntry:
    text: str
    resolution: str | None = None
    """The resolution's number as the minutes write it (``usnesení RM č. 12/2022``)."""
    amount: int | None = None
    money: bool = False
    """The minutes give the decision an ``amount``: when it is None it is not known
    (``money`` says "neuvedeno"), never 0."""

    def __str__(self) -> str:
        return self.text


def decision_entries(meeting: Meeting) -> tuple[DecisionEntry, ...]:
    """The meeting's decisions, a text alone or with its resolution and money."""
    return tuple(DecisionEntry(d) if isinstance(d, str) else
                 DecisionEntry(d.text, d.resolution, d.amount, "amount" in d.model_fields_set)
                 for d in meeting.decisions)


@dataclass(frozen=True, slots=True)
class MeetingEntry:
    id: str
    date: date
    time: str | None
    group: str
    kind: str
    title: str | None
    place: str | None
    decisions: tuple[DecisionEntry, ...]
    """Each shown by itself is its text."""
    tasks: int


@dataclass(frozen=True, slots=True)
class GroupSection:
    id: str
    name: str
    coordinator: str | None
    activities: int
    priorities: tuple[PrioritySection, ...]
    services: tuple[ServiceEntry, ...]
    meetings: tuple[MeetingEntry, ...]
    meetings_required: int | None
    unloaded: tuple[UnloadedCard, ...] = ()
    """The group's cards whose file did not load: number, file and first error."""


@dataclass(frozen=True, slots=True)
class ReportData:
    """The report's data of a year; ``render.context.Report`` adds charts and words."""

    year: int
    generated: date
    year_complete: bool
    plan: PlanInfo
    summary: Summary
    groups: tuple[GroupSection, ...]
    other_services: tuple[ServiceEntry, ...]


# --- building it --------------------------------------------------------------------------------

def report_data(plan: Plan, year: int, as_of: date) -> ReportData:
    """The report of ``year`` as on ``as_of`` (what is late, which meetings were held)."""
    meta = plan.meta
    info = PlanInfo(meta.title if meta else "", meta.area if meta else None,
                    meta.period.start if meta else None, meta.period.end if meta else None,
                    meta.currency if meta else "CZK")
    period = meta.period.years() if meta else None
    entries: dict[str, ActivityEntry] = {}
    placements: dict[str, Placement] = {}
    planned: list[Buckets] = []
    spent: list[Buckets] = []
    for card in plan.activities:  # each card's whole model read once
        whole = plan.whole(card)
        entries[whole.ref] = activity_entry(whole, year, as_of, period, info)
        placements[whole.ref] = placement(plan, whole)
        planned.append(planned_buckets(whole, year, period))
        spent.append(spent_buckets(whole, year, period))
    groups = tuple(_group(plan, g, entries, placements, year, as_of)
                   for g in _group_order(plan))
    grouped = {g.id for g in groups}
    others = tuple(service_entry(s) for s in sorted(plan.services, key=lambda s: s.id)
                   if not grouped & set(s.groups))
    funding = (meta.funding_sources if meta else None) or {}
    summary = _summary(plan, list(entries.values()), groups, year,
                       money_rows(funding, planned, spent))
    return ReportData(year, as_of, as_of > date(year, 12, 31), info, summary, groups, others)


def _group_order(plan: Plan) -> list[str]:
    """The groups in plan.yaml's order, then those only cards or meetings name."""
    listed = [g.id for g in plan.meta.groups] if plan.meta else []
    whole = [""] if any(not a.group for a in plan.activities) or \
        any(m.group is None for m in plan.meetings) or \
        any(not c.group for c in plan.unloaded) else []
    named = known_groups(plan)
    known = named + sorted({c.group for c in plan.unloaded if c.group} - set(named))
    return whole + listed + [g for g in known if g not in listed and g]


def outcome(milestone: Milestone, as_of: date) -> str:
    if milestone.status is MilestoneStatus.DONE:
        return "done"
    if milestone.status is MilestoneStatus.CANCELLED:
        return "cancelled"
    if milestone.status is MilestoneStatus.POSTPONED:
        return "postponed"
    return "late" if milestone.is_overdue(as_of) else "open"


def _in_year(milestone: Milestone, year: int) -> bool:
    return milestone.due.in_year(year) or (milestone.done is not None
                                          and milestone.done.year == year)


def activity_entry(activity: Activity, year: int, as_of: date, period: range | None,
                   info: PlanInfo) -> ActivityEntry:
    evaluation = activity.evaluation(year)
    budget = activity.budget
    lines = tuple(MilestoneLine(m.title, m.due, m.status.value, m.done, m.note, outcome(m, as_of))
                  for m in sorted(activity.milestones, key=lambda m: m.due.last_day())
                  if _in_year(m, year))
    indicators = tuple(IndicatorLine(i.name, i.unit, i.target, i.values.get(year))
                       for i in activity.indicators)
    return ActivityEntry(
        ref=activity.ref, number=activity.id, title=activity.title,
        responsible=people(activity), implementers=tuple(activity.implementers),
        status=evaluation.status.value if evaluation and evaluation.status else NOT_EVALUATED,
        evaluated=evaluation is not None, comment=evaluation.comment if evaluation else None,
        planned=planned_total(activity, year, period),
        budget_amount=budget.amount if budget else None,
        budget_per=budget.per.value if budget else None,
        sources=tuple(budget.source_names()) if budget else (),
        spent=spent_total(activity, year), milestones=lines,
        indicators=indicators, split=_split(activity, year, period))


def _split(activity: Activity, year: int,
           period: range | None) -> tuple[tuple[str, float | None], ...]:
    """The year's money by source when the card splits it; () when it does not."""
    buckets = planned_buckets(activity, year, period)
    named = [(code, amount) for code, amount in buckets.items()
             if code not in (UNSPLIT, NO_SOURCE)]
    return tuple(named) if len(named) > 1 else ()


def meeting_entry(meeting: Meeting) -> MeetingEntry:
    return MeetingEntry(meeting_id(meeting), meeting.date, meeting.time, meeting.group_id,
                        meeting.kind.value, meeting.title, meeting.place,
                        decision_entries(meeting), len(meeting.tasks))


def _measure_section(below: tuple[HeadingRow, ...],
                     activities: tuple[ActivityEntry, ...]) -> MeasureSection:
    if not below:
        return MeasureSection("", None, activities)
    return MeasureSection(below[-1].number, below[-1].title, activities, _label(below))


def _label(headings: tuple[HeadingRow, ...]) -> str | None:
    """None for one heading at a level of default name (the template names it)."""
    if len(headings) == 1 and headings[0].default_name:
        return None
    return " / ".join(_heading_label(h) for h in headings)


def _heading_label(heading: HeadingRow) -> str:
    return f"{heading.level_name} {heading.number}" if heading.level_name else heading.number


def _group(plan: Plan, group_id: str, entries: dict[str, ActivityEntry],
           placements: dict[str, Placement], year: int, as_of: date) -> GroupSection:
    """A group's section; ``""``: the cards and meetings of the plan as a whole."""
    known = plan.meta.group(group_id) if plan.meta else None
    activities = [a for a in plan.activities if group_id in a.all_groups]
    placed = sorted(((placements[a.ref], entries[a.ref]) for a in activities),
                    key=lambda p: (p[0].key, number_key(p[1].number)))
    priorities = []
    for top, in_priority in groupby(placed, lambda p: p[0].headings[:1]):
        measures = tuple(_measure_section(below, tuple(p[1] for p in rows)) for below, rows
                         in groupby(in_priority, lambda p: p[0].headings[1:]))
        priorities.append(PrioritySection(top[0].number, top[0].title, measures,
                                          _label(top)) if top else
                          PrioritySection("", None, measures))
    services = tuple(service_entry(s) for s in sorted(plan.services, key=lambda s: s.id)
                     if group_id in s.groups)
    meetings = tuple(meeting_entry(m) for m in sorted(plan.meetings,
                                                      key=lambda m: (m.date, m.file))
                     if m.group_id == group_id and m.date.year == year and m.date <= as_of)
    # the plan as a whole has no name here: the report names it in its language
    return GroupSection(group_id, known.name if known else group_id,
                        known.coordinator if known else None, len(activities),
                        tuple(priorities), services, meetings,
                        known.min_meetings_per_year if known else None,
                        unloaded_in(plan, group_id))


def _summary(plan: Plan, entries: list[ActivityEntry], groups: tuple[GroupSection, ...],
             year: int, sources: tuple[SourceMoney, ...]) -> Summary:
    """``sources``: the year's money by source (``query.money``), rows that never overlap."""
    counts_of = [(s, sum(e.status == s for e in entries)) for s in STATUS_ORDER]
    by_status = tuple(StatusCount(s, n, share(n, len(entries))) for s, n in counts_of)
    due = [m for e in entries for m in e.milestones]
    counts = MilestoneCounts(len(due), *(sum(m.outcome == o for m in due) for o in OUTCOMES))
    meetings = tuple(MeetingCount(g.id, g.name, len(g.meetings), g.meetings_required)
                     for g in groups)
    return Summary(
        activities=len(entries), by_status=by_status, milestones=counts,
        planned=known_sum(e.planned for e in entries), spent=known_sum(e.spent for e in entries),
        sources=sources, meetings=meetings,
        meetings_held=sum(m.held for m in meetings),
        meetings_required=sum(m.required or 0 for m in meetings),
        headings=heading_shares(plan, year, STATUS_ORDER),
        carry_over=carry_over(plan, year, NOT_EVALUATED),
        amendments=amendments(plan, year), unloaded=len(plan.unloaded))
