"""The meeting view: `kplan status`, `overdue` and `upcoming` as documents (blocks) for
the terminal and for Markdown, in the reader's language.

Its words and its tables of activities, tasks and what falls due serve the brief status
(``kplan.output.brief``), ``kplan list`` (``kplan.output.lists``) and the card
(``kplan.output.card``) too; the JSON of the same views is ``kplan.output.jsondoc``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from itertools import groupby
from typing import TypeVar

from kplan.i18n import Lang, say
from kplan.output.blocks import Block, Cell, Column, Fields, Heading, Para, Row, row, table
from kplan.output.format import counted, format_day, label, task_status_label
from kplan.output.unloaded import unloaded_table
from kplan.output.unloaded import words as unloaded_words
from kplan.plan.dates import Due
from kplan.plan.statuses import TaskStatus
from kplan.plan.unloaded import UnloadedCard
from kplan.query.activities import ActivityState, ActivityStatus, HeadingRow
from kplan.query.status import DueItem, ItemKind, MeetingShortfall, Status, TaskRow
from kplan.query.timeframe import Horizon, HorizonBasis, Scope

DASH = "—"
T = TypeVar("T")

STATE_STYLE = {ActivityState.OVERDUE: "red", ActivityState.DELAYED: "yellow",
               ActivityState.DONE: "green", ActivityState.CANCELLED: "dim",
               ActivityState.OPEN: ""}

_WORDS: dict[str, tuple[str, str]] = {
    "status": ("Stav plánu", "Plan status"),
    "as_of": ("Stav k {day}", "As of {day}"),
    "group": ("skupina", "group"),
    "activities": ("Aktivity", "Activities"),
    "milestones": ("Kroky harmonogramu", "Milestones"),
    "milestones_line": ("{done} z {total} splněno, {overdue} po termínu, {upcoming} do {end}",
                        "{done} of {total} done, {overdue} overdue, {upcoming} due by {end}"),
    "tasks": ("Úkoly ze schůzek", "Tasks from meetings"),
    "tasks_line": ("{open}, z toho {overdue} po termínu", "{open}, {overdue} of them overdue"),
    "number": ("Číslo", "Number"),
    "activity": ("Aktivita", "Activity"),
    "evaluation": ("Hodnocení", "Evaluation"),
    "progress": ("Plnění", "Progress"),
    "next": ("Příští krok", "Next milestone"),
    "n_late": ("{n} po termínu", "{n} overdue"),
    "priority": ("Priorita", "Priority"),
    "measure": ("Opatření", "Measure"),
    "due_by": ("do {day}", "by {day}"),
    "due_by_late": ("do {day}\npo termínu", "by {day}\noverdue"),
    "overdue": ("Po termínu", "Overdue"),
    "nothing_overdue": ("Nic není po termínu.", "Nothing is overdue."),
    "upcoming": ("Termíny do {end}", "Due by {end}"),
    "basis_next_meeting": ("do příští schůzky", "until the next meeting"),
    "nothing_upcoming": ("Do {end} nic nekončí.", "Nothing falls due by {end}."),
    "due": ("Termín", "Due"),
    "what": ("Krok nebo úkol", "Milestone or task"),
    "who": ("Kdo", "Who"),
    "late_by": ("Zpoždění", "Late by"),
    "left": ("Zbývá", "Left"),
    "task_from": ("úkol ze schůzky {day}", "task from the meeting of {day}"),
    "open_tasks": ("Otevřené úkoly", "Open tasks"),
    "no_open_tasks": ("Žádné otevřené úkoly.", "No open tasks."),
    "task": ("Úkol", "Task"),
    "meeting": ("Schůzka", "Meeting"),
    "meetings": ("Schůzky skupin", "Group meetings"),
    "met_enough": ("Skupiny se scházely, jak mají.", "The groups met as often as agreed."),
    "meetings_not_counted": ("Není co počítat: žádná skupina nemá v plan.yaml "
                             "min_meetings_per_year, nebo zatím nemá schůzky.",
                             "Nothing to count: no group has min_meetings_per_year in "
                             "plan.yaml, or none has met yet."),
    "year": ("Rok", "Year"),
    "held": ("Sešla se", "Met"),
    "required": ("Má se sejít", "Should meet"),
    "running": (" (rok běží)", " (year still running)"),
    "none_found": ("Nic neodpovídá.", "Nothing matches."),
    "filters": ("Filtr", "Filter"),
    "responsible": ("Odpovídá", "Responsible"),
    "title": ("Název", "Title"),
    "provider": ("Poskytovatel", "Provider"),
    "kind": ("Druh", "Kind"),
    "groups": ("Skupiny", "Groups"),
    "group_column": ("Skupina", "Group"),
    "date": ("Datum", "Date"),
    "list_activities": ("Aktivity", "Activities"),
    "list_services": ("Služby", "Services"),
    "list_meetings": ("Schůzky", "Meetings"),
    "list_tasks": ("Úkoly", "Tasks"),
    "id": ("Identifikátor", "Id"),
    "state": ("Stav", "Status"),
    "open_of": ("{open} z {total}", "{open} of {total}"),
    "late": ("Po termínu", "Overdue"),
    "late_short": ("po termínu", "overdue"),
    "soon": ("blíží se", "due soon"),
    "task_short": ("úkol", "task"),
    "brief_totals": ("Splněno {done} z {total} kroků; po termínu {overdue}, do {end} "
                     "{upcoming}, otevřené úkoly {tasks}. Vše: kplan status bez --brief; "
                     "karta: kplan show ČÍSLO.",
                     "{done} of {total} milestones done; {overdue} overdue, {upcoming} due by "
                     "{end}, {tasks} open tasks. All: kplan status without --brief; a card: "
                     "kplan show NUMBER."),
}


words = partial(say, _WORDS)


def _group_title(group: str, names: dict[str, str]) -> str:
    """``Pracovní skupina senioři (seniori)``; the plan as a whole (``""``) by its name."""
    name = names.get(group)
    if not group:
        return name or WHOLE_PLAN[0]
    return f"{name} ({group})" if name else group


WHOLE_PLAN = ("Plán jako celek", "The plan as a whole")
"""The name of the cards directly in activities/ and of meetings without a group."""


def _by_group(items: Sequence[T], group_of: Callable[[T], str]) -> list[tuple[str, list[T]]]:
    ordered = sorted(items, key=group_of)
    return [(g, list(rows)) for g, rows in groupby(ordered, key=group_of)]


def grouped(items: Sequence[T], group_of: Callable[[T], str], names: dict[str, str],
            build: Callable[[list[T]], Block], level: int = 3) -> list[Block]:
    """One block, or one block per group under the group's name when several groups."""
    parts = _by_group(items, group_of)
    if len(parts) <= 1:
        return [build(list(items))]
    blocks: list[Block] = []
    for group, rows in parts:
        blocks += [Heading(_group_title(group, names), level), build(rows)]
    return blocks


