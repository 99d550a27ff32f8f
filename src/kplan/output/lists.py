"""``kplan list``: activities, services, meetings or tasks as a table, by group."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from kplan.i18n import Lang
from kplan.output.blocks import Block, Cell, Column, Heading, Para, row, table
from kplan.output.format import format_day, label
from kplan.output.views import (
    DASH,
    STATE_STYLE,
    evaluation_text,
    grouped,
    progress_cell,
    task_table,
    words,
)
from kplan.plan.meeting import Meeting
from kplan.plan.service import Service
from kplan.plan.statuses import TaskStatus
from kplan.query.activities import ActivityStatus
from kplan.query.catalog import Filters, ListKind


def list_doc(kind: ListKind, items: Sequence[Any], filters: Filters, names: dict[str, str],
             lang: Lang) -> list[Block]:
    head: list[Block] = [Heading(f"{words('list_' + kind.value, lang)} ({len(items)})")]
    given = filters.given()
    if given:
        head.append(Para(f"{words('filters', lang)}: " +
                         ", ".join(f"--{k} {v}" for k, v in given.items())))
    if not items:
        return [*head, Para(words("none_found", lang))]
    builders: dict[ListKind, Callable[[list[Any]], Block]] = {
        ListKind.ACTIVITIES: lambda rows: _activity_list(rows, lang),
        ListKind.SERVICES: lambda rows: _service_list(rows, lang),
        ListKind.MEETINGS: lambda rows: _meeting_list(rows, lang),
        ListKind.TASKS: lambda rows: task_table(rows, lang, with_status=True),
    }
    if kind in (ListKind.SERVICES, ListKind.MEETINGS):
        return [*head, builders[kind](list(items))]
    return [*head, *grouped(items, lambda r: str(r.group), names, builders[kind], level=2)]


def _activity_list(rows: Sequence[ActivityStatus], lang: Lang) -> Block:
    lines = []
    for activity in rows:
        style = STATE_STYLE[activity.state]
        lines.append(row(Cell(activity.number, style), Cell(activity.title, style),
                         activity.responsible or DASH, evaluation_text(activity, lang),
                         progress_cell(activity, lang)))
    return table((words("number", lang), Column(words("title", lang), wrap=3),
                  Column(words("responsible", lang), wrap=1), words("evaluation", lang),
                  words("progress", lang)), lines)


def _service_list(rows: Sequence[Service], lang: Lang) -> Block:
    lines = [row(s.id, s.name, s.provider.name, s.kind.paragraph, ", ".join(s.groups))
             for s in rows]
    return table((words("id", lang), Column(words("title", lang), wrap=1),
                  Column(words("provider", lang), wrap=1), words("kind", lang),
                  Column(words("groups", lang), wrap=1)), lines)


def _meeting_list(rows: Sequence[Meeting], lang: Lang) -> Block:
    lines = []
    for meeting in rows:
        open_tasks = sum(t.status is TaskStatus.OPEN for t in meeting.tasks)
        lines.append(row(format_day(meeting.date, lang), meeting.group,
                         label(meeting.kind.value, lang), meeting.title or DASH,
                         words("open_of", lang, open=open_tasks, total=len(meeting.tasks))))
    return table((words("date", lang), Column(words("group_column", lang), wrap=1),
                  words("kind", lang), Column(words("title", lang), wrap=1),
                  Column(words("open_tasks", lang), right=True)), lines)
