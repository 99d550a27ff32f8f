"""What every check gets, and the suggestions checks share."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from kplan.diagnostics import Diagnostic
from kplan.plan.activity import Activity, Evaluation
from kplan.plan.model import Plan
from kplan.plan.planfile import walk_headings
from kplan.plan.values import SLUG_RE


@dataclass(frozen=True, slots=True)
class CheckContext:
    plan: Plan
    today: date
    cards_only: bool = False
    """Only the diagnostics of the plan's cards are wanted (``of_cards``): plan.yaml's
    headings are not checked."""

    @classmethod
    def of_cards(cls, plan: Plan, cards: list[Activity], today: date) -> CheckContext:
        """For the diagnostics of ``CARD_CHECKS`` on these cards alone, as a part of the
        cards is checked at a time: the plan's other documents are left out, whose
        diagnostics depend on no card and are made once."""
        return cls(Plan(meta=plan.meta, activities=cards), today, cards_only=True)


Check = Callable[[CheckContext], Iterator[Diagnostic]]


SAME_DAY_SUFFIX = re.compile(r"-(?:[2-9]|[1-9][0-9]+)")


SERVICE_ID = re.compile(rf"{SLUG_RE}\Z")


def suggest(value: str, known: Iterable[str], what_cs: str, what_en: str) -> dict[str, str]:
    known = sorted(known)
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    if close:
        return {"cs": f"Myslíte „{close[0]}“?", "en": f"Did you mean '{close[0]}'?"}
    listing = ", ".join(known[:12]) or "–"
    return {"cs": f"Opravte odkaz; {what_cs}: {listing}.",
            "en": f"Fix the reference; {what_en}: {listing}."}


def group_suggestion(value: str, known: Iterable[str]) -> dict[str, str]:
    """The plan's groups first, then the close one: a group is never guessed from a typo."""
    groups = sorted(known)
    listing = ", ".join(groups) or "–"
    close = difflib.get_close_matches(value, groups, n=1, cutoff=0.6)
    if close:
        return {"cs": f"Skupiny v plan.yaml: {listing}. Myslíte „{close[0]}“?",
                "en": f"The groups in plan.yaml: {listing}. Did you mean '{close[0]}'?"}
    return {"cs": f"Skupiny v plan.yaml: {listing}. Použijte jednu z nich, nebo skupinu "
                  "doplňte do plan.yaml (groups).",
            "en": f"The groups in plan.yaml: {listing}. Use one of them or add the group to "
                  "plan.yaml (groups)."}


def heading_evaluations(ctx: CheckContext) -> Iterator[tuple[str, tuple[str | int, ...],
                                                         list[Evaluation]]]:
    """The evaluations of plan.yaml's headings: ``(file, place of the heading, evaluations)``."""
    meta = ctx.plan.meta
    if meta is None or ctx.cards_only:
        return
    tops = [((), meta.priorities),
            *((("groups", g), group.priorities) for g, group in enumerate(meta.groups))]
    for loc, priorities in tops:
        for found in walk_headings(priorities, loc):
            if found.heading.evaluations:
                yield meta.file, found.loc, found.heading.evaluations
