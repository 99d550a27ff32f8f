"""The yearly report as its templates read it: ``query.report``'s data with its charts and
its words in the report's language (docs/report.md)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from kplan.i18n import Lang
from kplan.output.format import format_money, label
from kplan.plan.model import Plan
from kplan.query.report import (
    NOT_EVALUATED,
    OUTCOMES,
    ReportData,
    Summary,
    report_data,
)
from kplan.query.report_needs import NeedsSection, needs_section
from kplan.render import charts
from kplan.render.words import report_words

COLORS = {"done": "#2e7d4f", "on_track": "#2f6fb0", "delayed": "#c77c02",
          "not_started": "#8a6d3b", "not_met": "#a33a3a", "cancelled": "#7b8794",
          NOT_EVALUATED: "#b8c2cc",
          "late": "#c0392b", "postponed": "#c77c02", "open": "#2f6fb0",
          "planned": "#9fb8d6", "spent": "#1f4e79"}


@dataclass(frozen=True, slots=True)
class Charts:
    """SVG markup, escaped already: insert with ``|safe`` in HTML."""

    status: str
    money: str
    milestones: str


@dataclass(frozen=True, slots=True)
class Report(ReportData):
    lang: Lang
    charts: Charts
    t: Mapping[str, str]
    needs: NeedsSection | None
    """None when the plan has no needs analyses."""


def build_report(plan: Plan, year: int, as_of: date, lang: Lang) -> Report:
    """The report of ``year`` as on ``as_of``, in ``lang``."""
    data = report_data(plan, year, as_of)
    words = report_words(lang, year, plan.meta.kind.value if plan.meta else "community_plan")
    groups = tuple(group if group.id else replace(group, name=words["whole_plan"])
                   for group in data.groups)
    return Report(data.year, data.generated, data.year_complete, data.plan, data.summary,
                  groups, data.other_services, lang,
                  _charts(data.summary, words, data.plan.currency, lang), words,
                  needs_section(plan))


def _charts(summary: Summary, t: Mapping[str, str], currency: str, lang: Lang) -> Charts:
    def status_name(status: str) -> str:
        return t["not_evaluated"] if status == NOT_EVALUATED else label(status, lang)

    status = charts.bar_chart([charts.Bar(status_name(s.status), s.count, str(s.count),
                                          COLORS[s.status]) for s in summary.by_status],
                              t["chart_status"])
    money = charts.paired_bar_chart(
        [charts.PairedBar(s.code or t["source_" + s.kind], s.planned or 0,
                          _money(s.planned, currency, lang, t), s.spent or 0,
                          _money(s.spent, currency, lang, t))
         for s in summary.sources],
        (t["planned"], t["spent"]), (COLORS["planned"], COLORS["spent"]), t["chart_money"])
    counts = summary.milestones
    milestones = charts.stacked_bar(
        [charts.Segment(t["outcome_" + o], getattr(counts, o), COLORS[o]) for o in OUTCOMES],
        t["chart_milestones"], t["dash"])
    return Charts(status, money, milestones)


def _money(amount: float | None, currency: str, lang: Lang, t: Mapping[str, str]) -> str:
    return t["unknown_money"] if amount is None else format_money(amount, currency, lang)
