"""The files ``kplan new`` writes: the spec's fields, a Czech comment on each, the editor's
schema on the first line, in kplan's canonical style (what ``kplan fmt`` keeps)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from kplan.plan.model import STATUS_WORDS, Plan
from kplan.query.status import DueItem, TaskRow, horizon, open_tasks, overdue_items, upcoming_items
from kplan.query.timeframe import Scope
from kplan.yamlio.textedit import render_scalar

SCHEMA_LINE = "# yaml-language-server: $schema={up}schemas/{kind}.schema.json"


def _q(value: str) -> str:
    """An id or number always in double quotes (``"3.2"``), as the data files have them."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _comment(text: str) -> str:
    """User data in a comment: one line, no control characters."""
    return " ".join(text.split())


def _block(key: str, items: Sequence[str], empty_note: str) -> list[str]:
    if not items:
        return [f"{key}: []  # {empty_note}"]
    return [f"{key}:", *(f"  - {item}" for item in items)]


def _listed(key: str, items: Sequence[str]) -> str:
    if not items:
        return f"{key}: []"
    return f"{key}: [" + ", ".join(render_scalar(i, flow=True) for i in items) + "]"


@dataclass(frozen=True, slots=True)
class StepText:
    title: str
    due: str | int
    status: str = "planned"
    done: str | None = None


@dataclass(frozen=True, slots=True)
class BudgetText:
    amount: int | None
    per: str | None
    sources: Sequence[str] | Mapping[str, int] = ()
    source_text: str | None = None
    """The source's own words, kept in a comment above the budget."""


@dataclass(frozen=True, slots=True)
class CardFields:
    """What a card holds beyond its number, title and people (``kplan import`` fills it)."""

    measure: str | None = None
    description: Sequence[str] = ()
    target_groups: Sequence[str] = ()
    outputs: Sequence[str] = ()
    budget: BudgetText | None = None
    area: str | None = None
    risks: Sequence[str] = ()
    milestones: Sequence[StepText] = ()
    indicators: Sequence[str] = ()
    source: str | None = None
    """Where the card came from, the comment under the schema line."""


def activity_text(group: str, number: str, title: str | None,
                  implementers: Sequence[str] = (), partners: Sequence[str] = (),
                  responsible: str | Sequence[str] | None = None,
                  fields: CardFields = CardFields()) -> str:
    """A new card; without ``group`` one of the plan as a whole (``activities/1.1.yaml``)."""
    measure = fields.measure or number.rpartition(".")[0] or number
    ref = f"{group}/{number}" if group else number
    lines = [
        SCHEMA_LINE.format(up="../../" if group else "../", kind="activity"),
        *([f"# Zdroj: {_comment(fields.source)}"] if fields.source else []),
        "# Karta aktivity komunitního plánu. Doplňte pole podle komentářů; co není známo,",
        "# nechte null nebo []. Kontrola: kplan validate.",
        "# Číslo aktivity v uvozovkách (priorita.opatření.aktivita); shoduje se s názvem "
        "souboru.",
        f"id: {_q(number)}",
        "# Název aktivity, jak ho uvádí plán.",
        f"title: {render_scalar(title or 'Doplňte název aktivity')}",
        "# Číslo opatření, do kterého aktivita patří (obvykle číslo aktivity bez poslední "
        "části).",
        f"measure: {_q(measure)}",
        "# Realizátor: kdo aktivitu provádí (organizace), jeden na řádek „- “.",
        _listed("implementers", implementers),
        "# Spolupracující subjekty: názvy organizací nebo identifikátory služeb ze services/.",
        _listed("partners", partners),
        "# Odpovědná osoba: jméno člověka, který za aktivitu odpovídá.",
        _responsible(responsible),
        "# Stručný slovní popis: co aktivita dělá, jeden krok na řádek.",
        *_block_list("description", fields.description),
        "# Cílové skupiny: pro koho aktivita je.",
        *_block_list("target_groups", fields.target_groups),
        "# Plánované výstupy: co má aktivita přinést.",
        *_block_list("outputs", fields.outputs),
        *_budget(fields.budget),
        "# Území dopadu: kde aktivita působí.",
        f"area: {render_scalar(fields.area)}",
        "# Přehled rizik.",
        *_block_list("risks", fields.risks),
        "# Harmonogram: zásadní kroky s termínem (rok 2019, měsíc 2019-03 nebo den "
        "2019-03-31)",
        "# a stavem (planned, in_progress, done, postponed, cancelled). Krok přidáte příkazem",
        f"# kplan add milestone {ref} --title \"…\" --due 2020",
        *_milestones(fields.milestones),
        "# Měřitelné cíle: name, unit, target a values po letech ({2020: 12}).",
        *_indicators(fields.indicators),
        "# Roční hodnocení: kplan evaluate "
        f"{ref} --year 2020 --status on_track --spent 150000",
        "evaluations: []",
        "# Související aktivity jiných skupin: skupina/číslo.",
        "related: []",
        "# Čísla, která aktivita měla před přečíslováním.",
        "previous_numbers: []",
    ]
    return "\n".join(lines) + "\n"


