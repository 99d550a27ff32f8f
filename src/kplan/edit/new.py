"""The files ``kplan new`` writes: the spec's fields, a Czech comment on each, the editor's
schema on the first line, in kplan's canonical style (what ``kplan fmt`` keeps)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from kplan.plan.model import STATUS_WORDS, Plan
from kplan.query.status import (
    DueItem,
    TaskRow,
    horizon,
    meeting_id,
    open_tasks,
    overdue_items,
    upcoming_items,
)
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


def activity_text(group: str, number: str, title: str | None,
                  implementers: Sequence[str] = (), partners: Sequence[str] = (),
                  responsible: str | None = None) -> str:
    measure = number.rpartition(".")[0] or number
    lines = [
        SCHEMA_LINE.format(up="../../", kind="activity"),
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
        f"responsible: {render_scalar(responsible)}",
        "# Stručný slovní popis: co aktivita dělá, jeden krok na řádek.",
        "description: []",
        "# Cílové skupiny: pro koho aktivita je.",
        "target_groups: []",
        "# Plánované výstupy: co má aktivita přinést.",
        "outputs: []",
        "# Neinvestiční náklady a finanční zdroje, např.:",
        "#   budget:",
        "#     amount: 200000        # celé koruny bez mezer",
        "#     per: year             # year = za rok, total = za celé období",
        "#     sources:",
        "#       - SMO",
        "budget: null",
        "# Území dopadu: kde aktivita působí.",
        "area: null",
        "# Přehled rizik.",
        "risks: []",
        "# Harmonogram: zásadní kroky s termínem (rok 2019, měsíc 2019-03 nebo den "
        "2019-03-31)",
        "# a stavem (planned, in_progress, done, postponed, cancelled). Krok přidáte příkazem",
        f"# kplan add milestone {group}/{number} --title \"…\" --due 2020",
        "milestones: []",
        "# Měřitelné cíle: name, unit, target a values po letech ({2020: 12}).",
        "indicators: []",
        "# Roční hodnocení: kplan evaluate "
        f"{group}/{number} --year 2020 --status on_track --spent 150000",
        "evaluations: []",
        "# Související aktivity jiných skupin: skupina/číslo.",
        "related: []",
        "# Čísla, která aktivita měla před přečíslováním.",
        "previous_numbers: []",
    ]
    return "\n".join(lines) + "\n"


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
        *_task_comments(plan, tasks),
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


def _task_comments(plan: Plan, tasks: Sequence[TaskRow]) -> list[str]:
    lines = ["# Úkoly ze schůzky: title, owner (kdo), due (termín), status (open, done, "
             "dropped),", "# activity (číslo aktivity v uvozovkách)."]
    if tasks:
        lines.append("# Otevřené úkoly z dřívějších zápisů; splněný označte příkazem u něj")
        lines.append("# (číslo je pořadí úkolu v zápisu, jak je čísluje kplan show SCHŮZKA):")
        positions = _positions(plan)
        for row in tasks:
            number = positions[row.meeting, row.title].pop(0)
            lines.append(f"#   kplan task done {row.meeting} {number}   # {_comment(row.title)}")
    return lines


def _positions(plan: Plan) -> dict[tuple[str, str], list[int]]:
    """The numbers ``kplan task done`` takes, by meeting and title (in the file's order)."""
    found: dict[tuple[str, str], list[int]] = {}
    for meeting in plan.meetings:
        for position, task in enumerate(meeting.tasks, 1):
            found.setdefault((meeting_id(meeting), task.title), []).append(position)
    return found
