"""The yearly report's section on needs: the needs that cards or services answer, with what
answers them, and the gaps with the analysis each comes from (docs/report.md, ``NeedsSection``).
The coverage is ``query.needs``'s, the same as ``kplan needs`` shows."""

from __future__ import annotations

from dataclasses import dataclass

from kplan.plan.model import Plan
from kplan.query.needs import Answer, NeedFilters, NeedRow, needs_view


@dataclass(frozen=True, slots=True)
class NeedEntry:
    ref: str
    """``analysis/need``."""
    text: str
    kind: str
    """``have``, ``lack``, ``want``, ``problem``, ``risk`` or ``expectation``."""
    analysis: str
    """The analysis's ``id``."""
    analysis_title: str
    analysis_source: str | None
    answers: tuple[Answer, ...]


@dataclass(frozen=True, slots=True)
class NeedsSection:
    needs: int
    """Every need of every analysis."""
    answered: tuple[NeedEntry, ...]
    gaps: tuple[NeedEntry, ...]


def needs_section(plan: Plan) -> NeedsSection | None:
    """None when the plan has no needs analyses; analyses in the order of their ids."""
    if not plan.needs:
        return None
    view = needs_view(plan, NeedFilters())
    titles = {found.analysis.id: found.analysis for found in view.analyses}
    entries = [_entry(row, titles[row.analysis].title, titles[row.analysis].source)
               for row in view.rows]
    return NeedsSection(len(entries), tuple(e for e in entries if e.answers),
                        tuple(e for e, row in zip(entries, view.rows, strict=True) if row.gap))


def _entry(row: NeedRow, title: str, source: str | None) -> NeedEntry:
    return NeedEntry(row.ref, row.need.text, row.need.kind.value, row.analysis, title, source,
                     row.answers)
