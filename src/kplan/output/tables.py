"""The plan as flat tables for officials: the rows ``kplan export xlsx`` and ``csv`` write.

One table a kind of thing (activities, milestones, evaluations, budget, services,
meetings, tasks). Cells keep their types (text, whole amounts, dates, numbers), so the
workbook can format them and a CSV writer can choose its separators; no I/O here.
Only public contacts of a service reach a table (as ``report_services.service_entry`` does).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Literal

from kplan.i18n import Lang, in_lang
from kplan.output.format import format_number, label, task_status_label
from kplan.plan.activity import Activity
from kplan.plan.model import Plan
from kplan.query.money import planned_buckets, planned_total, spent_buckets, spent_total
from kplan.query.report import DecisionEntry, decision_entries
from kplan.query.report_services import CapacityEntry, service_entry
from kplan.query.status import activity_key, meeting_id
from kplan.query.yearly import money_rows
from kplan.visible import printable_lines

Cell = str | int | float | date | None
Kind = Literal["text", "int", "number", "money", "date"]


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    cs: str
    en: str
    kind: Kind = "text"

    def header(self, lang: Lang) -> str:
        return in_lang((self.cs, self.en), lang)


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    """The name on the command line: ``activities``."""
    title: str
    """The sheet's name (at most 31 characters, Excel's limit)."""
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    currency: str


def _c(key: str, cs: str, en: str, kind: Kind = "text") -> Column:
    return Column(key, cs, en, kind)


def _join(items: list[str] | tuple[str, ...]) -> str | None:
    return ", ".join(items) if items else None


def _people(items: list[str]) -> str | None:
    """Names with ``; `` between them: a name may hold a comma (``Spolek K, z.s.``)."""
    return "; ".join(items) if items else None


def _by_source(amounts: dict[str, int] | None) -> str | None:
    """``SMO: 50000; MPSV: 20000``, or None when the money is not split by source."""
    return "; ".join(f"{code}: {amount}" for code, amount in amounts.items()) \
        if amounts else None


def _lines(items: list[str] | tuple[str, ...]) -> str | None:
    return "\n".join(items) if items else None


def _activities(plan: Plan) -> Iterator[Activity]:
    """The cards in order, each whole model for a moment (``Plan.whole``)."""
    return (plan.whole(card) for card in sorted(plan.activities, key=activity_key))


# --- the tables ---------------------------------------------------------------------------------

ACTIVITY_COLUMNS = (
    _c("ref", "Odkaz", "Reference"), _c("group", "Skupina", "Group"),
    _c("number", "Číslo", "Number"), _c("title", "Název", "Title"),
    _c("measure", "Opatření", "Measure"), _c("responsible", "Odpovědná osoba", "Responsible"),
    _c("groups", "Další skupiny", "Other groups"), _c("after", "Navazuje na", "After"),
    _c("implementers", "Realizátor", "Implementers"),
    _c("partners", "Spolupracující subjekty", "Partners"),
    _c("target_groups", "Cílové skupiny", "Target groups"), _c("area", "Území", "Area"),
    _c("budget", "Náklady", "Budget", "money"), _c("per", "Za období", "Per"),
    _c("sources", "Zdroje", "Sources"), _c("budget_note", "Poznámka k nákladům", "Budget note"),
    _c("evaluation_year", "Poslední hodnocení", "Latest evaluation", "int"),
    _c("evaluation_status", "Stav", "Status"), _c("file", "Soubor", "File"))


def activities_table(plan: Plan, lang: Lang) -> tuple[tuple[Cell, ...], ...]:
    rows = []
    for a in _activities(plan):
        latest = a.latest_evaluation()
        budget = a.budget
        rows.append((a.ref, a.group, a.id, a.title, a.measure_number,
                     _people(a.responsible_names), _join(a.groups), _join(a.after),
                     _join(a.implementers), _join(a.partners), _join(a.target_groups), a.area,
                     budget.amount if budget else None,
                     label(budget.per.value, lang) if budget else None,
                     _join(budget.source_names()) if budget else None,
                     budget.note if budget else None,
                     latest.year if latest else None,
                     label(latest.status.value, lang) if latest and latest.status else None,
                     a.file))
    return tuple(rows)


MILESTONE_COLUMNS = (
    _c("ref", "Aktivita", "Activity"), _c("activity_title", "Název aktivity", "Activity title"),
    _c("title", "Krok", "Milestone"), _c("due", "Termín", "Due"),
    _c("due_day", "Termín (den)", "Due day", "date"),
    _c("due_from", "Termín od (den)", "Due from", "date"),
    _c("ongoing", "Průběžně", "Ongoing"), _c("status", "Stav", "Status"),
    _c("done", "Splněno dne", "Done on", "date"), _c("note", "Poznámka", "Note"))


def milestones_table(plan: Plan, lang: Lang) -> tuple[tuple[Cell, ...], ...]:
    return tuple((a.ref, a.title, m.title, label(str(m.due), lang),
                  None if m.due.is_ongoing else m.due.last_day(),
                  None if m.due.is_ongoing else m.due.first_day(),
                  in_lang(("ano", "yes"), lang) if m.due.is_ongoing else None,
                  label(m.status.value, lang), m.done, m.note)
                 for a in _activities(plan) for m in a.milestones)


EVALUATION_COLUMNS = (
    _c("ref", "Aktivita", "Activity"), _c("activity_title", "Název aktivity", "Activity title"),
    _c("year", "Rok", "Year", "int"), _c("status", "Stav", "Status"),
    _c("planned", "Plánováno", "Planned", "money"), _c("spent", "Vyčerpáno", "Spent", "money"),
    _c("spent_by_source", "Vyčerpáno po zdrojích", "Spent by source"),
    _c("comment", "Komentář", "Comment"), _c("reasons", "Důvody", "Reasons"))


def evaluations_table(plan: Plan, lang: Lang) -> tuple[tuple[Cell, ...], ...]:
    period = plan.meta.period.years() if plan.meta else None
    return tuple((a.ref, a.title, e.year, label(e.status.value, lang) if e.status else None,
                  _money(planned_total(a, e.year, period)), _money(spent_total(a, e.year)),
                  _by_source(e.spent_by_source()), e.comment, _lines(e.reasons))
                 for a in _activities(plan)
                 for e in sorted(a.evaluations, key=lambda e: e.year))


BUDGET_COLUMNS = (
    _c("source", "Zdroj", "Source"), _c("source_name", "Název zdroje", "Source name"),
    _c("year", "Rok", "Year", "int"), _c("activities", "Aktivit", "Activities", "int"),
    _c("planned", "Plánováno", "Planned", "money"), _c("spent", "Vyčerpáno", "Spent", "money"))


def budget_table(plan: Plan, lang: Lang) -> tuple[tuple[Cell, ...], ...]:
    """Money by source and year of the plan's period, as the yearly report counts it
    (``query.money``): a source's row holds its own money only; money that a card names
    several sources for without a split is one row of its own, "–" the cards that name
    no source; rows do not overlap. Unknown money is an empty cell, never 0."""
    if plan.meta is None:
        return ()
    period = plan.meta.period.years()
    funding = plan.meta.funding_sources or {}
    rows = []
    cards = [([planned_buckets(a, year, period) for year in period],
              [spent_buckets(a, year, period) for year in period])
             for a in map(plan.whole, plan.activities)]
    for index, year in enumerate(period):
        money = money_rows(funding, [planned[index] for planned, _ in cards],
                           [spent[index] for _, spent in cards])
        rows += [(r.code or in_lang(_BUCKETS[r.kind], lang), r.name, year,
                  r.activities, _money(r.planned), _money(r.spent)) for r in money]
    return tuple(sorted(rows, key=lambda r: (_order(r[0], funding), r[2])))


_BUCKETS = {"unsplit": ("nerozděleno podle zdrojů", "not split by source"),
            "none": ("–", "–")}


def _order(code: Cell, funding: dict[str, str]) -> tuple[int, int, str]:
    """Sources of the codelist first in its order, then others by name, then the two
    rows without one source."""
    listed = list(funding)
    if code in listed:
        return 0, listed.index(str(code)), ""
    kinds = [cs for cs, _ in _BUCKETS.values()] + [en for _, en in _BUCKETS.values()]
    return (2, kinds.index(str(code)) % 2, "") if code in kinds else (1, 0, str(code))


def _money(value: float | None) -> int | float | None:
    """Whole units stay integers; a total divided over the years keeps two decimals."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 2)


