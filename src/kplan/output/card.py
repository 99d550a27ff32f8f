"""`kplan show`: one activity card, service or meeting as a document for reading."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import partial

from kplan.i18n import Lang, say
from kplan.output.blocks import (
    Block,
    Bullets,
    Cell,
    Column,
    Fields,
    Heading,
    Para,
    Table,
    row,
    table,
)
from kplan.output.format import format_day, format_due, format_money, format_number, label
from kplan.output.views import DASH, activity_table, task_table
from kplan.plan.activity import Baseline, Budget, Evaluation, ExternalActivity, Indicator
from kplan.plan.meeting import Decision
from kplan.plan.needs import Need
from kplan.plan.service import Capacity, Service, ServiceKind
from kplan.plan.statuses import Direction
from kplan.query.catalog import ActivityCard, MeetingCard, ServiceCard
from kplan.query.status import meeting_id

_WORDS: dict[str, tuple[str, str]] = {
    "group": ("Skupina", "Group"),
    "implementers": ("Realizátor", "Implementers"),
    "partners": ("Spolupracující subjekty", "Partners"),
    "responsible": ("Odpovědná osoba", "Responsible"),
    "budget": ("Náklady a zdroje", "Cost and funding"),
    "area": ("Území", "Area"),
    "related": ("Související aktivity", "Related activities"),
    "after": ("Navazuje na", "Comes after"),
    "unknown": ("neuvedeno", "not given"),
    "decided_unknown": ("částka: neuvedeno", "amount: not given"),
    "budget_years": ("Po letech", "By year"),
    "baseline": ("Výchozí stav", "Baseline"),
    "reasons": ("Důvody", "Reasons"),
    "forms": ("Formy", "Forms"),
    "capacity": ("Kapacita", "Capacity"),
    "website": ("Web", "Website"),
    "previous": ("Dřívější čísla", "Previous numbers"),
    "file": ("Soubor", "File"),
    "description": ("Stručný popis", "Description"),
    "target_groups": ("Cílové skupiny", "Target groups"),
    "outputs": ("Plánované výstupy", "Planned outputs"),
    "risks": ("Rizika", "Risks"),
    "needs": ("Odpovídá na potřeby", "Answers the needs"),
    "milestones": ("Harmonogram", "Milestones"),
    "no_milestones": ("Harmonogram není uveden.", "No milestones are given."),
    "due": ("Termín", "Due"),
    "step": ("Krok", "Milestone"),
    "position": ("Č.", "No."),
    "state": ("Stav", "Status"),
    "done_on": ("Splněno", "Done on"),
    "note": ("Poznámka", "Note"),
    "overdue": ("po termínu", "overdue"),
    "indicators": ("Ukazatele", "Indicators"),
    "indicator": ("Ukazatel", "Indicator"),
    "unit": ("Jednotka", "Unit"),
    "target": ("Cíl", "Target"),
    "values": ("Hodnoty", "Values"),
    "evaluations": ("Hodnocení", "Evaluations"),
    "year": ("Rok", "Year"),
    "spent": ("Vyčerpáno", "Spent"),
    "comment": ("Komentář", "Comment"),
    "meetings": ("Schůzky", "Meetings"),
    "date": ("Datum", "Date"),
    "kind": ("Druh", "Kind"),
    "title": ("Název", "Title"),
    "tasks": ("Úkoly", "Tasks"),
    "status_line": ("Stav k {day}", "Status as of {day}"),
    "id": ("Identifikátor", "Id"),
    "provider": ("Poskytovatel", "Provider"),
    "ico": ("IČO", "Company id (IČO)"),
    "address": ("Adresa", "Address"),
    "registry": ("Identifikátor v registru", "Registry id"),
    "groups": ("Skupiny", "Groups"),
    "hours": ("Provozní doba", "Hours"),
    "staff": ("Pracovníci", "Staff"),
    "certified": ("Osvědčení do", "Certified until"),
    "contacts": ("Kontakty", "Contacts"),
    "name": ("Jméno", "Name"),
    "role": ("Role", "Role"),
    "phone": ("Telefon", "Phone"),
    "email": ("E-mail", "E-mail"),
    "hidden": ("Neveřejné kontakty ({count}) jsou jen v souboru {file}.",
               "Non-public contacts ({count}) are only in the file {file}."),
    "using": ("Aktivity, které službu uvádějí", "Activities that name the service"),
    "meeting": ("Schůzka {day}", "Meeting of {day}"),
    "time": ("Čas", "Time"),
    "place": ("Místo", "Place"),
    "minutes_by": ("Zapsal(a)", "Minutes by"),
    "attendees": ("Přítomní", "Attendees"),
    "next_meeting": ("Příští schůzka", "Next meeting"),
    "agenda": ("Program", "Agenda"),
    "discussed": ("Projednané aktivity", "Activities discussed"),
    "missing": ("(karta v plánu není)", "(no such card in the plan)"),
    "notes": ("Zápis", "Notes"),
    "decisions": ("Usnesení", "Decisions"),
}


words = partial(say, _WORDS)


def _section(title: str, items: Sequence[str]) -> list[Block]:
    return [Heading(title, 2), Bullets(tuple(items))] if items else []


def _needs(found: Sequence[tuple[str, Need | None]], lang: Lang) -> list[str]:
    from kplan.output.needs import kind_label

    return [f"{ref}: {need.text} ({kind_label(need.kind, lang)})" if need is not None
            else ref for ref, need in found]


def _fields(items: Sequence[tuple[str, str | None]]) -> Fields:
    return Fields(tuple((name, value) for name, value in items if value))


def activity_doc(card: ActivityCard, lang: Lang) -> list[Block]:
    activity, w = card.activity, partial(words, lang=lang)
    partners = [f"{p} ({card.services[p].name}, {card.services[p].provider.name})"
                if p in card.services else p for p in activity.partners]
    budget = activity.budget
    group = f"{card.group_name} ({activity.group})" if card.group_name else activity.group
    blocks: list[Block] = [
        Heading(f"{activity.id} {activity.title}"),
        _fields([(w("group"), group), (w("implementers"), ", ".join(activity.implementers)),
                 (w("partners"), ", ".join(partners)),
                 (w("responsible"), activity.responsible_text or DASH),
                 (w("budget"), _cost(budget, card.currency, lang) if budget else None),
                 (w("budget_years"), _budget_years(budget, card.currency, lang)
                  if budget else None),
                 (w("note"), budget.note if budget else None), (w("area"), activity.area),
                 (w("after"), ", ".join(activity.after)),
                 (w("related"), ", ".join(map(_related, activity.related))),
                 (w("previous"), ", ".join(activity.previous_numbers)),
                 (w("file"), activity.file)]),
        Heading(words("status_line", lang, day=format_day(card.as_of, lang)), 2),
        activity_table([card.status], lang),
        *_section(w("description"), activity.description),
        *_section(w("target_groups"), activity.target_groups),
        *_section(w("outputs"), activity.outputs),
        *_section(w("risks"), activity.risks),
        *_section(w("needs"), _needs(card.needs, lang)),
        Heading(w("milestones"), 2),
    ]
    lines = [row(f"{position}.",
                 Cell(format_due(m.due, lang), "red" if m.is_overdue(card.as_of) else ""),
                 m.title, label(m.status.value, lang) + (
                     f", {w('overdue')}" if m.is_overdue(card.as_of) else ""),
                 format_day(m.done, lang) if m.done else "", m.note)
             for position, m in enumerate(activity.milestones, 1)]
    blocks.append(table((w("position"), w("due"), Column(w("step"), wrap=1), w("state"),
                         w("done_on"), Column(w("note"), wrap=1)), lines) if lines
                  else Para(w("no_milestones")))
    return blocks + _indicators(card, lang) + _evaluations(card, lang) + _mentions(card, lang)


def _money_split(amounts: dict[str, int], currency: str, lang: Lang) -> str:
    return ", ".join(f"{name} {format_money(value, currency, lang)}"
                     for name, value in amounts.items())


def _cost(budget: Budget, currency: str, lang: Lang) -> str:
    """``200 000 Kč ročně (SMO, MPSV)``, by source when split; an unknown amount as such."""
    total = budget.amount if budget.amount is not None else budget.total_of_sources()
    amount = words("unknown", lang) if total is None else format_money(total, currency, lang)
    split = budget.split()
    sources = _money_split(split, currency, lang) if split else ", ".join(budget.sources)
    return f"{amount} {label(budget.per.value, lang)}" + (f" ({sources})" if sources else "")


def _budget_years(budget: Budget, currency: str, lang: Lang) -> str:
    return "; ".join(f"{year}: " + (_money_split(given, currency, lang)
                                    if isinstance(given, dict)
                                    else format_money(given, currency, lang))
                     for year, given in sorted(budget.years.items()))


def _related(related: str | ExternalActivity) -> str:
    if isinstance(related, str):
        return related
    return " ".join(part for part in (related.plan, related.id, related.url) if part)


def _goal(indicator: Indicator, lang: Lang) -> str:
    """The target, or the change against the baseline (``-100``), and the direction."""
    if indicator.target is not None:
        shown = format_number(indicator.target, lang)
    elif indicator.change is not None:
        shown = ("+" if indicator.change > 0 else "") + format_number(indicator.change, lang)
    else:
        return DASH
    return shown if indicator.direction is Direction.INCREASE else \
        f"{shown} ({label(indicator.direction.value, lang)})"


def _baseline(indicator: Indicator, lang: Lang) -> str:
    value = indicator.baseline_value()
    if value is None:
        return DASH
    year = indicator.baseline.year if isinstance(indicator.baseline, Baseline) else None
    return format_number(value, lang) + (f" ({year})" if year else "")


def _indicators(card: ActivityCard, lang: Lang) -> list[Block]:
    w = partial(words, lang=lang)
    indicators = card.activity.indicators
    with_baseline = any(i.baseline is not None for i in indicators)
    lines = [row(i.name, i.unit, *([_baseline(i, lang)] if with_baseline else []),
                 _goal(i, lang), ", ".join(f"{y}: {format_number(v, lang)}"
                                           for y, v in sorted(i.values.items())))
             for i in indicators]
    columns: tuple[Column | str, ...] = (Column(w("indicator"), wrap=1), w("unit"),
               *([w("baseline")] if with_baseline else []), w("target"),
               Column(w("values"), wrap=1))
    return [Heading(w("indicators"), 2), table(columns, lines)] if lines else []


def _spent(evaluation: Evaluation, currency: str, lang: Lang) -> str:
    split = evaluation.spent_by_source()
    if split is not None:
        return _money_split(split, currency, lang)
    total = evaluation.spent_total()
    return format_money(total, currency, lang) if total is not None else DASH


def _verdict(evaluation: Evaluation, lang: Lang) -> str:
    """The comment, then the reasons outside the plan's control."""
    reasons = f"{words('reasons', lang)}: {', '.join(evaluation.reasons)}" \
        if evaluation.reasons else ""
    return "\n".join(part for part in (evaluation.comment, reasons) if part)


