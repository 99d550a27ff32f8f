"""plan.yaml: the plan's title, period, groups and the headings (priorities and measures)
its cards sit under."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from pydantic import PrivateAttr, model_validator
from pydantic_core import PydanticCustomError

from kplan.plan.activity import Evaluation
from kplan.plan.base import _Document, _f, _list, _Model
from kplan.plan.dates import Day, Year
from kplan.plan.values import ActivityNumber, Count, Currency, Slug, Text, number_prefixes

if TYPE_CHECKING:
    from kplan.plan.activity import Activity


class Locale(StrEnum):
    CS = "cs"
    EN = "en"



class Period(_Model):
    start: Year = _f("Začátek", "První rok platnosti plánu, např. 2019.")
    end: Year = _f("Konec", "Poslední rok platnosti plánu, např. 2022.")

    @model_validator(mode="after")
    def _end_not_before_start(self) -> Period:
        if self.end < self.start:
            raise PydanticCustomError("kplan_period", "end before start",
                                      {"start": self.start, "end": self.end})
        return self

    def years(self) -> range:
        return range(self.start, self.end + 1)


class PlanKind(StrEnum):
    """What kind of plan the files hold: the report's title and wording follow it."""

    COMMUNITY_PLAN = "community_plan"
    ACTION_PLAN = "action_plan"
    DEVELOPMENT_PLAN = "development_plan"
    PROVIDER_PLAN = "provider_plan"


MAX_HEADING_LEVELS = 4
"""Priorities and measures nest to four levels (Praha 2019–2021: 1 → 1.1 → 1.1.1)."""
DEFAULT_LEVEL_NAMES = ("Priorita", "Opatření")


class Measure(_Model):
    number: ActivityNumber = _f("Číslo opatření", "Číslo opatření v uvozovkách, např. \"3.2\".")
    title: Text | None = _f("Název opatření", "Název opatření, jak ho uvádí plán.", None)
    measures: list[Measure] = _list("Opatření", "Opatření nižší úrovně (plán o třech nebo "
                                    "čtyřech úrovních, např. 1.1 → 1.1.1).")
    evaluations: list[Evaluation] = _list("Hodnocení", "Roční hodnocení opatření, jedno za "
                                          "rok, ve tvaru hodnocení karty.")


class Priority(_Model):
    number: ActivityNumber = _f("Číslo priority", "Číslo priority v uvozovkách, např. \"3\".")
    title: Text | None = _f("Název priority", "Název priority, jak ho uvádí plán.", None)
    measures: list[Measure] = _list("Opatření", "Opatření této priority.")
    evaluations: list[Evaluation] = _list("Hodnocení", "Roční hodnocení priority, jedno za "
                                          "rok, ve tvaru hodnocení karty.")


Heading = Priority | Measure


@dataclass(frozen=True, slots=True)
class HeadingAt:
    """A heading of plan.yaml with the headings above it and its place in the file."""

    heading: Heading
    path: tuple[Heading, ...]
    """From the top level down to this heading, itself included."""
    loc: tuple[str | int, ...]

    @property
    def level(self) -> int:
        return len(self.path)


def _index_of(priorities: list[Priority]) -> dict[str, HeadingAt]:
    index: dict[str, HeadingAt] = {}
    for found in walk_headings(priorities):
        index.setdefault(found.heading.number, found)
    return index


def heading_for(index: dict[str, HeadingAt], activity: Activity) -> HeadingAt | None:
    """The heading a card sits under: its ``measure`` (any heading's number), else the
    longest proper prefix of its number that is a heading."""
    if activity.measure:
        return index.get(activity.measure)
    return next((index[p] for p in number_prefixes(activity.id) if p in index), None)


def walk_headings(priorities: list[Priority],
                  loc: tuple[str | int, ...] = ()) -> list[HeadingAt]:
    """Every heading under ``priorities``, each parent before its children."""
    found: list[HeadingAt] = []
    _walk(priorities, (), (*loc, "priorities"), found)
    return found


def _walk(headings: Sequence[Heading], above: tuple[Heading, ...],
          loc: tuple[str | int, ...], found: list[HeadingAt]) -> None:
    for index, heading in enumerate(headings):
        here = HeadingAt(heading, (*above, heading), (*loc, index))
        found.append(here)
        _walk(heading.measures, here.path, (*here.loc, "measures"), found)


