"""The meeting view: `kplan status`, `overdue`, `upcoming` and `list` as documents for
the terminal and for Markdown (``doc``), and as versioned JSON-able dicts.

JSON is language-neutral: coded values, ISO dates, no labels. Its shape is documented
in docs/json.md; keys are never renamed or removed within a ``version``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from itertools import groupby
from typing import Any, TypeVar

from kplan.i18n import Lang, say
from kplan.output.blocks import Block, Cell, Column, Fields, Heading, Para, Row, row, table
from kplan.output.format import counted, format_day, label, task_status_label
from kplan.output.unloaded import unloaded_line, unloaded_table
from kplan.output.unloaded import words as unloaded_words
from kplan.plan.model import Meeting, Service, TaskStatus
from kplan.plan.unloaded import UnloadedCard
from kplan.plan.values import Due
from kplan.query.activities import ActivityState, ActivityStatus, HeadingRow
from kplan.query.catalog import Filters, ListKind
from kplan.query.status import DueItem, ItemKind, MeetingShortfall, Status, TaskRow
from kplan.query.timeframe import FIRST_DAY, LAST_DAY, Horizon, HorizonBasis, Scope

DASH = "—"
T = TypeVar("T")

_STATE_STYLE = {ActivityState.OVERDUE: "red", ActivityState.DELAYED: "yellow",
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
    # usage mistakes and the note about a plan with errors (stderr)
    "plan_errors": ("Plán má {errors}; ukazuji jen to, co se načetlo. Podrobnosti: "
                    "kplan validate {root}",
                    "The plan has {errors}; showing only what loaded. Details: "
                    "kplan validate {root}"),
    "bad_day": ("--as-of: „{value}“ není den; pište RRRR-MM-DD, např. 2021-01-01.",
                "--as-of: '{value}' is not a day; write YYYY-MM-DD, e.g. 2021-01-01."),
    "bad_within": ("--within: „{value}“ není doba; pište např. 60d (dní), 8w (týdnů), "
                   "3m (měsíců).",
                   "--within: '{value}' is not a length of time; write e.g. 60d (days), "
                   "8w (weeks), 3m (months)."),
    "day_range": ("{option}: den {value} je mimo rozsah, se kterým kplan počítá "
                  "({first} až {last}).",
                  "{option}: the day {value} is outside the range kplan works with "
                  "({first} to {last})."),
    "year_range": ("--year: rok {value} je mimo rozsah, se kterým kplan počítá ({first}–{last}).",
                   "--year: the year {value} is outside the range kplan works with "
                   "({first}–{last})."),
    "unknown_group": ("--group: skupina „{value}“ v plánu není; skupiny: {known}.",
                      "--group: there is no group '{value}' in the plan; groups: {known}."),
    "bad_filter": ("{options}: v seznamu {kind} se nepoužívá; lze použít {allowed}.",
                   "{options}: does not apply to {kind}; use {allowed}."),
    "bad_status": ("--status: „{value}“ v seznamu {kind} není; povolené jsou {allowed}.",
                   "--status: '{value}' is not a status of {kind}; use one of {allowed}."),
}


words = partial(say, _WORDS)


def day_range(option: str, value: object, lang: Lang) -> str:
    """The usage mistake of a day outside ``timeframe.FIRST_DAY`` … ``LAST_DAY``."""
    return words("day_range", lang, option=option, value=value, first=FIRST_DAY.isoformat(),
                 last=LAST_DAY.isoformat())


def year_range(value: int, lang: Lang) -> str:
    return words("year_range", lang, value=value, first=FIRST_DAY.year, last=LAST_DAY.year)


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


def _grouped(items: Sequence[T], group_of: Callable[[T], str], names: dict[str, str],
             build: Callable[[list[T]], Block], level: int = 3) -> list[Block]:
    """One block, or one block per group under the group's name when several groups."""
    parts = _by_group(items, group_of)
    if len(parts) <= 1:
        return [build(list(items))]
    blocks: list[Block] = []
    for group, rows in parts:
        blocks += [Heading(_group_title(group, names), level), build(rows)]
    return blocks


def _day(value: date | None, lang: Lang) -> str:
    return format_day(value, lang) if value else DASH