SERVICE_COLUMNS = (
    _c("id", "Identifikátor", "Id"), _c("name", "Název", "Name"),
    _c("kind", "Druh", "Kind"), _c("paragraph", "§", "§"), _c("forms", "Formy", "Forms"),
    _c("provider", "Poskytovatel", "Provider"), _c("ico", "IČO", "ID number"),
    _c("address", "Adresa", "Address"), _c("groups", "Skupiny", "Groups"),
    _c("target_groups", "Cílové skupiny", "Target groups"), _c("area", "Území", "Area"),
    _c("hours", "Provozní doba", "Hours"), _c("staff", "Pracovníci", "Staff", "number"),
    _c("capacity", "Kapacita", "Capacity"), _c("website", "Web", "Website"),
    _c("certified_until", "Osvědčení do", "Certified until", "date"),
    _c("contacts", "Veřejné kontakty", "Public contacts"),
    _c("phones", "Telefony", "Phones"), _c("emails", "E-maily", "E-mails"))


def services_table(plan: Plan, lang: Lang) -> tuple[tuple[Cell, ...], ...]:
    rows = []
    for s in sorted(plan.services, key=lambda s: s.id):
        entry = service_entry(s)
        contacts = [", ".join(x for x in (c.name, c.role, c.phone, c.email) if x)
                    for c in entry.contacts]
        rows.append((s.id, s.name, entry.kind_name, entry.paragraph,
                     _join([label(f, lang) for f in entry.forms]), s.provider.name,
                     s.provider.ico, s.provider.address, _join(s.groups),
                     _join(s.target_groups), s.area, s.hours, s.staff,
                     _people([_capacity(c, lang) for c in entry.capacity]), s.website,
                     s.certified_until, _lines(contacts),
                     _join([p for c in s.contacts if c.public for p in c.phones]),
                     _join([m for c in s.contacts if c.public for m in c.emails])))
    return tuple(rows)


