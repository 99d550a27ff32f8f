"""The cards as a Word document (``kplan export docx``): the headings of priorities and
measures, and a card a two-column table (label | value), the layout ``kplan import`` reads
back. Officials circulate and comment on Word files; the labels are the cards' Czech ones."""

from __future__ import annotations

import io
from collections.abc import Iterator

import docx
from docx.document import Document
from docx.shared import Pt

from kplan.plan.activity import Activity, Budget, Milestone
from kplan.plan.model import Plan
from kplan.plan.planfile import Priority
from kplan.plan.statuses import MilestoneStatus
from kplan.plan.values import number_key

STATUS_CS = {MilestoneStatus.IN_PROGRESS: "probíhá", MilestoneStatus.DONE: "splněno",
             MilestoneStatus.POSTPONED: "odloženo", MilestoneStatus.CANCELLED: "zrušeno"}


def cards_document(plan: Plan, group: str | None = None) -> bytes:
    document = docx.Document()
    if plan.meta is not None:
        document.add_heading(plan.meta.title, level=0)
    for group_id, name, priorities in _groups(plan, group):
        document.add_heading(name, level=1)
        cards = sorted((a for a in plan.activities if a.group == group_id),
                       key=lambda a: number_key(a.id))
        _group(document, priorities, cards)
    data = io.BytesIO()
    document.save(data)
    return data.getvalue()


def _groups(plan: Plan, only: str | None) -> Iterator[tuple[str, str, list[Priority]]]:
    groups = plan.meta.groups if plan.meta else []
    for meta in groups:
        if only is None or meta.id == only:
            yield meta.id, meta.name, meta.priorities


def _group(document: Document, priorities: list[Priority], cards: list[Activity]) -> None:
    placed: set[str] = set()
    for priority in priorities:
        document.add_heading(_heading("Priorita", priority.number, priority.title), level=2)
        placed |= _cards(document, [c for c in cards if c.measure_number == priority.number])
        for measure in priority.measures:
            document.add_heading(_heading("Opatření", measure.number, measure.title), level=3)
            placed |= _cards(document, [c for c in cards if c.measure_number == measure.number])
    _cards(document, [c for c in cards if c.id not in placed])


def _heading(level: str, number: str, title: str | None) -> str:
    return f"{level} {number} {title}" if title else f"{level} {number}"


def _cards(document: Document, cards: list[Activity]) -> set[str]:
    for card in cards:
        _card(document, card)
    return {card.id for card in cards}


def _card(document: Document, card: Activity) -> None:
    rows = list(card_rows(card))
    table = document.add_table(rows=len(rows), cols=2)
    table.style = "Table Grid"
    for row, (label, lines) in zip(table.rows, rows, strict=True):
        label_cell, value_cell = row.cells
        label_cell.text = ""
        label_cell.paragraphs[0].add_run(label).bold = True
        value_cell.text = lines[0] if lines else ""
        for line in lines[1:]:
            value_cell.add_paragraph(line)
        for paragraph in value_cell.paragraphs:
            paragraph.paragraph_format.space_after = Pt(0)
    document.add_paragraph()


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
