"""``kplan status --brief``: the plan's state on one projector screen."""

from __future__ import annotations

from collections.abc import Sequence

from kplan.i18n import Lang
from kplan.output.blocks import Block, Cell, Column, Heading, Para, Row, row, table
from kplan.output.format import format_day
from kplan.output.unloaded import unloaded_line
from kplan.output.views import (
    DASH,
    STATE_STYLE,
    activity_number,
    due_text,
    scope_line,
    words,
)
from kplan.query.activities import ActivityStatus
from kplan.query.status import DueItem, ItemKind, Status

BRIEF_ITEMS = 5
"""Rows of the brief status's list of what to discuss; the rest is counted."""


def status_brief_doc(view: Status, names: dict[str, str], lang: Lang) -> list[Block]:
    """One projector screen (120×40 for a group of 20 activities): an activity a line with
    its late steps and next step, then at most ``BRIEF_ITEMS`` of what is late, what falls
    due and the open tasks, and one line that counts them all (decisions.md)."""
    blocks: list[Block] = [Heading(view.title or words("status", lang)),
                           scope_line(view.scope, names, lang)]
    if view.activities:
        blocks.append(_brief_activities(view.activities, lang))
    blocks += [Para(unloaded_line(card, lang), "red") for card in view.unloaded]
    items = _brief_items(view, lang)
    if items:
        blocks.append(table((words("state", lang), words("due", lang), words("activity", lang),
                             Column(words("what", lang), wrap=3, clip=True),
                             Column(words("who", lang), wrap=1, clip=True)),
                            items[:BRIEF_ITEMS], compact=True))
    totals = view.totals
    blocks.append(Para(words("brief_totals", lang, done=totals.milestones_done,
                             total=totals.milestones, overdue=len(view.overdue),
                             end=format_day(view.horizon.end, lang),
                             upcoming=len(view.upcoming), tasks=totals.open_tasks)))
    return blocks


def _brief_activities(rows: Sequence[ActivityStatus], lang: Lang) -> Block:
    lines = [row(Cell(a.number, STATE_STYLE[a.state]), Cell(a.title, STATE_STYLE[a.state]),
                 Cell("", progress=(a.done, a.milestones)),
                 Cell(str(a.overdue) if a.overdue else "", "bold red"),
                 a.next_title or DASH, due_text(a.next_due, lang)) for a in rows]
    return table((words("number", lang), Column(words("activity", lang), wrap=3, clip=True),
                  words("progress", lang), Column(words("late", lang), right=True),
                  Column(words("next", lang), wrap=2, clip=True), words("due", lang)), lines,
                 compact=True)


def _brief_items(view: Status, lang: Lang) -> list[Row]:
    """What is late, then what falls due, then the other open tasks: each thing once."""
    late, soon, task = words("late_short", lang), words("soon", lang), words("task_short", lang)
    rows = [_brief_item(late if i.days < 0 else soon, i, lang)
            for i in [*view.overdue, *view.upcoming]]
    shown = {(i.title, i.meeting) for i in [*view.overdue, *view.upcoming]
             if i.kind is ItemKind.TASK}
    rows += [row(task, due_text(t.due, lang), activity_number(t.activity), t.title,
                 t.owner or DASH)
             for t in view.open_tasks if (t.title, t.meeting) not in shown]
    return rows


def _brief_item(state: str, item: DueItem, lang: Lang) -> Row:
    what = item.title if item.kind is ItemKind.MILESTONE else \
        f"{words('task_short', lang)}: {item.title}"
    return row(Cell(state, "red" if item.days < 0 else ""), format_day(item.due_day, lang),
               activity_number(item.activity), what, item.owner or DASH)