class Group(_Model):
    id: Slug = _f("Identifikátor", "Krátký identifikátor skupiny (malá písmena, číslice, "
                  "pomlčky); je to i název složky s kartami, např. protidrogova-prevence.")
    name: Text = _f("Název", "Celý název pracovní skupiny.")
    coordinator: Text | None = _f("Koordinátor", "Jméno koordinátora nebo koordinátorky "
                                  "skupiny.", None)
    min_meetings_per_year: Count | None = _f(
        "Schůzek ročně", "Kolikrát do roka se má skupina nejméně sejít.", None)
    level_names: list[Text] | None = _f(
        "Názvy úrovní", "Jak se jmenují úrovně priorit skupiny, např. [Priorita, Cíl, "
        "Opatření]; chybí-li, platí názvy plánu.", None)
    priorities: list[Priority] = _list("Priority", "Priority skupiny s jejich opatřeními.")

    def measure_numbers(self) -> set[str]:
        return {m.number for p in self.priorities for m in p.measures}


class Amendment(_Model):
    date: Day = _f("Datum", "Den přijetí dodatku (RRRR-MM-DD).")
    title: Text = _f("Název", "Co dodatek mění, např. Dodatek č. 1 – nové opatření 2.4.")
    resolution: Text | None = _f("Usnesení", "Číslo usnesení, kterým byl dodatek přijat.", None)
    note: Text | None = _f("Poznámka", "Poznámka k dodatku.", None)


class PlanFile(_Document):
    title: Text = _f("Název plánu", "Celý název komunitního plánu.")
    kind: PlanKind = _f("Druh plánu", "community_plan (komunitní plán), action_plan (akční "
                        "plán), development_plan (střednědobý plán kraje) nebo provider_plan "
                        "(plán rozvoje poskytovatele).", PlanKind.COMMUNITY_PLAN)
    part_of: Text | None = _f("Součást plánu", "Víceletý plán, jehož je akční plán součástí.",
                              None)
    area: Text | None = _f("Území", "Obec nebo území, pro které plán platí.", None)
    period: Period = _f("Období", "Roky platnosti plánu: {start: 2019, end: 2022}.")
    locale: Locale = _f("Jazyk", "Jazyk a formáty výstupů: cs nebo en.", Locale.CS)
    status_words: Locale = _f("Slova stavů", "Jakými slovy kplan zapisuje stavy: en "
                              "(planned, done …) nebo cs (plánováno, splněno …).", Locale.EN)
    currency: Currency = _f("Měna", "Měna částek (kód ISO 4217), obvykle CZK.", "CZK")
    funding_sources: dict[str, Text] | None = _f(
        "Zdroje financování", "Číselník zdrojů financování: zkratka → celý název. Když je "
        "uveden, karty smějí používat jen tyto zkratky.", None)
    level_names: list[Text] | None = _f(
        "Názvy úrovní", "Jak se jmenují úrovně priorit, např. [Priorita, Cíl, Opatření]; "
        "výchozí [Priorita, Opatření].", None)
    priorities: list[Priority] = _list("Priority", "Priority plánu jako celku, pro karty "
                                       "přímo ve složce activities/.")
    groups: list[Group] = _list("Pracovní skupiny", "Pracovní skupiny plánu; plán bez "
                                "skupin (kraje, poskytovatelé) je nemá.")
    amendments: list[Amendment] = _list("Dodatky", "Změny přijaté za běhu plánu.")

    def group(self, group_id: str) -> Group | None:
        return next((g for g in self.groups if g.id == group_id), None)

    def headings_of(self, group_id: str) -> list[Priority]:
        """The top-level headings of a group; ``""`` is the plan as a whole."""
        if not group_id:
            return self.priorities
        group = self.group(group_id)
        return group.priorities if group else []

    _indexes: dict[str, dict[str, HeadingAt]] = PrivateAttr(default_factory=dict)

    def heading_index(self, group_id: str) -> dict[str, HeadingAt]:
        """The headings of a group (``""``: of the plan as a whole) by number; the first of
        a number that plan.yaml repeats (KP305)."""
        indexes = self.__pydantic_private__
        if indexes is None:
            return _index_of(self.headings_of(group_id))
        found = indexes["_indexes"].get(group_id)
        if found is None:
            found = indexes["_indexes"][group_id] = _index_of(self.headings_of(group_id))
        return found  # type: ignore[no-any-return]

    def level_names_of(self, group_id: str) -> tuple[str, ...] | None:
        """The names of the levels a group's headings (or the plan's own) have; None when
        the plan names none (then they are ``DEFAULT_LEVEL_NAMES``)."""
        group = self.group(group_id) if group_id else None
        for names in (group.level_names if group else None, self.level_names):
            if names is not None:
                return tuple(names)
        return None
