"""What the report's summary says of a year beyond the counts: money by source without
overlap, the shares of the evaluation states, what carries over in the period's last
year, the year's amendments and the cards that did not load.

Written against the spec's field names (``amendments``, headings' ``evaluations``) with
``getattr``, so that the same code reads version-1 plans, where they are missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from kplan.plan.activity import Activity
from kplan.plan.model import Plan
from kplan.plan.statuses import EvaluationStatus
from kplan.plan.unloaded import UnloadedCard
from kplan.plan.values import number_key
from kplan.query.money import NO_SOURCE, UNSPLIT, Buckets, known_sum

CLOSED = (EvaluationStatus.DONE.value, EvaluationStatus.CANCELLED.value)


@dataclass(frozen=True, slots=True)
class SourceMoney:
    code: str | None
    """The source as cards name it (``SMO``); None for the two rows below."""
    name: str | None
    """Its full name from plan.yaml's ``funding_sources``, when listed there."""
    activities: int
    planned: float | None
    """None when no card in the row says how much: "neuvedeno", not 0."""
    spent: float | None
    """None when no evaluation of these activities for the year says what was spent."""
    kind: str = "source"
    """``source``; ``unsplit`` (cards naming several sources without a split); ``none``
    (cards naming no source)."""


def money_rows(funding: Mapping[str, str], planned: Sequence[Buckets],
               spent: Sequence[Buckets]) -> tuple[SourceMoney, ...]:
    """One row a source (in the codelist's order, then by name), then the money not
    split by source, then the money of no source: rows that add up to the total."""
    named = {k for b in [*planned, *spent] for k in b} - {UNSPLIT, NO_SOURCE}
    order = [s for s in funding if s in named] + sorted(named - set(funding))
    rows = [_row(code, funding.get(code), "source", code, planned, spent) for code in order]
    rows += [_row(None, None, kind, key, planned, spent)
             for kind, key in (("unsplit", UNSPLIT), ("none", NO_SOURCE))
             if any(key in b for b in [*planned, *spent])]
    return tuple(r for r in rows if r.kind == "source" or r.planned or r.spent
                 or r.activities)


def _row(code: str | None, name: str | None, kind: str, key: str,
         planned: Sequence[Buckets], spent: Sequence[Buckets]) -> SourceMoney:
    using = sum(key in p or key in s for p, s in zip(planned, spent, strict=True))
    return SourceMoney(code, name, using, known_sum(p.get(key) for p in planned),
                       known_sum(s.get(key) for s in spent), kind)


# --- shares of the evaluation states ------------------------------------------------------------

def share(count: int, total: int) -> float | None:
    """``count`` of ``total`` in per cent, to one decimal; None of nothing."""
    return round(100 * count / total, 1) if total else None


@dataclass(frozen=True, slots=True)
class HeadingShare:
    status: str
    count: int
    share: float | None


def heading_shares(plan: Plan, year: int, order: Sequence[str]) -> tuple[HeadingShare, ...]:
    """The year's evaluation states of the headings (priorities, measures) that carry
    evaluations, in per cent of the evaluated ones; () when none is evaluated."""
    states = [s for s in (_heading_status(h, year) for h in _headings(plan)) if s]
    if not states:
        return ()
    return tuple(HeadingShare(s, states.count(s), share(states.count(s), len(states)))
                 for s in order if s in states)


def _headings(plan: Plan) -> Iterable[Any]:
    groups = list(plan.meta.groups) if plan.meta else []
    tops = [*(getattr(plan.meta, "priorities", None) or [] if plan.meta else []),
            *(p for g in groups for p in g.priorities)]
    stack = list(tops)
    while stack:
        heading = stack.pop()
        yield heading
        stack.extend(getattr(heading, "measures", None) or [])


def _heading_status(heading: Any, year: int) -> str | None:
    found = next((e for e in getattr(heading, "evaluations", None) or []
                  if e.year == year), None)
    status = getattr(found, "status", None)
    return getattr(status, "value", None) if status is not None else None


# --- what carries over, the amendments ------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class CarryOver:
    ref: str
    number: str
    title: str
    status: str
    """The latest evaluation up to the year, or ``none``."""


def carry_over(plan: Plan, year: int, none: str) -> tuple[CarryOver, ...]:
    """In the period's last year: the activities neither done nor cancelled (by their
    latest evaluation up to the year), which the next plan inherits; () in other years."""
    if plan.meta is None or year != plan.meta.period.end:
        return ()
    rows = [CarryOver(a.ref, a.id, a.title, _latest_status(a, year, none))
            for a in map(plan.whole, plan.activities)]
    return tuple(sorted((r for r in rows if r.status not in CLOSED),
                        key=lambda r: (r.ref.rpartition("/")[0], number_key(r.number))))


def _latest_status(activity: Activity, year: int, none: str) -> str:
    known = [e for e in activity.evaluations if e.year <= year
             and getattr(e, "status", None) is not None]
    latest = max(known, key=lambda e: e.year, default=None)
    return latest.status.value if latest is not None and latest.status is not None else none


@dataclass(frozen=True, slots=True)
class AmendmentEntry:
    date: date
    title: str
    resolution: str | None
    note: str | None


def amendments(plan: Plan, year: int) -> tuple[AmendmentEntry, ...]:
    """The amendments (dodatky) adopted in ``year``, by date."""
    found = getattr(plan.meta, "amendments", None) or [] if plan.meta else []
    return tuple(AmendmentEntry(a.date, a.title, a.resolution, a.note)
                 for a in sorted(found, key=lambda a: a.date) if a.date.year == year)


def unloaded_in(plan: Plan, group: str) -> tuple[UnloadedCard, ...]:
    return tuple(sorted((c for c in plan.unloaded if c.group == group),
                        key=lambda c: number_key(c.number)))