def _responsible(responsible: str | Sequence[str] | None) -> str:
    if responsible is None or isinstance(responsible, str):
        return f"responsible: {render_scalar(responsible)}"
    return _listed("responsible", responsible)


def _block_list(key: str, items: Sequence[str]) -> list[str]:
    if not items:
        return [f"{key}: []"]
    return [f"{key}:", *(f"  - {render_scalar(item)}" for item in items)]


_BUDGET_EXAMPLE = [
    "# Neinvestiční náklady a finanční zdroje, např.:",
    "#   budget:",
    "#     amount: 200000        # celé koruny bez mezer",
    "#     per: year             # year = za rok, total = za celé období",
    "#     sources:",
    "#       - SMO",
    "budget: null",
]


def _budget(budget: BudgetText | None) -> list[str]:
    if budget is None:
        return _BUDGET_EXAMPLE
    lines = ["# Neinvestiční náklady a finanční zdroje (amount v celých korunách; per: year",
             "# = za rok, total = za celé období)."]
    if budget.source_text:
        lines.append(f"# Podklad: „{_comment(budget.source_text)}“")
    lines += ["budget:", f"  amount: {render_scalar(budget.amount)}",
              f"  per: {budget.per or 'year'}"]
    if isinstance(budget.sources, Mapping):
        lines.append("  sources:" if budget.sources else "  sources: []")
        lines += [f"    {render_scalar(name)}: {amount}" for name, amount
                  in budget.sources.items()]
    else:
        lines += [f"  {line}" for line in _block_list("sources", budget.sources)]
    return lines


def _milestones(steps: Sequence[StepText]) -> list[str]:
    if not steps:
        return ["milestones: []"]
    lines = ["milestones:"]
    for step in steps:
        lines += [f"  - title: {render_scalar(step.title)}", f"    due: {render_scalar(step.due)}",
                  f"    status: {step.status}"]
        if step.done:
            lines.append(f"    done: {step.done}")
    return lines


def _indicators(names: Sequence[str]) -> list[str]:
    if not names:
        return ["indicators: []"]
    return ["indicators:", *(f"  - name: {render_scalar(name)}" for name in names)]


def service_text(service_id: str, name: str | None, kind: str) -> str:
    lines = [
        SCHEMA_LINE.format(up="../", kind="service"),
        "# Sociální služba registrovaná podle zákona 108/2006 Sb. Doplňte pole podle "
        "komentářů;",
        "# co není známo, nechte null nebo []. Kontrola: kplan validate.",
        "# Identifikátor služby (malá písmena, číslice, pomlčky); shoduje se s názvem souboru.",
        f"id: {service_id}",
        "# Název služby.",
        f"name: {render_scalar(name or 'Doplňte název služby')}",
        "# Poskytovatel: název, IČO (8 číslic v uvozovkách) a adresa.",
        "provider:",
        "  name: Doplňte poskytovatele",
        "  ico: null",
        "  address: null",
        "# Druh služby podle zákona 108/2006 Sb. (název jako identifikátor, např. "
        "terenni-programy",
        "# pro §69, kontaktni-centra pro §59; seznam napoví editor se schématem).",
        f"kind: {kind}",
        "# Identifikátor služby v registru poskytovatelů sociálních služeb.",
        "registry_id: null",
        "# Pracovní skupiny plánu, do kterých služba patří (identifikátory z plan.yaml).",
        "groups: []",
        "# Cílové skupiny: pro koho služba je.",
        "target_groups: []",
        "# Území, kde služba působí.",
        "area: null",
        "# Provozní doba v uvozovkách, např. \"Po–Pá 9:00–16:00\".",
        "hours: null",
        "# Počet pracovníků (nebo úvazků) v přímé péči.",
        "staff: null",
        "# Konec platnosti osvědčení odborné způsobilosti (RRRR-MM-DD), je-li.",
        "certified_until: null",
        "# Kontakty: name, role, phone (v uvozovkách), email a public (true jen pro kontakty,",
        "# které smějí do veřejných výstupů).",
        "contacts: []",
    ]
    return "\n".join(lines) + "\n"