def _due(value: Due | None, lang: Lang) -> str:
    return format_day(value.last_day(), lang) if value else DASH


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
    head = words("as_of", lang, day=format_day(view.scope.as_of, lang))
    if view.scope.group:
        head += f", {words('group', lang)}: {_group_title(view.scope.group, names)}"
    totals = view.totals
    activities = str(totals.activities)
    if view.unloaded:
        activities += f" ({unloaded_words('count', lang, count=len(view.unloaded))})"
    blocks: list[Block] = [
        Heading(view.title or words("status", lang)), Para(head),
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
    blocks += _grouped(view.open_tasks, lambda t: t.group, names,
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


BRIEF_ITEMS = 5
"""Rows of the brief status's list of what to discuss; the rest is counted."""


def status_brief_doc(view: Status, names: dict[str, str], lang: Lang) -> list[Block]:
    """One projector screen (120×40 for a group of 20 activities): an activity a line with
    its late steps and next step, then at most ``BRIEF_ITEMS`` of what is late, what falls
    due and the open tasks, and one line that counts them all (decisions.md)."""
    head = words("as_of", lang, day=format_day(view.scope.as_of, lang))
    if view.scope.group:
        head += f", {words('group', lang)}: {_group_title(view.scope.group, names)}"
    blocks: list[Block] = [Heading(view.title or words("status", lang)), Para(head)]
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
    lines = [row(Cell(a.number, _STATE_STYLE[a.state]), Cell(a.title, _STATE_STYLE[a.state]),
                 Cell("", progress=(a.done, a.milestones)),
                 Cell(str(a.overdue) if a.overdue else "", "bold red"),
                 a.next_title or DASH, _due(a.next_due, lang)) for a in rows]
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
    rows += [row(task, _due(t.due, lang), t.activity.rpartition("/")[2] if t.activity else DASH,
                 t.title, t.owner or DASH)
             for t in view.open_tasks if (t.title, t.meeting) not in shown]
    return rows


def _brief_item(state: str, item: DueItem, lang: Lang) -> Row:
    what = item.title if item.kind is ItemKind.MILESTONE else \
        f"{words('task_short', lang)}: {item.title}"
    return row(Cell(state, "red" if item.days < 0 else ""), format_day(item.due_day, lang),
               item.activity.rpartition("/")[2] if item.activity else DASH, what,
               item.owner or DASH)


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
    style = _STATE_STYLE[activity.state]
    return row(Cell(activity.number, style), Cell(activity.title, style),
               _evaluation(activity, lang), _progress(activity, lang), _next(activity, lang))


def _next(activity: ActivityStatus, lang: Lang) -> Cell:
    """The earliest open milestone; in red with "po termínu" when its day has passed."""
    if activity.next_due is None:
        return Cell(DASH)
    key = "due_by_late" if activity.next_overdue else "due_by"
    due = words(key, lang, day=_due(activity.next_due, lang))
    return Cell(f"{activity.next_title}\n{due}", "red" if activity.next_overdue else "")


def _evaluation(activity: ActivityStatus, lang: Lang) -> str:
    if activity.evaluation_status is None:
        return DASH
    return f"{label(activity.evaluation_status.value, lang)} ({activity.evaluation_year})"


def _progress(activity: ActivityStatus, lang: Lang) -> Cell:
    late = words("n_late", lang, n=activity.overdue) if activity.overdue else ""
    return Cell(late, "bold red", progress=(activity.done, activity.milestones))


def due_blocks(items: Sequence[DueItem], names: dict[str, str], lang: Lang,
               until: Horizon | None) -> list[Block]:
    """The overdue list (``until`` None) or the list of what falls due by the horizon."""
    title, empty = due_titles(lang, until)
    if not items:
        return [Heading(title, 2), Para(empty)]
    return [Heading(title, 2), *_grouped(items, lambda i: i.group, names,
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
        number = item.activity.rpartition("/")[2] if item.activity else DASH
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
        number = task.activity.rpartition("/")[2] if task.activity else DASH
        cells: list[Cell | str] = [Cell(_due(task.due, lang), style), Cell(task.title, style),
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
    return [*_scope_head(scope, names, lang), *due_blocks(items, names, lang, None)]


def upcoming_doc(items: Sequence[DueItem], scope: Scope, until: Horizon,
                 names: dict[str, str], lang: Lang) -> list[Block]:
    return [*_scope_head(scope, names, lang), *due_blocks(items, names, lang, until)]


def _scope_head(scope: Scope, names: dict[str, str], lang: Lang) -> list[Block]:
    head = words("as_of", lang, day=format_day(scope.as_of, lang))
    if scope.group:
        head += f", {words('group', lang)}: {_group_title(scope.group, names)}"
    return [Para(head)]


# --- kplan list -------------------------------------------------------------------------------

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
    return [*head, *_grouped(items, lambda r: str(r.group), names, builders[kind], level=2)]


def _activity_list(rows: Sequence[ActivityStatus], lang: Lang) -> Block:
    lines = []
    for activity in rows:
        style = _STATE_STYLE[activity.state]
        lines.append(row(Cell(activity.number, style), Cell(activity.title, style),
                         activity.responsible or DASH, _evaluation(activity, lang),
                         _progress(activity, lang)))
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

