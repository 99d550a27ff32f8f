"""The files ``kplan new`` writes: the spec's fields, a Czech comment on each, the editor's
schema on the first line, in kplan's canonical style (what ``kplan fmt`` keeps)."""

from __future__ import annotations

import textwrap
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from kplan.edit.problem import EditProblem
from kplan.i18n import LANGS, say
from kplan.plan.activity import Activity
from kplan.plan.base import BaseModel
from kplan.plan.meeting import Meeting
from kplan.plan.model import Plan
from kplan.plan.needs import NeedsAnalysis
from kplan.plan.service import Service
from kplan.plan.statuses import STATUS_WORDS
from kplan.query.status import (
    DueItem,
    TaskRow,
    horizon,
    known_groups,
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


def field_comment(model: type[BaseModel], key: str) -> list[str]:
    """``# Title: description`` of a model's field, wrapped: the comment ``kplan new``
    writes above it (the same words as the editor's schema); for a list of mappings, the
    keys of an item too."""
    info = model.model_fields[key]
    text = f"{info.title}: {info.description}"
    item = _item_model(info.annotation)
    if item is not None:
        text += f" Položka: {', '.join(item.model_fields)}."
    inner = _inner_model(info.annotation) if item is None else None
    if inner is not None:
        text += f" Klíče: {', '.join(inner.model_fields)}."
    return ["# " + line for line in textwrap.wrap(_comment(text), 90)]


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """The model of a mapping field (``Budget | None`` → ``Budget``), or None."""
    for option in (annotation, *typing.get_args(annotation)):
        if isinstance(option, type) and issubclass(option, BaseModel):
            return option
    return None


def _item_model(annotation: Any) -> type[BaseModel] | None:
    """The model of a list's items (``list[Milestone]`` → ``Milestone``), or None."""
    if typing.get_origin(annotation) is not list:
        return None
    (item,) = typing.get_args(annotation)
    return item if isinstance(item, type) and issubclass(item, BaseModel) else None


def _default(info: Any) -> str:
    """A field's default as the files write it (a required one: null, to fill in)."""
    if info.default_factory is not None:
        return "[]"
    value = None if info.is_required() else info.default
    if value is None:
        return "null"
    return render_scalar(value.value if isinstance(value, StrEnum) else value)


def fields_text(model: type[BaseModel], values: dict[str, list[str]],
                notes: dict[str, list[str]] | None = None) -> list[str]:
    """Every field of ``model`` in its order: its comment, any ``notes`` for it, then the
    lines of ``values`` (or ``key: default``). A field the model gains appears by itself."""
    lines: list[str] = []
    for key, info in model.model_fields.items():
        lines += field_comment(model, key)
        lines += (notes or {}).get(key, [])
        lines += values.get(key, [f"{key}: {_default(info)}"])
    return lines


def activity_text(group: str, number: str, title: str | None,
                  implementers: Sequence[str] = (), partners: Sequence[str] = (),
                  responsible: str | Sequence[str] | None = None,
                  fields: CardFields = CardFields()) -> str:
    """A new card; without ``group`` one of the plan as a whole (``activities/1.1.yaml``).
    Every field of the model is written, each under the comment made from its title and
    description; ``fields`` fills what ``kplan import`` found."""
    measure = fields.measure or number.rpartition(".")[0]
    ref = f"{group}/{number}" if group else number
    values = {
        "id": [f"id: {_q(number)}"],
        "title": [f"title: {render_scalar(title or 'Doplňte název aktivity')}"],
        "measure": [f"measure: {_q(measure)}" if measure else "measure: null"],
        "implementers": [_listed("implementers", implementers)],
        "partners": [_listed("partners", partners)],
        "responsible": [_responsible(responsible)],
        "description": _block_list("description", fields.description),
        "target_groups": _block_list("target_groups", fields.target_groups),
        "outputs": _block_list("outputs", fields.outputs),
        "area": [f"area: {render_scalar(fields.area)}"],
        "risks": _block_list("risks", fields.risks),
        "milestones": _milestones(fields.milestones),
        "indicators": _indicators(fields.indicators),
    }
    if fields.budget is not None:
        values["budget"] = _budget(fields.budget)
    notes = {
        "budget": [] if fields.budget is not None else [
            "# Např.:", "#   budget:", "#     amount: 200000        # celé koruny bez mezer",
            "#     per: year             # year (rok) = za rok, total (celkem) = za "
            "celé období", "#     sources: {SMO: 120000, MPSV: 80000}   # nebo [SMO]"],
        "milestones": [f"# Krok přidáte příkazem kplan add milestone {ref} "
                       "--title \"…\" --due 2020"],
        "evaluations": [f"# Roční hodnocení: kplan evaluate {ref} --year 2020 "
                        "--status on_track --spent 150000"],
    }
    lines = [
        SCHEMA_LINE.format(up="../../" if group else "../", kind="activity"),
        *([f"# Zdroj: {_comment(fields.source)}"] if fields.source else []),
        "# Karta aktivity komunitního plánu. Doplňte pole podle komentářů; co není známo,",
        "# nechte null nebo []. Kontrola: kplan validate.",
        *fields_text(Activity, values, notes),
    ]
    return "\n".join(lines) + "\n"


def card_measure(plan: Plan, group: str, number: str) -> str | None:
    """The heading a new card sits under: the longest proper prefix of its number that
    plan.yaml defines for its group (``""``: the plan's own priorities), else the number
    without its last part; None for a one-part number (it sits directly under its group)."""
    index = plan.meta.heading_index(group) if plan.meta else {}
    parts = number.split(".")
    prefixes = [".".join(parts[:n]) for n in range(len(parts) - 1, 0, -1)]
    return next((p for p in prefixes if p in index), prefixes[0] if prefixes else None)


def card_group(plan: Plan, group: str | None, whole_plan: bool) -> str:
    """The group of a new card: the one named, or ``""`` (the plan as a whole) when none
    is; a plan with working groups writes such a card only when asked (``whole_plan``)."""
    known = known_groups(plan)
    if group is None and known and not whole_plan:
        raise _card_problem("choose", known=", ".join(known))
    if group is not None and group not in known:
        raise _card_problem("unknown" if known else "no_groups", group=group,
                            known=", ".join(known))
    return group or ""


def _card_problem(key: str, **args: str) -> EditProblem:
    cs, en = (say(_CARD_GROUP, key, lang, **args) for lang in LANGS)
    return EditProblem(cs, en)


_CARD_GROUP = {
    "choose": ("Plán má pracovní skupiny ({known}). Napište skupinu před číslo (kplan new "
               "activity SKUPINA ČÍSLO), nebo pro kartu plánu jako celku přidejte --whole-plan.",
               "The plan has working groups ({known}). Put the group before the number (kplan "
               "new activity GROUP NUMBER), or add --whole-plan for a card of the plan as a "
               "whole."),
    "unknown": ("Skupina „{group}“ v plan.yaml není; známé: {known}.",
                "No group '{group}' in plan.yaml; known: {known}."),
    "no_groups": ("Skupina „{group}“ v plan.yaml není; plán nemá pracovní skupiny. Kartu "
                  "plánu jako celku založíte bez skupiny: kplan new activity ČÍSLO.",
                  "No group '{group}' in plan.yaml; the plan has no working groups. Write a "
                  "card of the plan as a whole without a group: kplan new activity NUMBER."),
}


def _responsible(responsible: str | Sequence[str] | None) -> str:
    if responsible is None or isinstance(responsible, str):
        return f"responsible: {render_scalar(responsible)}"
    return _listed("responsible", responsible)


def _block_list(key: str, items: Sequence[str]) -> list[str]:
    if not items:
        return [f"{key}: []"]
    return [f"{key}:", *(f"  - {render_scalar(item)}" for item in items)]




def _budget(budget: BudgetText) -> list[str]:
    lines = []
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
    values = {
        "id": [f"id: {service_id}"],
        "name": [f"name: {render_scalar(name or 'Doplňte název služby')}"],
        "provider": ["provider:", "  name: Doplňte poskytovatele", "  ico: null",
                     "  address: null"],
        "kind": [f"kind: {kind}"],
    }
    notes = {
        "kind": ["# Seznam druhů napoví editor se schématem (terenni-programy pro §69, "
                 "kontaktni-centra pro §59)."],
        "contacts": ["# Každý kontakt: name nebo role, phone (v uvozovkách), email, public."],
    }
    lines = [
        SCHEMA_LINE.format(up="../", kind="service"),
        "# Sociální služba (registrovaná podle zákona 108/2006 Sb., nebo kind: other). Doplňte "
        "pole",
        "# podle komentářů; co není známo, nechte null nebo []. Kontrola: kplan validate.",
        *fields_text(Service, values, notes),
    ]
    return "\n".join(lines) + "\n"


def need_analysis_text(analysis_id: str, title: str | None) -> str:
    """A needs analysis to fill in: every field with its comment, the needs as an example."""
    values = {"id": [f"id: {analysis_id}"],
              "title": [f"title: {render_scalar(title or 'Doplňte název analýzy')}"]}
    notes = {
        "date": ["# Např. date: 2022-04-11, date: 2022-04 nebo date: 2022."],
        "needs": ["# Např.:", "#   needs:", "#     - id: nizkoprahove-bydleni",
                  "#       text: Nízkoprahové bydlení (princip housing first)",
                  "#       kind: chceme",
                  f"# Aktivita nebo služba na potřebu odpovídá polem needs: [{analysis_id}/"
                  "nizkoprahove-bydleni]."],
    }
    lines = [
        SCHEMA_LINE.format(up="../", kind="needs"),
        "# Analýza potřeb: co zjistil workshop, schůzka nebo šetření. Doplňte pole podle",
        "# komentářů; co není známo, nechte null nebo []. Kontrola: kplan validate, přehled:",
        "# kplan needs.",
        *fields_text(NeedsAnalysis, values, notes),
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
    values = {
        "date": [f"date: {day.isoformat()}"],
        "group": [f"group: {group}"],
        "title": [f"title: {render_scalar(heading)}"],
        "agenda": _block("agenda", agenda, "skupina nemá nic po termínu ani otevřené úkoly"),
        "activities": _block("activities", [f'"{n}"' for n in numbers],
                             "doplňte čísla projednaných aktivit"),
        "tasks": ["tasks: []"],
    }
    notes = {
        "agenda": ["# kplan předvyplnil, co má skupina projednat: kroky harmonogramu po "
                   "termínu,", f"# kroky s termínem do příští schůzky a otevřené úkoly "
                   f"z dřívějších zápisů (k {day})."],
        "notes": ["# Víc řádků zapište za „notes: |“ odsazené o dvě mezery."],
        "tasks": _task_comments(plan, tasks),
    }
    lines = [
        SCHEMA_LINE.format(up="../", kind="meeting"),
        "# Zápis ze schůzky pracovní skupiny. Doplňte pole podle komentářů; co není známo,",
        "# nechte null nebo []. Kontrola: kplan validate.",
        *fields_text(Meeting, values, notes),
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
    lines: list[str] = []
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