def due_text(value: Due | None, lang: Lang) -> str:
    """The last day of a term (``2026-06``: 30. 6. 2026); a dash for none."""
    return format_day(value.last_day(), lang) if value else DASH


def activity_number(activity: str | None) -> str:
    """The number of an activity's reference (``drogy/1.1.1``: ``1.1.1``); a dash for none."""
    return activity.rpartition("/")[2] if activity else DASH


# --- status -----------------------------------------------------------------------------------

def status_doc(view: Status, names: dict[str, str], lang: Lang) -> list[Block]:
    blocks = status_head(view, names, lang)
    blocks += _group_activities(view, names, lang)
    blocks += due_blocks(view.overdue, names, lang, None)
    blocks += due_blocks(view.upcoming, names, lang, view.horizon)
    return blocks + status_tail(view, names, lang)


def status_head(view: Status, names: dict[str, str], lang: Lang) -> list[Block]:
    """The title, the day and the totals."""
    end = format_day(view.horizon.end, lang)
    totals = view.totals
    activities = str(totals.activities)
    if view.unloaded:
        activities += f" ({unloaded_words('count', lang, count=len(view.unloaded))})"
    blocks: list[Block] = [
        Heading(view.title or words("status", lang)), scope_line(view.scope, names, lang),
        Fields(((words("activities", lang), activities),
                (words("milestones", lang), words(
                    "milestones_line", lang, done=totals.milestones_done,
                    total=totals.milestones, overdue=totals.milestones_overdue,
                    upcoming=totals.milestones_upcoming, end=end)),
                (words("tasks", lang), words(
                    "tasks_line", lang, open=counted(totals.open_tasks, "open_task", lang),
                    overdue=totals.overdue_tasks)))),
    ]
    return blocks


