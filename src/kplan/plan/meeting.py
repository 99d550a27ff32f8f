"""A meeting's minutes (``meetings/<YYYY-MM-DD>-<group>.yaml``): who met, what they
decided and the tasks they gave."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import PlainValidator, WithJsonSchema

from kplan.plan.base import _Document, _f, _list, _Model
from kplan.plan.dates import Day, DueDate
from kplan.plan.statuses import MeetingKind, MeetingKindWord, TaskStatus, TaskStatusWord
from kplan.plan.values import ActivityRef, Amount, Slug, Text, TimeRange, split_ref, text_value


class Decision(_Model):
    text: Text = _f("Usnesení", "Na čem se jednání shodlo.")
    resolution: Text | None = _f("Číslo usnesení", "Číslo usnesení, je-li.", None)
    amount: Amount | None = _f("Částka", "Částka, o které se rozhodlo (např. dotace), v celých "
                               "korunách.", None)


_DECISION_KEYS = frozenset(("text", "resolution", "amount"))


def _decision(value: Any) -> str | Decision:
    """Text, or ``{text, resolution, amount}``; any other mapping is text that YAML read as
    ``key: value`` (a colon in the decision), reported as text (KP202)."""
    if isinstance(value, Decision):
        return value
    if isinstance(value, dict) and "text" in value and set(value) <= _DECISION_KEYS:
        return Decision.model_validate(value)
    return text_value(value)


_DECISION_SCHEMA = {"anyOf": [{"type": "string"}, {
    "type": "object", "required": ["text"], "additionalProperties": False,
    "properties": {"text": {"type": "string", "title": "Usnesení"},
                   "resolution": {"type": ["string", "null"], "title": "Číslo usnesení"},
                   "amount": {"type": ["integer", "null"], "minimum": 0, "title": "Částka"}}}]}
DecisionItem = Annotated[str | Decision, PlainValidator(_decision),
                         WithJsonSchema(_DECISION_SCHEMA)]


class Task(_Model):
    title: Text = _f("Úkol", "Co se má udělat.")
    owner: Text | list[Text] | None = _f("Kdo", "Kdo úkol plní: jméno, nebo seznam jmen.", None)
    due: DueDate | None = _f("Termín", "Rok, měsíc nebo den.", None)
    status: TaskStatusWord = _f("Stav", "open (otevřený), done (splněno) nebo dropped "
                                "(zrušeno).", TaskStatus.OPEN)
    activity: ActivityRef | None = _f("Aktivita", "Číslo aktivity, které se úkol týká.", None)

    @property
    def owners(self) -> list[str]:
        return [self.owner] if isinstance(self.owner, str) else list(self.owner or [])

    @property
    def owner_text(self) -> str | None:
        """The owners as one line, ``Jana Nováková, Petr Dvořák``; None when nobody."""
        return ", ".join(self.owners) or None

    def is_overdue(self, day: date) -> bool:
        return self.status is TaskStatus.OPEN and self.due is not None and \
            self.due.last_day() < day


class Meeting(_Document):
    date: Day = _f("Datum", "Den schůzky (RRRR-MM-DD); shoduje se s názvem souboru.")
    time: TimeRange | None = _f("Čas", "Čas v uvozovkách, např. \"09:00–11:00\".", None)
    group: Slug | None = _f("Pracovní skupina", "Identifikátor skupiny z plan.yaml; chybí u "
                            "řídící skupiny nebo plenárního jednání.", None)
    kind: MeetingKindWord = _f("Druh", "working_group (pracovní skupina), round_table (kulatý "
                               "stůl), workshop, steering_group (řídící skupina) nebo other "
                               "(jiné).", MeetingKind.WORKING_GROUP)
    title: Text | None = _f("Název", "Název nebo předmět jednání.", None)
    place: Text | None = _f("Místo", "Kde se jednalo.", None)
    attendees: list[Text] = _list("Přítomní", "Jména nebo organizace.")
    minutes_by: Text | None = _f("Zapsal(a)", "Kdo zápis zpracoval.", None)
    agenda: list[Text] = _list("Program", "Body programu.")
    activities: list[ActivityRef] = _list("Projednané aktivity", "Čísla aktivit v uvozovkách.")
    notes: Text | None = _f("Zápis", "Volný text zápisu.", None)
    decisions: list[DecisionItem] = _list("Usnesení", "Na čem se jednání shodlo: text, "
                                             "nebo {text, resolution, amount}.")
    tasks: list[Task] = _list("Úkoly", "Úkoly ze schůzky.")
    next_meeting: DueDate | None = _f("Příští schůzka", "Kdy se skupina sejde příště: "
                                      "rok, měsíc nebo den.", None)
    needs: list[Slug] = _list("Analýzy potřeb", "Analýzy potřeb, které ze schůzky vzešly: "
                              "názvy souborů z needs/ bez .yaml.")

    def resolve(self, ref: str) -> str:
        """A bare activity number in a meeting means the meeting's group; in a meeting
        without a group, a card of the plan as a whole."""
        group, number = split_ref(ref)
        group = group or self.group
        return f"{group}/{number}" if group else number

    @property
    def group_id(self) -> str:
        """The meeting's group, ``""`` for a meeting of the plan as a whole."""
        return self.group or ""

    def decision_texts(self) -> list[str]:
        return [d if isinstance(d, str) else d.text for d in self.decisions]
