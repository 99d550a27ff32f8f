"""Which needs the plan answers: each need of ``needs/`` with the cards and services that
name it, and the gaps (a need of kind lack, want or problem that nothing answers)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from kplan.plan.activity import Activity
from kplan.plan.model import Plan
from kplan.plan.needs import GAP_KINDS, Need, NeedKind, NeedsAnalysis
from kplan.plan.service import Service
from kplan.plan.statuses import MilestoneStatus


@dataclass(frozen=True, slots=True)
class Answer:
    """A card or a service that answers a need."""

    kind: str
    """``activity`` or ``service``."""
    ref: str
    title: str
    file: str
    evaluation: tuple[int, str] | None = None
    """A card's latest evaluation: its year and status."""
    milestones: tuple[int, int] | None = None
    """A card's milestones: done, all."""


@dataclass(frozen=True, slots=True)
class NeedRow:
    analysis: str
    need: Need
    answers: tuple[Answer, ...]

    @property
    def ref(self) -> str:
        return f"{self.analysis}/{self.need.id}"

    @property
    def gap(self) -> bool:
        return self.need.kind in GAP_KINDS and not self.answers


@dataclass(frozen=True, slots=True)
class AnalysisRow:
    analysis: NeedsAnalysis
    needs: tuple[NeedRow, ...]
    """Gaps first, then the others, each in the order of the file."""

    @property
    def gaps(self) -> int:
        return sum(row.gap for row in self.needs)


@dataclass(frozen=True, slots=True)
class NeedFilters:
    group: str | None = None
    kind: NeedKind | None = None
    gaps_only: bool = False


@dataclass(frozen=True, slots=True)
class NeedsView:
    analyses: tuple[AnalysisRow, ...]
    filters: NeedFilters

    @property
    def rows(self) -> list[NeedRow]:
        return [row for analysis in self.analyses for row in analysis.needs]

    @property
    def gaps(self) -> int:
        return sum(row.gap for row in self.rows)

    @property
    def answered(self) -> int:
        return sum(bool(row.answers) for row in self.rows)


def activity_answer(activity: Activity) -> Answer:
    latest = activity.latest_evaluation()
    done = sum(m.status is MilestoneStatus.DONE for m in activity.milestones)
    evaluation = (latest.year, str(latest.status.value)) \
        if latest is not None and latest.status is not None else None
    return Answer("activity", activity.ref, activity.title, activity.file, evaluation,
                  (done, len(activity.milestones)))


def service_answer(service: Service) -> Answer:
    return Answer("service", service.id, service.name, service.file)


def answers_by_need(plan: Plan) -> dict[str, list[Answer]]:
    """What names each need reference: cards first (by reference), then services."""
    found: dict[str, list[Answer]] = defaultdict(list)
    for activity in sorted((a for a in plan.activities if a.needs), key=lambda a: a.ref):
        answer = activity_answer(plan.whole(activity))
        for ref in dict.fromkeys(activity.needs):
            found[ref].append(answer)
    for service in sorted(plan.services, key=lambda s: s.id):
        for ref in dict.fromkeys(service.needs):
            found[ref].append(service_answer(service))
    return found


def needs_view(plan: Plan, filters: NeedFilters) -> NeedsView:
    answers = answers_by_need(plan)
    mine = _group_refs(plan, filters.group) if filters.group else set()
    rows = []
    for analysis in sorted(plan.needs, key=lambda a: a.id):
        whole = filters.group is None or analysis.group == filters.group
        kept = [NeedRow(analysis.id, need, tuple(answers.get(analysis.ref(need), ())))
                for need in analysis.needs if whole or analysis.ref(need) in mine]
        kept = [r for r in kept if _wanted(r, filters)]
        if kept or (whole and not filters.gaps_only and filters.kind is None):
            rows.append(AnalysisRow(analysis, tuple(sorted(kept, key=lambda r: not r.gap))))
    return NeedsView(tuple(rows), filters)


def _wanted(row: NeedRow, filters: NeedFilters) -> bool:
    if filters.kind is not None and row.need.kind is not filters.kind:
        return False
    return row.gap or not filters.gaps_only


def _group_refs(plan: Plan, group: str) -> set[str]:
    """The needs that a group's cards and services answer."""
    refs = {ref for a in plan.activities if a.group == group for ref in a.needs}
    return refs | {ref for s in plan.services if group in s.groups for ref in s.needs}


@dataclass(frozen=True, slots=True)
class NeedCard:
    analysis: NeedsAnalysis
    row: NeedRow


def find_need(plan: Plan, query: str) -> NeedCard | None:
    """``<analysis>/<need>``, or None when the plan has no such need."""
    file, _, need_id = query.strip().partition("/")
    analysis = next((a for a in plan.needs if a.id == file), None)
    need = analysis.need(need_id) if analysis is not None else None
    if analysis is None or need is None:
        return None
    answers = tuple(answers_by_need(plan).get(analysis.ref(need), ()))
    return NeedCard(analysis, NeedRow(analysis.id, need, answers))


def need_refs(plan: Plan) -> list[str]:
    return sorted(analysis.ref(need) for analysis in plan.needs for need in analysis.needs)


def answered_needs(plan: Plan, refs: list[str]) -> list[tuple[str, Need | None]]:
    """The needs a card or service names, each with the need (None when it does not exist)."""
    analyses = {a.id: a for a in plan.needs}
    found = []
    for ref in dict.fromkeys(refs):
        file, _, need_id = ref.partition("/")
        analysis = analyses.get(file)
        found.append((ref, analysis.need(need_id) if analysis is not None else None))
    return found
