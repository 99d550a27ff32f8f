"""The cards as a Word document (``kplan export docx``): the headings of priorities and
measures, and a card a two-column table (label | value), the layout ``kplan import`` reads
back. Officials circulate and comment on Word files; the labels are the cards' Czech ones."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from kplan.output.docxml import Layout, document_bytes, heading, table
from kplan.plan.activity import Activity, Budget, Milestone
from kplan.plan.model import Plan
from kplan.plan.planfile import Priority
from kplan.plan.statuses import MilestoneStatus
from kplan.plan.values import number_key

STATUS_CS = {MilestoneStatus.IN_PROGRESS: "probíhá", MilestoneStatus.DONE: "splněno",
             MilestoneStatus.POSTPONED: "odloženo", MilestoneStatus.CANCELLED: "zrušeno"}


def cards_document(plan: Plan, group: str | None = None) -> bytes:
    """The document, its body written a card at a time (``docxml``)."""
    return document_bytes(partial(_body, plan, group))


def _body(plan: Plan, group: str | None, layout: Layout) -> Iterator[str]:
    """A group's cards at a time: of a plan that holds skeletons (``Plan.whole``), only
    one group's whole models are held at once."""
    if plan.meta is not None:
        yield heading(plan.meta.title, 0, layout)
    by_group: dict[str, list[Activity]] = {}
    for card in plan.activities:
        by_group.setdefault(card.group, []).append(card)
    for group_id, name, priorities in _groups(plan, group):
        yield heading(name, 1, layout)
        cards = [plan.whole(card) for card in by_group.get(group_id, [])]
        yield from _group(layout, priorities, sorted(cards, key=lambda a: number_key(a.id)))


def _groups(plan: Plan, only: str | None) -> Iterator[tuple[str, str, list[Priority]]]:
    groups = plan.meta.groups if plan.meta else []
    for meta in groups:
        if only is None or meta.id == only:
            yield meta.id, meta.name, meta.priorities


def _group(layout: Layout, priorities: list[Priority], cards: list[Activity]
           ) -> Iterator[str]:
    by_measure: dict[str, list[Activity]] = {}
    for card in cards:
        by_measure.setdefault(card.measure_number, []).append(card)
    placed: set[str] = set()
    for priority in priorities:
        yield heading(_heading("Priorita", priority.number, priority.title), 2, layout)
        yield from _cards(layout, by_measure.get(priority.number, []), placed)
        for measure in priority.measures:
            yield heading(_heading("Opatření", measure.number, measure.title), 3, layout)
            yield from _cards(layout, by_measure.get(measure.number, []), placed)
    yield from _cards(layout, [c for c in cards if c.id not in placed], set())


def _heading(level: str, number: str, title: str | None) -> str:
    return f"{level} {number} {title}" if title else f"{level} {number}"


def _cards(layout: Layout, cards: list[Activity], placed: set[str]) -> Iterator[str]:
    for card in cards:
        placed.add(card.id)
        yield table(card_rows(card), layout)


def card_rows(card: Activity) -> Iterator[tuple[str, list[str]]]:
    """The card's rows: its Czech label and the lines of its value."""
    yield "Číslo aktivity", [card.id]
    yield "Název aktivity", [card.title]
    yield "Realizátor", list(card.implementers)
    yield "Spolupracující subjekty", list(card.partners)
    yield "Odpovědná osoba", _texts(card.responsible)
    yield "Stručný slovní popis aktivity", _bullets(card.description)
    yield "Cílové skupiny", _bullets(card.target_groups)
    yield "Plánované výstupy", _bullets(card.outputs)
    yield "Neinvestiční náklady a finanční zdroje", _budget(card.budget)
    yield "Území dopadu", [card.area] if card.area else []
    yield "Harmonogram zásadních kroků", [_step(m) for m in card.milestones]
    yield "Přehled rizik", _bullets(card.risks)
    yield "Indikátory", _bullets([i.name for i in card.indicators])


def _texts(value: object) -> list[str]:
    """A text as one line, a list (version 2) a line an item."""
    if isinstance(value, list):
        return [str(item) for item in value]
    return [str(value)] if value else []


def _bullets(items: list[str]) -> list[str]:
    return [f"• {item}" for item in items]


def _crowns(amount: int) -> str:
    return f"{amount:,}".replace(",", " ") + " Kč"


def _budget(budget: Budget | None) -> list[str]:
    if budget is None:
        return []
    per = "/rok" if budget.per.value == "year" else " celkem"
    split: object = budget.sources
    if isinstance(split, dict):  # version 2: name → amount
        sources = ", ".join(f"{name} {_crowns(int(value))}" for name, value in split.items())
    else:
        sources = ", ".join(budget.sources)
    amount: int | None = budget.amount
    if amount is None:
        return [sources] if sources else []
    money = _crowns(amount) + per
    return [f"{money} – {sources}" if sources else money]


def _step(milestone: Milestone) -> str:
    """``• 2019 – Konference``, with the status in brackets when it is not planned."""
    line = f"• {milestone.due} – {milestone.title}"
    status = STATUS_CS.get(milestone.status)
    if status:
        done = f" {milestone.done.isoformat()}" if milestone.done else ""
        line += f" [{status}{done}]"
    return line