def status_tail(view: Status, names: dict[str, str], lang: Lang) -> list[Block]:
    """The open tasks and how often the groups met."""
    blocks: list[Block] = [Heading(words("open_tasks", lang), 2)]
    blocks += grouped(view.open_tasks, lambda t: t.group, names,
                      lambda rows: task_table(rows, lang) if rows else
                      Para(words("no_open_tasks", lang)))
    blocks += [Heading(words("meetings", lang), 2),
               shortfall_block(view.shortfalls, names, lang, view.met_counted)]
    return blocks


def _group_activities(view: Status, names: dict[str, str], lang: Lang) -> list[Block]:
    """Each group's activities, and under them its cards that did not load."""
    if not view.activities and not view.unloaded:
        return no_activities(lang)
    rows = dict(_by_group(view.activities, lambda a: a.group))
    broken = dict(_by_group(view.unloaded, lambda c: c.group))
    blocks: list[Block] = []
    for group in sorted(rows.keys() | broken.keys()):
        blocks += group_activities(group, rows.get(group, []), broken.get(group, []), names,
                                   lang)
    return blocks


def no_activities(lang: Lang) -> list[Block]:
    return [Heading(words("activities", lang), 2), Para(words("none_found", lang))]


def group_activities(group: str, rows: Sequence[ActivityStatus],
                     broken: Sequence[UnloadedCard], names: dict[str, str],
                     lang: Lang) -> list[Block]:
    """A group's activities, and under them its cards that did not load."""
    blocks: list[Block] = [Heading(_group_title(group, names), 2)]
    blocks += [activity_table(rows, lang)] if rows else []
    return blocks + ([unloaded_table(broken, lang)] if broken else [])


def activity_table(rows: Sequence[ActivityStatus], lang: Lang) -> Block:
    """Activities under their headings (priority, measure and the levels below), coloured
    by state; a heading row is drawn where a card's headings first differ from the last."""
    lines: list[Row] = []
    above: tuple[HeadingRow, ...] = ()
    for activity in rows:
        headings = activity.placement.headings
        for level, heading in enumerate(headings, start=1):
            if headings[:level] != above[:level]:
                style = "bold" if level == 1 else "italic"
                lines.append(row(heading.number, _titled(heading_label(heading, lang),
                                                         heading.title), style=style))
        above = headings
        lines.append(_activity_row(activity, lang))
    return table((words("number", lang), Column(words("activity", lang), wrap=3),
                  words("evaluation", lang), words("progress", lang),
                  Column(words("next", lang), wrap=2)), lines)


def heading_label(heading: HeadingRow, lang: Lang) -> str:
    """``Priorita 1``: the plan's name of the level (by default Priorita, Opatření in the
    reader's language) and the number; the number alone at a level without a name."""
    name = words(_DEFAULT_LEVELS[heading.level - 1], lang) if heading.default_name \
        else heading.level_name
    return f"{name} {heading.number}" if name else heading.number


_DEFAULT_LEVELS = ("priority", "measure")


def _titled(name: str, title: str | None) -> str:
    return f"{name}: {title}" if title else name


def _activity_row(activity: ActivityStatus, lang: Lang) -> Row:
    style = STATE_STYLE[activity.state]
    return row(Cell(activity.number, style), Cell(activity.title, style),
               evaluation_text(activity, lang), progress_cell(activity, lang),
               _next(activity, lang))


def _next(activity: ActivityStatus, lang: Lang) -> Cell:
    """The earliest open milestone; in red with "po termínu" when its day has passed."""
    if activity.next_due is None:
        return Cell(DASH)
    key = "due_by_late" if activity.next_overdue else "due_by"
    due = words(key, lang, day=due_text(activity.next_due, lang))
    return Cell(f"{activity.next_title}\n{due}", "red" if activity.next_overdue else "")


def evaluation_text(activity: ActivityStatus, lang: Lang) -> str:
    """The latest evaluation and its year; a dash before the first."""
    if activity.evaluation_status is None:
        return DASH
    return f"{label(activity.evaluation_status.value, lang)} ({activity.evaluation_year})"


def progress_cell(activity: ActivityStatus, lang: Lang) -> Cell:
    """The bar of milestones done, and in red how many are overdue."""
    late = words("n_late", lang, n=activity.overdue) if activity.overdue else ""
    return Cell(late, "bold red", progress=(activity.done, activity.milestones))


def due_blocks(items: Sequence[DueItem], names: dict[str, str], lang: Lang,
               until: Horizon | None) -> list[Block]:
    """The overdue list (``until`` None) or the list of what falls due by the horizon."""
    title, empty = due_titles(lang, until)
    if not items:
        return [Heading(title, 2), Para(empty)]
    return [Heading(title, 2), *grouped(items, lambda i: i.group, names,
                                        lambda rows: due_table(rows, lang))]