def _capacity(capacity: CapacityEntry, lang: Lang) -> str:
    shown = f"{format_number(capacity.value, lang)} {capacity.unit}"
    return f"{shown} ({capacity.note})" if capacity.note else shown


MEETING_COLUMNS = (
    _c("id", "Zápis", "Minutes"), _c("date", "Datum", "Date", "date"),
    _c("time", "Čas", "Time"), _c("group", "Skupina", "Group"), _c("kind", "Druh", "Kind"),
    _c("title", "Název", "Title"), _c("place", "Místo", "Place"),
    _c("activities", "Projednané aktivity", "Activities"),
    _c("decisions", "Usnesení", "Decisions"),
    _c("resolutions", "Čísla usnesení", "Resolution numbers"),
    _c("decided_amount", "Částka usnesení", "Decided amount", "money"),
    _c("tasks", "Úkolů", "Tasks", "int"), _c("next_meeting", "Příští schůzka", "Next meeting"))


def meetings_table(plan: Plan, lang: Lang) -> tuple[tuple[Cell, ...], ...]:
    rows = []
    for m in sorted(plan.meetings, key=lambda m: (m.date, m.file)):
        decisions = decision_entries(m)
        rows.append((meeting_id(m), m.date, m.time, m.group, label(m.kind.value, lang),
                     m.title, m.place, _join([m.resolve(r) for r in m.activities]),
                     _lines([d.text for d in decisions]), _resolutions(decisions),
                     _decided(decisions, lang), len(m.tasks),
                     str(m.next_meeting) if m.next_meeting else None))
    return tuple(rows)


def _resolutions(decisions: tuple[DecisionEntry, ...]) -> str | None:
    """A line a decision, as the decisions' cell has them ("–": one without a number);
    None when no decision has a number."""
    if not any(d.resolution for d in decisions):
        return None
    return "\n".join(d.resolution or "–" for d in decisions)


def _decided(decisions: tuple[DecisionEntry, ...], lang: Lang) -> Cell:
    """The money the meeting's decisions carry, added up; "neuvedeno" when one of them
    does not say how much; None when none carries money."""
    amounts = [d.amount for d in decisions if d.money]
    if not amounts:
        return None
    known = [a for a in amounts if a is not None]
    return sum(known) if len(known) == len(amounts) else in_lang(UNKNOWN_MONEY, lang)