def meeting_text(plan: Plan, group: str, day: date, title: str | None) -> str:
    """Minutes to fill in, with the agenda and the tasks the group must look at: what is
    overdue, what falls due before the next meeting, the open tasks of earlier minutes."""
    scope = Scope(day, group)
    overdue = overdue_items(plan, scope)
    upcoming = upcoming_items(plan, scope, horizon(plan, scope))
    tasks = [t for t in open_tasks(plan, scope) if t.meeting_date < day]
    milestones = [i for i in overdue + upcoming if i.kind.value == "milestone"]
    agenda = [render_scalar(_agenda_item(i, i in overdue)) for i in milestones]
    agenda += [render_scalar(_task_item(t)) for t in tasks]
    numbers = sorted({i.activity.rpartition("/")[2] for i in milestones if i.activity},
                     key=lambda n: tuple(int(p) for p in n.split(".")))
    meta = plan.meta.group(group) if plan.meta else None
    heading = title or f"Zápis z jednání – {meta.name if meta else group}"
    lines = [
        SCHEMA_LINE.format(up="../", kind="meeting"),
        "# Zápis ze schůzky pracovní skupiny. Doplňte pole podle komentářů; co není známo,",
        "# nechte null nebo []. Kontrola: kplan validate.",
        "# Den schůzky (RRRR-MM-DD); shoduje se s názvem souboru.",
        f"date: {day.isoformat()}",
        "# Čas v uvozovkách, např. \"09:00–11:00\".",
        "time: null",
        "# Pracovní skupina (identifikátor z plan.yaml).",
        f"group: {group}",
        "# Druh: working_group (pracovní skupina), round_table (kulatý stůl) nebo workshop.",
        "kind: working_group",
        "# Název nebo předmět jednání.",
        f"title: {render_scalar(heading)}",
        "# Kde se jednalo.",
        "place: null",
        "# Přítomní: jména nebo organizace, jeden na řádek „- “.",
        "attendees: []",
        "# Kdo zápis zpracoval.",
        "minutes_by: null",
        "# Program. kplan předvyplnil, co má skupina projednat: kroky harmonogramu po termínu,",
        f"# kroky s termínem do příští schůzky a otevřené úkoly z dřívějších zápisů (k {day}).",
        *_block("agenda", agenda, "skupina nemá nic po termínu ani otevřené úkoly"),
        "# Projednané aktivity: čísla v uvozovkách.",
        *_block("activities", [f'"{n}"' for n in numbers], "doplňte čísla projednaných aktivit"),
        "# Zápis: volný text; víc řádků zapište za „notes: |“ odsazené o dvě mezery.",
        "notes: null",
        "# Usnesení: na čem se skupina shodla, jedno na řádek.",
        "decisions: []",
        *_task_comments(tasks),
        "tasks: []",
        "# Kdy se skupina sejde příště: rok, měsíc (2025-03) nebo den.",
        "next_meeting: null",
    ]
    return "\n".join(lines) + "\n"


def _agenda_item(item: DueItem, overdue: bool) -> str:
    number = item.activity.rpartition("/")[2] if item.activity else ""
    when = "Po termínu" if overdue else "Do příští schůzky"  # a dash, not a colon: no quotes
    status = STATUS_WORDS["milestone"].get(item.status, (item.status,))[0]
    return f"{when} – {number} {_comment(item.title)} (termín {item.due}, {status})"


def _task_item(row: TaskRow) -> str:
    due = f", termín {row.due}" if row.due else ""
    owner = f", {row.owner}" if row.owner else ""
    return f"Úkol ze schůzky {row.meeting_date.isoformat()} – {_comment(row.title)}{owner}{due}"


def _task_comments(tasks: Sequence[TaskRow]) -> list[str]:
    lines = ["# Úkoly ze schůzky: title, owner (kdo), due (termín), status (open, done, "
             "dropped),", "# activity (číslo aktivity v uvozovkách)."]
    if tasks:
        lines.append("# Otevřené úkoly z dřívějších zápisů; splněný označte příkazem")
        lines.append("# kplan task done SCHŮZKA \"část názvu\" (nebo pořadí úkolu v zápisu):")
        for row in tasks:
            lines.append(f"#   {row.meeting}: {_comment(row.title)}")
    return lines