def due_group(group: str, items: Sequence[DueItem], names: dict[str, str],
              lang: Lang) -> list[Block]:
    """A group's part of a due list of several groups."""
    return [Heading(_group_title(group, names), 3), due_table(items, lang)]


def due_titles(lang: Lang, until: Horizon | None) -> tuple[str, str]:
    """The title of a due list, and what it says when empty."""
    if until is None:
        title, empty = words("overdue", lang), words("nothing_overdue", lang)
    else:
        end = format_day(until.end, lang)
        if until.basis is HorizonBasis.NEXT_MEETING:
            end += f" ({words('basis_next_meeting', lang)})"
        elif until.span is not None:
            unit = {"d": "day", "w": "week", "m": "month"}[until.span.unit]
            end += f" ({counted(until.span.count, unit, lang)})"
        title = words("upcoming", lang, end=end)
        empty = words("nothing_upcoming", lang, end=format_day(until.end, lang))
    return title, empty


def due_table(items: Sequence[DueItem], lang: Lang) -> Block:
    late_header = words("late_by" if items and items[0].days < 0 else "left", lang)
    lines = []
    for item in items:
        what = item.title
        if item.kind is ItemKind.TASK and item.meeting:
            what += f"\n{words('task_from', lang, day=_meeting_day(item.meeting, lang))}"
        number = activity_number(item.activity)
        late = item.days < 0
        lines.append(row(Cell(format_day(item.due_day, lang), "red" if late else ""), number,
                         what, item.owner or DASH,
                         Cell(counted(abs(item.days), "day", lang), "bold red" if late else "")))
    return table((words("due", lang), words("activity", lang),
                  Column(words("what", lang), wrap=3), Column(words("who", lang), wrap=1),
                  Column(late_header, right=True)), lines)


def _meeting_day(meeting: str, lang: Lang) -> str:
    try:
        return format_day(date.fromisoformat(meeting[:10]), lang)
    except ValueError:
        return meeting


def task_table(rows: Sequence[TaskRow], lang: Lang, with_status: bool = False) -> Block:
    lines = []
    for task in rows:
        style = "red" if task.overdue else "dim" if task.status is not TaskStatus.OPEN else ""
        number = activity_number(task.activity)
        cells: list[Cell | str] = [Cell(due_text(task.due, lang), style), Cell(task.title, style),
                                   task.owner or DASH, format_day(task.meeting_date, lang),
                                   number]
        if with_status:
            cells.append(task_status_label(task.status.value, lang))
        lines.append(row(*cells))
    columns: list[Column | str] = [words("due", lang), Column(words("task", lang), wrap=3),
               Column(words("who", lang), wrap=1), words("meeting", lang),
               words("activity", lang)]
    return table(columns + [words("state", lang)] * with_status, lines)


def shortfall_block(rows: Sequence[MeetingShortfall], names: dict[str, str],
                    lang: Lang, counted_any: bool = True) -> Block:
    """The groups that met less than agreed; "they met as agreed" only where some group
    agreed how often and has meetings to count."""
    if not rows:
        return Para(words("met_enough" if counted_any else "meetings_not_counted", lang))
    lines = [row(_group_title(r.group, names),
                 str(r.year) + ("" if r.complete else words("running", lang)),
                 Cell(str(r.held), "" if not r.complete else "bold red"), str(r.required))
             for r in rows]
    return table((Column(words("group_column", lang), wrap=1), words("year", lang),
                  Column(words("held", lang), right=True),
                  Column(words("required", lang), right=True)), lines)


def overdue_doc(items: Sequence[DueItem], scope: Scope, names: dict[str, str],
                lang: Lang) -> list[Block]:
    return [scope_line(scope, names, lang), *due_blocks(items, names, lang, None)]


def upcoming_doc(items: Sequence[DueItem], scope: Scope, until: Horizon,
                 names: dict[str, str], lang: Lang) -> list[Block]:
    return [scope_line(scope, names, lang), *due_blocks(items, names, lang, until)]


def scope_line(scope: Scope, names: dict[str, str], lang: Lang) -> Para:
    """``Stav k 30. 6. 2025, skupina: Senioři (seniori)``: the day and the group shown."""
    head = words("as_of", lang, day=format_day(scope.as_of, lang))
    if scope.group:
        head += f", {words('group', lang)}: {_group_title(scope.group, names)}"
    return Para(head)