UNKNOWN_MONEY = ("neuvedeno", "not given")


TASK_COLUMNS = (
    _c("meeting", "Zápis", "Minutes"), _c("meeting_date", "Datum schůzky", "Meeting date", "date"),
    _c("group", "Skupina", "Group"), _c("title", "Úkol", "Task"), _c("owner", "Kdo", "Owner"),
    _c("due", "Termín", "Due"), _c("due_day", "Termín (den)", "Due day", "date"),
    _c("status", "Stav", "Status"), _c("activity", "Aktivita", "Activity"))

def tasks_table(plan: Plan, lang: Lang) -> tuple[tuple[Cell, ...], ...]:
    return tuple((meeting_id(m), m.date, m.group, t.title, t.owner_text,
                  str(t.due) if t.due else None, t.due.last_day() if t.due else None,
                  task_status_label(t.status.value, lang),
                  m.resolve(t.activity) if t.activity else None)
                 for m in sorted(plan.meetings, key=lambda m: (m.date, m.file))
                 for t in m.tasks)


_Builder = Callable[[Plan, Lang], tuple[tuple[Cell, ...], ...]]
TABLES: dict[str, tuple[str, str, tuple[Column, ...], _Builder]] = {
    "activities": ("Aktivity", "Activities", ACTIVITY_COLUMNS, activities_table),
    "milestones": ("Harmonogram", "Milestones", MILESTONE_COLUMNS, milestones_table),
    "evaluations": ("Hodnocení", "Evaluations", EVALUATION_COLUMNS, evaluations_table),
    "budget": ("Rozpočet", "Budget", BUDGET_COLUMNS, budget_table),
    "services": ("Služby", "Services", SERVICE_COLUMNS, services_table),
    "meetings": ("Schůzky", "Meetings", MEETING_COLUMNS, meetings_table),
    "tasks": ("Úkoly", "Tasks", TASK_COLUMNS, tasks_table),
}


def table(plan: Plan, name: str, lang: Lang) -> Table:
    """One table by its name (a key of ``TABLES``)."""
    cs, en, columns, build = TABLES[name]
    currency = plan.meta.currency if plan.meta else "CZK"
    return Table(name, in_lang((cs, en), lang), columns, build(plan, lang), currency)


def all_tables(plan: Plan, lang: Lang) -> list[Table]:
    return [table(plan, name, lang) for name in TABLES]


# --- CSV ---------------------------------------------------------------------------------------

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP's list, TAB and CR included)."""


def guard(text: str) -> str:
    """A cell that a spreadsheet would read as a formula gets a leading ``'``; control
    characters are written as their stand-ins (``kplan.visible``), line feeds stay."""
    return printable_lines("'" + text if text.startswith(FORMULA_START) else text)


def csv_cell(value: Cell, decimal: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return guard(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value).replace(".", decimal)
    return str(value)


ROWS_A_PIECE = 5000
"""Rows of a CSV encoded at once."""


def csv_text(data: Table, sep: str, lang: Lang) -> str:
    """A header row, then the rows; dates in ISO form, numbers without thousands separators
    and with a decimal comma when the separator is ``;`` (Czech Excel), text that starts
    with = + - @ TAB CR guarded with ``'``. The caller adds the BOM."""
    return "".join(csv_pieces(data, sep, lang))


def csv_bytes(data: Table, sep: str, lang: Lang) -> bytes:
    """``csv_text`` after a BOM, in UTF-8, encoded a piece at a time: the text of a big
    table is never held whole beside its bytes."""
    return b"".join(piece.encode("utf-8") for piece in ("\ufeff", *csv_pieces(data, sep, lang)))


def csv_pieces(data: Table, sep: str, lang: Lang) -> Iterator[str]:
    """``csv_text`` a few thousand rows a piece."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    writer.writerow([c.header(lang) for c in data.columns])
    decimal = "," if sep == ";" else "."
    for number, row in enumerate(data.rows, 1):
        writer.writerow([csv_cell(value, decimal) for value in row])
        if number % ROWS_A_PIECE == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()