def _evaluations(card: ActivityCard, lang: Lang) -> list[Block]:
    w = partial(words, lang=lang)
    lines = [row(str(e.year), label(e.status.value, lang) if e.status else DASH,
                 _spent(e, card.currency, lang), _verdict(e, lang))
             for e in sorted(card.activity.evaluations, key=lambda e: e.year)]
    return [Heading(w("evaluations"), 2),
            table((w("year"), w("state"), Column(w("spent"), right=True),
                   Column(w("comment"), wrap=1)), lines)] if lines else []


def _mentions(card: ActivityCard, lang: Lang) -> list[Block]:
    w = partial(words, lang=lang)
    blocks: list[Block] = []
    if card.meetings:
        blocks += [Heading(w("meetings"), 2), table(
            (w("date"), w("kind"), Column(w("title"), wrap=1)),
            [row(format_day(m.date, lang), label(m.kind.value, lang),
                 f"{m.title or DASH}\n{meeting_id(m)}") for m in card.meetings])]
    if card.tasks:
        blocks += [Heading(w("tasks"), 2), task_table(card.tasks, lang, with_status=True)]
    return blocks


def service_doc(card: ServiceCard, lang: Lang) -> list[Block]:
    service, w = card.service, partial(words, lang=lang)
    groups = ", ".join(f"{card.group_names[g]} ({g})" if g in card.group_names else g
                       for g in service.groups)
    public = [c for c in service.contacts if c.public]
    hidden = len(service.contacts) - len(public)
    blocks: list[Block] = [
        Heading(f"{service.name} ({service.provider.name})"),
        _fields([(w("id"), service.id), (w("provider"), service.provider.name),
                 (w("ico"), service.provider.ico), (w("address"), service.provider.address),
                 (w("kind"), _kind(service)),
                 (w("forms"), ", ".join(label(f.value, lang) for f in service.forms)),
                 (w("registry"), service.registry_id), (w("groups"), groups),
                 (w("area"), service.area), (w("hours"), service.hours),
                 (w("staff"), format_number(service.staff, lang)
                  if service.staff is not None else None),
                 (w("capacity"), "; ".join(_capacity(c, lang) for c in service.capacity)),
                 (w("website"), service.website),
                 (w("certified"), format_day(service.certified_until, lang)
                  if service.certified_until else None),
                 (w("file"), service.file)]),
        *_section(w("target_groups"), service.target_groups),
        *_section(w("needs"), _needs(card.needs, lang)),
    ]
    if public:
        blocks += [Heading(w("contacts"), 2), table(
            (Column(w("name"), wrap=1), Column(w("role"), wrap=1), w("phone"),
             w("email")), [row(c.name, c.role, "\n".join(c.phones), "\n".join(c.emails))
                           for c in public])]
    if hidden:
        blocks.append(Para(words("hidden", lang, count=hidden, file=service.file)))
    return blocks + _section(w("using"), [f"{a.id} {a.title} ({a.group})"
                                          for a in card.activities])


