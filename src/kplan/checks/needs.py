"""Needs analyses: their names, and the references of cards, services and meetings to them.

A gap (a need that nothing answers) is no diagnostic: a plan being drafted has many, and
``kplan needs --gaps`` and the yearly report show them (docs/decisions.md, "Needs").
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from kplan.checks.context import CheckContext, group_suggestion, suggest
from kplan.diagnostics import Diagnostic
from kplan.diagnostics.codes import diag
from kplan.plan.activity import Activity
from kplan.plan.model import Plan
from kplan.plan.service import Service


def check_needs_analyses(ctx: CheckContext) -> Iterator[Diagnostic]:
    """An analysis's file name is its id, its needs' ids are unique, its group exists."""
    groups = ctx.plan.group_ids() if ctx.plan.meta is not None else None
    for analysis in ctx.plan.needs:
        stem = PurePosixPath(analysis.file).stem
        if stem != analysis.id:
            yield diag(analysis.file, "KP210", ("id",), name=f"{stem}.yaml",
                       expected=f"{analysis.id}.yaml",
                       what={"cs": f"identifikátor analýzy je „{analysis.id}“",
                             "en": f"the analysis id is '{analysis.id}'"})
        first: dict[str, int] = {}
        for index, need in enumerate(analysis.needs):
            if need.id in first:
                yield diag(analysis.file, "KP225", ("needs", index, "id"), need=need.id,
                           first=first[need.id] + 1)
            first.setdefault(need.id, index)
        if groups is not None and analysis.group is not None and analysis.group not in groups:
            yield diag(analysis.file, "KP302", ("group",), group=analysis.group,
                       suggestion=group_suggestion(analysis.group, groups))


def check_need_references(ctx: CheckContext) -> Iterator[Diagnostic]:
    """The needs that cards and services name exist; an analysis that does not load
    counts as existing, so that its own errors are all that is shown."""
    known = known_need_refs(ctx.plan)
    broken = ctx.plan.present_needs_ids - {a.id for a in ctx.plan.needs}
    documents: list[Activity | Service] = [*ctx.plan.activities, *ctx.plan.services]
    for document in documents:
        seen: dict[str, int] = {}
        for index, ref in enumerate(document.needs):
            if ref in seen:
                yield diag(document.file, "KP212", ("needs", index), key=ref,
                           first=seen[ref] + 1, what={"cs": "Potřeba", "en": "The need"})
            seen.setdefault(ref, index)
            if ref not in known and ref.partition("/")[0] not in broken:
                yield diag(document.file, "KP313", ("needs", index), ref=ref,
                           suggestion=_need_suggestion(ref, known))


def _need_suggestion(ref: str, known: set[str]) -> dict[str, str]:
    analysis = ref.partition("/")[0]
    same = {r for r in known if r.startswith(f"{analysis}/")} or known
    return suggest(ref, same, "potřeby plánu", "the plan's needs")


def known_need_refs(plan: Plan) -> set[str]:
    return {analysis.ref(need) for analysis in plan.needs for need in analysis.needs}


def check_needs_meetings(ctx: CheckContext) -> Iterator[Diagnostic]:
    """A meeting's ``needs`` name analyses of the plan, an analysis's ``meeting`` a meeting."""
    analyses = ctx.plan.present_needs_ids
    for meeting in ctx.plan.meetings:
        for index, analysis in enumerate(meeting.needs):
            if analysis not in analyses:
                yield diag(meeting.file, "KP314", ("needs", index), analysis=analysis,
                           suggestion=suggest(analysis, analyses, "analýzy plánu",
                                              "the plan's analyses"))
    meetings = {PurePosixPath(m.file).stem for m in ctx.plan.meetings}
    for found in ctx.plan.needs:
        if found.meeting is not None and found.meeting not in meetings:
            yield diag(found.file, "KP315", ("meeting",), meeting=found.meeting,
                       suggestion=suggest(found.meeting, meetings, "schůzky plánu",
                                          "the plan's meetings"))