def _kind(service: Service) -> str:
    if service.kind is ServiceKind.OTHER:
        return service.kind_name or service.kind.value
    return f"{service.kind.paragraph} {service.kind.value}"


def _capacity(capacity: Capacity, lang: Lang) -> str:
    shown = f"{format_number(capacity.value, lang)} {capacity.unit}"
    return f"{shown} ({capacity.note})" if capacity.note else shown


def meeting_doc(card: MeetingCard, lang: Lang) -> list[Block]:
    meeting, w = card.meeting, partial(words, lang=lang)
    group = f"{card.group_name} ({meeting.group})" if card.group_name else meeting.group
    day = format_day(meeting.date, lang)
    discussed = [f"{ref.rpartition('/')[2]} {title}" if title else f"{ref} {w('missing')}"
                 for ref, title in card.activities]
    blocks: list[Block] = [
        Heading(meeting.title or words("meeting", lang, day=day)),
        _fields([(w("date"), day), (w("time"), meeting.time), (w("group"), group),
                 (w("kind"), label(meeting.kind.value, lang)), (w("place"), meeting.place),
                 (w("minutes_by"), meeting.minutes_by),
                 (w("attendees"), ", ".join(meeting.attendees)),
                 (w("next_meeting"), format_due(meeting.next_meeting, lang)
                  if meeting.next_meeting else None),
                 (w("file"), meeting.file)]),
        *_section(w("agenda"), meeting.agenda),
        *_section(w("discussed"), discussed),
    ]
    if meeting.notes:
        blocks += [Heading(w("notes"), 2), Para(meeting.notes)]
    blocks += _section(w("decisions"), [_decision(d, card.currency, lang)
                                        for d in meeting.decisions])
    if card.tasks:
        blocks += [Heading(w("tasks"), 2),
                   _numbered(task_table(card.tasks, lang, with_status=True), w("position"))]
    return blocks


def _decision(decision: str | Decision, currency: str, lang: Lang) -> str:
    """``Dotace na terénní službu (usnesení RM č. 12/2022; 150 000 Kč)``."""
    if isinstance(decision, str):
        return decision
    extra = [decision.resolution or "", _decided(decision, currency, lang)]
    said = "; ".join(part for part in extra if part)
    return f"{decision.text} ({said})" if said else decision.text


def _decided(decision: Decision, currency: str, lang: Lang) -> str:
    """The decision's money; "částka: neuvedeno" when the minutes write ``amount: null``."""
    if decision.amount is not None:
        return format_money(decision.amount, currency, lang)
    return words("decided_unknown", lang) if "amount" in decision.model_fields_set else ""


def _numbered(block: Block, header: str) -> Block:
    """The rows numbered 1., 2., … in a first column: the numbers kplan task done takes."""
    assert isinstance(block, Table)
    return replace(block, columns=(Column(header), *block.columns), rows=tuple(
        replace(line, cells=(Cell(f"{position}."), *line.cells))
        for position, line in enumerate(block.rows, 1)))
