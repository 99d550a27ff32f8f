"""The plan as pydantic models: one model a file kind, pure methods, no I/O.

Every field has a Czech title and description: they become the editor's completion
and tooltips through ``kplan schema``.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import (
    BaseModel as BaseModel,  # the models' base, for edit.new to walk fields
)
from pydantic import (
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PlainValidator,
    PrivateAttr,
    Tag,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from kplan.i18n import Lang, in_lang
from kplan.plan.unloaded import UnloadedCard
from kplan.plan.values import (
    ActivityNumber,
    ActivityRef,
    Amount,
    Count,
    Currency,
    Day,
    DueDate,
    FullRef,
    Headcount,
    Ico,
    NeedRef,
    Number,
    RegistryId,
    SignedNumber,
    Slug,
    Text,
    TimeRange,
    Year,
    number_prefixes,
    split_ref,
    text_value,
)

if TYPE_CHECKING:
    from kplan.plan.needs import NeedsAnalysis


class Locale(StrEnum):
    CS = "cs"
    EN = "en"


class MilestoneStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"


class EvaluationStatus(StrEnum):
    DONE = "done"
    ON_TRACK = "on_track"
    DELAYED = "delayed"
    NOT_STARTED = "not_started"
    NOT_MET = "not_met"
    CANCELLED = "cancelled"


class TaskStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class MeetingKind(StrEnum):
    WORKING_GROUP = "working_group"
    ROUND_TABLE = "round_table"
    WORKSHOP = "workshop"
    STEERING_GROUP = "steering_group"
    OTHER = "other"


class BudgetPer(StrEnum):
    YEAR = "year"
    TOTAL = "total"


class Direction(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"


class ServiceForm(StrEnum):
    AMBULATORY = "ambulatory"
    FIELD = "field"
    RESIDENTIAL = "residential"


STATUS_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "milestone": {"planned": ("plánováno",), "in_progress": ("probíhá", "rozpracováno"),
                  "done": ("splněno", "hotovo"), "postponed": ("odloženo",),
                  "cancelled": ("zrušeno",)},
    "evaluation": {"done": ("splněno", "naplněno"),
                   "on_track": ("plní se", "rozpracováno", "probíhá"),
                   "delayed": ("zpožděno",), "not_started": ("nezahájeno",),
                   "not_met": ("nesplněno", "nenaplněno"), "cancelled": ("zrušeno",)},
    "task": {"open": ("otevřený", "trvá"), "done": ("splněno", "hotovo"),
             "dropped": ("zrušeno", "upuštěno")},
    "meeting": {"working_group": ("pracovní skupina",), "round_table": ("kulatý stůl",),
                "workshop": ("workshop", "seminář"), "steering_group": ("řídící skupina",),
                "other": ("jiné",)},
    "per": {"year": ("rok",), "total": ("celkem",)},
    "direction": {"increase": ("zvýšení", "růst"), "decrease": ("snížení", "pokles")},
    "form": {"ambulatory": ("ambulantní",), "field": ("terénní",),
             "residential": ("pobytová",)},
}
"""The spec's Czech words for each status, kind and ``per`` value, by its English value."""

STATUS_ENUMS: dict[str, type[StrEnum]] = {
    "milestone": MilestoneStatus, "evaluation": EvaluationStatus, "task": TaskStatus,
    "meeting": MeetingKind, "per": BudgetPer, "direction": Direction, "form": ServiceForm}


def _folded(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("_", " ").replace("-", " ").split())


@functools.lru_cache(maxsize=4096)
def status_from_words(kind: str, text: str) -> StrEnum | None:
    """The value a person means by ``text`` (English or Czech, any case, with or without
    diacritics), or None; a value this version of the format does not know is None too."""
    wanted = _folded(text)
    enum = STATUS_ENUMS[kind]
    for value, words in STATUS_WORDS[kind].items():
        if wanted in {_folded(value), *map(_folded, words)} and value in enum._value2member_map_:
            return enum(value)
    return None


def status_word(kind: str, value: str, language: str) -> str:
    """The word the files write for ``value``: the English value, or with ``language``
    ``cs`` its first Czech word (``done`` → ``splněno``)."""
    words = STATUS_WORDS[kind].get(value, ())
    return in_lang((words[0], value), language) if words else value


def _accept_words(kind: str) -> Any:
    def accept(value: Any) -> Any:
        found = status_from_words(kind, value) if isinstance(value, str) else None
        return found.value if found is not None else value
    return BeforeValidator(accept)


def _words_schema(kind: str) -> WithJsonSchema:
    """The English values, then the Czech words with and without diacritics and capitalised:
    what the editor completes; kplan itself takes any letter case."""
    enum = STATUS_ENUMS[kind]
    values = [v for v in STATUS_WORDS[kind] if v in enum._value2member_map_]
    czech = [w for v in values for w in STATUS_WORDS[kind][v]]
    plain = [_folded(w) for w in czech]
    listed = list(dict.fromkeys([*values, *czech, *plain, *(w.capitalize() for w in czech)]))
    return WithJsonSchema({"type": "string", "enum": listed})


MilestoneStatusWord = Annotated[MilestoneStatus, _accept_words("milestone"),
                                _words_schema("milestone")]
EvaluationStatusWord = Annotated[EvaluationStatus, _accept_words("evaluation"),
                                 _words_schema("evaluation")]
TaskStatusWord = Annotated[TaskStatus, _accept_words("task"), _words_schema("task")]
MeetingKindWord = Annotated[MeetingKind, _accept_words("meeting"), _words_schema("meeting")]
BudgetPerWord = Annotated[BudgetPer, _accept_words("per"), _words_schema("per")]
DirectionWord = Annotated[Direction, _accept_words("direction"), _words_schema("direction")]
ServiceFormWord = Annotated[ServiceForm, _accept_words("form"), _words_schema("form")]


def _one_or_many(value: Any) -> str:
    return "~many" if isinstance(value, list) else "~one"


def _many_or_map(value: Any) -> str:
    return "~map" if isinstance(value, dict) else "~many"


def _one_or_map(value: Any) -> str:
    return "~map" if isinstance(value, dict) else "~one"


TextOrList = Annotated[Annotated[Text, Tag("~one")] | Annotated[list[Text], Tag("~many")],
                       Discriminator(_one_or_many)]
"""Text or a list of texts (``responsible``, a contact's ``phone``). Tags start with ``~``:
the loader leaves them out of an error's place."""
AmountsBySource = dict[Text, Amount]
NamesOrAmounts = Annotated[Annotated[list[Text], Tag("~many")]
                           | Annotated[AmountsBySource, Tag("~map")], Discriminator(_many_or_map)]
AmountOrBySource = Annotated[Annotated[Amount, Tag("~one")]
                             | Annotated[AmountsBySource, Tag("~map")],
                             Discriminator(_one_or_map)]


def as_list(value: str | list[str] | None) -> list[str]:
    """Text or a list of texts as a list (none: empty)."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def status_choices(kind: str, lang: Lang = "cs") -> str:
    """``planned (plánováno), in_progress (probíhá, rozpracováno), …`` for messages."""
    enum = STATUS_ENUMS[kind]
    return ", ".join(in_lang((f"{value} ({', '.join(words)})", value), lang) for value, words
                     in STATUS_WORDS[kind].items() if value in enum._value2member_map_)


class ServiceKind(StrEnum):
    """Kinds of social services under zákon 108/2006 Sb., as slugs of their names."""

    ODBORNE_SOCIALNI_PORADENSTVI = "odborne-socialni-poradenstvi"
    OSOBNI_ASISTENCE = "osobni-asistence"
    PECOVATELSKA_SLUZBA = "pecovatelska-sluzba"
    TISNOVA_PECE = "tisnova-pece"
    PRUVODCOVSKE_A_PREDCITATELSKE_SLUZBY = "pruvodcovske-a-predcitatelske-sluzby"
    PODPORA_SAMOSTATNEHO_BYDLENI = "podpora-samostatneho-bydleni"
    ODLEHCOVACI_SLUZBY = "odlehcovaci-sluzby"
    CENTRA_DENNICH_SLUZEB = "centra-dennich-sluzeb"
    DENNI_STACIONARE = "denni-stacionare"
    TYDENNI_STACIONARE = "tydenni-stacionare"
    DOMOVY_PRO_OSOBY_SE_ZDRAVOTNIM_POSTIZENIM = "domovy-pro-osoby-se-zdravotnim-postizenim"
    DOMOVY_PRO_SENIORY = "domovy-pro-seniory"
    DOMOVY_SE_ZVLASTNIM_REZIMEM = "domovy-se-zvlastnim-rezimem"
    CHRANENE_BYDLENI = "chranene-bydleni"
    SLUZBY_VE_ZDRAVOTNICKYCH_ZARIZENICH = "socialni-sluzby-ve-zdravotnickych-zarizenich"
    RANA_PECE = "rana-pece"
    TELEFONICKA_KRIZOVA_POMOC = "telefonicka-krizova-pomoc"
    TLUMOCNICKE_SLUZBY = "tlumocnicke-sluzby"
    AZYLOVE_DOMY = "azylove-domy"
    DOMY_NA_PUL_CESTY = "domy-na-pul-cesty"
    KONTAKTNI_CENTRA = "kontaktni-centra"
    KRIZOVA_POMOC = "krizova-pomoc"
    INTERVENCNI_CENTRA = "intervencni-centra"
    NIZKOPRAHOVA_DENNI_CENTRA = "nizkoprahova-denni-centra"
    NIZKOPRAHOVA_ZARIZENI_PRO_DETI_A_MLADEZ = "nizkoprahova-zarizeni-pro-deti-a-mladez"
    NOCLEHARNY = "nocleharny"
    SLUZBY_NASLEDNE_PECE = "sluzby-nasledne-pece"
    SAS_PRO_RODINY_S_DETMI = "socialne-aktivizacni-sluzby-pro-rodiny-s-detmi"
    SAS_PRO_SENIORY_A_OZP = (
        "socialne-aktivizacni-sluzby-pro-seniory-a-osoby-se-zdravotnim-postizenim")
    SOCIALNE_TERAPEUTICKE_DILNY = "socialne-terapeuticke-dilny"
    TERAPEUTICKE_KOMUNITY = "terapeuticke-komunity"
    TERENNI_PROGRAMY = "terenni-programy"
    SOCIALNI_REHABILITACE = "socialni-rehabilitace"
    OTHER = "other"
    """Not a registered social service ("související aktivita"); ``kind_name`` says what."""

    @property
    def paragraph(self) -> str:
        """The section of zákon 108/2006 Sb. that defines this kind: ``§69``; empty for other."""
        return SERVICE_PARAGRAPHS.get(self, "")


SERVICE_PARAGRAPHS: dict[ServiceKind, str] = dict(zip(list(ServiceKind)[:-1], (
    "§37", "§39", "§40", "§41", "§42", "§43", "§44", "§45", "§46", "§47", "§48", "§49", "§50",
    "§51", "§52", "§54", "§55", "§56", "§57", "§58", "§59", "§60", "§60a", "§61", "§62", "§63",
    "§64", "§65", "§66", "§67", "§68", "§69", "§70"), strict=True))


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=False, defer_build=True)

    def __setstate__(self, state: dict[Any, Any]) -> None:
        """A model read back from the cache or a worker process keeps equal texts once, as
        the YAML reader does: on 10,000 cards that is a third of their memory."""
        fields = state["__dict__"]
        for name, value in fields.items():
            if type(value) is str:
                fields[name] = sys.intern(value)
            elif type(value) is list:
                fields[name] = [sys.intern(v) if type(v) is str else v for v in value]
        super().__setstate__(state)


class _Document(_Model):
    """A model that is a whole file: it knows its path relative to the plan root."""

    _file: str = PrivateAttr("")

    @property
    def file(self) -> str:
        return self._private("_file")

    def _private(self, name: str) -> str:
        """A private attribute without pydantic's slow ``__getattr__`` (hot in big plans)."""
        private = self.__pydantic_private__
        return str(private[name]) if private else ""


def _f(title: str, description: str, default: Any = ..., **extra: Any) -> Any:
    return Field(default, title=title, description=description, **extra)


def _list(title: str, description: str) -> Any:
    return Field(default_factory=list, title=title, description=description)


# --- plan.yaml ------------------------------------------------------------------------------

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


# --- activity card --------------------------------------------------------------------------

class Budget(_Model):
    amount: Amount | None = _f("Částka", "Neinvestiční náklady v celých korunách, bez mezer, "
                               "např. 200000; chybí-li nebo je null, částka zatím není známa.",
                               None)
    per: BudgetPerWord = _f("Za období", "year (rok) = částka za rok, total (celkem) = za celé "
                            "období.", BudgetPer.YEAR)
    sources: NamesOrAmounts = Field(
        default_factory=list, title="Zdroje", description="Zkratky zdrojů financování, "
        "např. [SMO, KÚ MSK], nebo zdroj → částka za období „per“: {SMO: 120000, MPSV: 80000}; "
        "součet částek se pak rovná „amount“.")
    years: dict[Year, AmountOrBySource] = Field(
        default_factory=dict, title="Po letech", description="Plánované částky jednotlivých "
        "let: {2024: 150000} nebo {2025: {SMO: 100000}}; ostatní roky z „amount“ a „per“.")
    note: Text | None = _f("Poznámka", "Poznámka k nákladům, např. cca 12,50 Kč za kus.", None)

    def source_names(self) -> list[str]:
        """Who pays, whether the card splits the money or not."""
        return list(self.sources)

    def split(self) -> dict[str, int] | None:
        """The amounts by source (per ``per``), or None when the sources are names only."""
        return dict(self.sources) if isinstance(self.sources, dict) else None

    def total_of_sources(self) -> int | None:
        split = self.split()
        return sum(split.values()) if split is not None else None

    def planned_in(self, year: int, period: Period) -> int | None:
        """The year's planned amount: ``years[year]``, else ``amount`` (per year) or
        ``amount / number of plan years`` (total, rounded); None when unknown."""
        given = self.years.get(year)
        if given is not None:
            return sum(given.values()) if isinstance(given, dict) else given
        amount = self.amount if self.amount is not None else self.total_of_sources()
        if amount is None:
            return None
        if self.per is BudgetPer.YEAR:
            return amount
        return round(amount / len(period.years()))

    def planned_by_source_in(self, year: int, period: Period) -> dict[str, int] | None:
        """The year's planned amounts by source, or None when they are not split (or the
        year's amount is given without a split)."""
        given = self.years.get(year)
        if given is not None:
            return dict(given) if isinstance(given, dict) else None
        split = self.split()
        if split is None or self.per is BudgetPer.YEAR:
            return split
        return {name: round(value / len(period.years())) for name, value in split.items()}


class Milestone(_Model):
    title: Text = _f("Krok", "Zásadní krok harmonogramu.")
    due: DueDate = _f("Termín", "Rok (2019), měsíc (2019-03) nebo den (2019-03-31); rok "
                      "znamená 31. 12., měsíc jeho poslední den. Také rozmezí (2019–2021, "
                      "2020-03–2020-06) nebo ongoing (průběžně): po celé období, nikdy po "
                      "termínu.")
    status: MilestoneStatusWord = _f("Stav", "planned (plánováno), in_progress (probíhá), "
                                     "done (splněno), postponed (odloženo) nebo cancelled "
                                     "(zrušeno).", MilestoneStatus.PLANNED)
    done: Day | None = _f("Splněno dne", "Den splnění (RRRR-MM-DD), je-li znám.", None)
    note: Text | None = _f("Poznámka", "Poznámka ke kroku.", None)

    def is_overdue(self, day: date) -> bool:
        """Not done or cancelled, and its due day (a range's end) is before ``day``; an
        ongoing step never is."""
        if self.status in (MilestoneStatus.DONE, MilestoneStatus.CANCELLED):
            return False
        return self.due.last_day() < day


class Baseline(_Model):
    value: Number = _f("Výchozí hodnota", "Hodnota ukazatele na začátku, např. 600.")
    year: Year | None = _f("Rok", "Rok, ke kterému výchozí hodnota platí.", None)


class Indicator(_Model):
    name: Text = _f("Ukazatel", "Co se měří, např. Počet proškolených pracovníků.")
    unit: Text | None = _f("Jednotka", "Jednotka, např. osob.", None)
    baseline: Annotated[Annotated[Number, Tag("~one")] | Annotated[Baseline, Tag("~map")],
                        Discriminator(_one_or_map)] | None = _f(
        "Výchozí stav", "Výchozí hodnota: číslo, nebo {value: 600, year: 2019}.", None)
    direction: DirectionWord = _f("Směr", "increase (víc je lépe, výchozí) nebo decrease "
                                  "(méně je lépe).", Direction.INCREASE)
    target: Number | None = _f("Cíl", "Cílová hodnota.", None)
    change: SignedNumber | None = _f("Změna", "Změna oproti výchozímu stavu, které se má "
                                     "dosáhnout, např. -100 („o 100 méně“); místo „target“.",
                                     None)
    values: dict[Year, Number] = Field(default_factory=dict, title="Hodnoty",
                                       description="Dosažené hodnoty po letech: {2020: 12}.")

    def baseline_value(self) -> float | None:
        return self.baseline.value if isinstance(self.baseline, Baseline) else self.baseline

    def goal(self) -> float | None:
        """The value to reach: ``target``, or ``baseline + change``; None when unknown."""
        if self.target is not None:
            return self.target
        start = self.baseline_value()
        return start + self.change if start is not None and self.change is not None else None

    def latest(self) -> tuple[int, float] | None:
        """The latest year with a value, and the value."""
        return max(self.values.items(), default=None)

    def reached(self) -> bool | None:
        """Whether the latest value reaches the goal; None when either is unknown."""
        goal, latest = self.goal(), self.latest()
        if goal is None or latest is None:
            return None
        return latest[1] >= goal if self.direction is Direction.INCREASE else latest[1] <= goal


class Evaluation(_Model):
    year: Year = _f("Rok", "Hodnocený rok.")
    status: EvaluationStatusWord | None = _f(
        "Stav", "done (splněno), on_track (plní se), delayed (zpožděno), not_started "
        "(nezahájeno), not_met (nesplněno) nebo cancelled (zrušeno); chybí-li, hodnotí jen "
        "komentář.", None)
    spent: AmountOrBySource | None = _f("Vyčerpáno", "Kolik se za rok skutečně vydalo, "
                                        "v celých korunách, nebo po zdrojích: {SMO: 50000}.",
                                        None)
    comment: Text | None = _f("Komentář", "Slovní hodnocení roku.", None)
    reasons: list[Text] = _list("Důvody", "Příčiny mimo vliv plánu, např. pandemie covid-19.")

    def spent_total(self) -> int | None:
        """What was spent, summed over the sources when given by source."""
        return sum(self.spent.values()) if isinstance(self.spent, dict) else self.spent

    def spent_by_source(self) -> dict[str, int] | None:
        return dict(self.spent) if isinstance(self.spent, dict) else None


class ExternalActivity(_Model):
    plan: Text = _f("Plán", "Název jiného plánu, např. Střednědobý plán Středočeského kraje "
                    "2022–2024.")
    id: Text | None = _f("Číslo", "Číslo aktivity v tom plánu v uvozovkách.", None)
    url: Text | None = _f("Odkaz", "Adresa plánu na webu.", None)


RelatedActivity = Annotated[Annotated[FullRef, Tag("~one")]
                            | Annotated[ExternalActivity, Tag("~map")],
                            Discriminator(_one_or_map)]


class Activity(_Document):
    id: ActivityNumber = _f("Číslo aktivity", "Číslo aktivity v uvozovkách, např. \"2.1.2\"; "
                            "shoduje se s názvem souboru.")
    title: Text = _f("Název", "Název aktivity.")
    measure: ActivityNumber | None = _f("Opatření", "Číslo opatření; chybí-li, je to číslo "
                                        "aktivity bez poslední části.", None)
    implementers: list[Text] = _list("Realizátor", "Kdo aktivitu provádí.")
    partners: list[Text] = _list("Spolupracující subjekty", "Názvy organizací nebo "
                                 "identifikátory služeb z services/.")
    responsible: TextOrList | None = _f("Odpovědná osoba", "Kdo za aktivitu odpovídá: jméno, "
                                        "nebo seznam jmen či funkcí.", None)
    description: list[Text] = _list("Stručný popis", "Co aktivita dělá, jeden krok na řádek.")
    target_groups: list[Text] = _list("Cílové skupiny", "Pro koho aktivita je.")
    outputs: list[Text] = _list("Plánované výstupy", "Co má aktivita přinést.")
    budget: Budget | None = _f("Náklady a zdroje", "Neinvestiční náklady a finanční zdroje.",
                               None)
    area: Text | None = _f("Území dopadu", "Kde aktivita působí.", None)
    risks: list[Text] = _list("Rizika", "Přehled rizik aktivity.")
    milestones: list[Milestone] = _list("Harmonogram", "Zásadní kroky s termíny.")
    indicators: list[Indicator] = _list("Ukazatele", "Měřitelné cíle.")
    evaluations: list[Evaluation] = _list("Hodnocení", "Roční hodnocení plnění, jedno za rok.")
    after: list[ActivityRef] = _list("Navazuje na", "Aktivity, které musí proběhnout dřív "
                                     "(„v přímé návaznosti na“): číslo nebo skupina/číslo.")
    related: list[RelatedActivity] = _list(
        "Související aktivity", "Odkazy na aktivity jiných skupin (skupina/číslo), nebo jiného "
        "plánu: {plan: název plánu, id: \"1.6\", url: null}.")
    previous_numbers: list[ActivityNumber] = _list("Dřívější čísla", "Čísla, která aktivita "
                                                   "měla před přečíslováním.")
    needs: list[NeedRef] = _list("Potřeby", "Na které potřeby aktivita odpovídá: "
                                 "analýza/potřeba, např. at-konference-sec/nizkoprahove-bydleni.")
    groups: list[Slug] = _list("Další skupiny", "Další pracovní skupiny, které kartu sdílejí; "
                               "karta se ukáže u každé z nich a v součtech plánu jednou.")

    _group: str = PrivateAttr("")

    @property
    def group(self) -> str:
        return self._private("_group")

    @property
    def ref(self) -> str:
        """``group/number``; a card of the plan as a whole (directly in activities/) is its
        bare number."""
        group = self.group
        return f"{group}/{self.id}" if group else self.id

    @property
    def all_groups(self) -> tuple[str, ...]:
        """The card's own group (its folder) and the groups that share it."""
        return tuple(dict.fromkeys((self.group, *self.groups)))

    @property
    def measure_number(self) -> str:
        return self.measure or self.id.rpartition(".")[0] or self.id

    @property
    def responsible_names(self) -> list[str]:
        return as_list(self.responsible)

    @property
    def responsible_text(self) -> str | None:
        """The responsible people as one text (``A, B``), None when nobody is named."""
        return ", ".join(self.responsible_names) or None

    def related_refs(self) -> list[str]:
        """The related activities of this plan (group/number), without other plans' ones."""
        return [r for r in self.related if isinstance(r, str)]

    def resolve(self, ref: str) -> str:
        """A bare activity number in ``after`` means the card's own group."""
        group, number = split_ref(ref)
        return f"{group or self.group}/{number}"

    def evaluation(self, year: int) -> Evaluation | None:
        return next((e for e in self.evaluations if e.year == year), None)

    def latest_evaluation(self) -> Evaluation | None:
        return max(self.evaluations, key=lambda e: e.year, default=None)


# --- service ------------------------------------------------------------------------------

class Provider(_Model):
    name: Text = _f("Poskytovatel", "Název poskytovatele.")
    ico: Ico | None = _f("IČO", "IČO poskytovatele: 8 číslic v uvozovkách.", None)
    address: Text | None = _f("Adresa", "Adresa sídla nebo provozovny.", None)


class Contact(_Model):
    name: Text | None = _f("Jméno", "Jméno kontaktní osoby nebo pracoviště; stačí i jen "
                           "role.", None)
    role: Text | None = _f("Role", "Pozice nebo role, např. Vedoucí služby.", None)
    phone: TextOrList | None = _f("Telefon", "Telefon v uvozovkách, např. \"+420 596 123 "
                                  "456\", nebo jejich seznam.", None)
    email: TextOrList | None = _f("E-mail", "E-mailová adresa, nebo jejich seznam.", None)
    public: bool = _f("Veřejný", "true = kontakt smí být ve veřejných výstupech; osobní "
                      "kontakty nechte false.", False)

    @property
    def phones(self) -> list[str]:
        return as_list(self.phone)

    @property
    def emails(self) -> list[str]:
        return as_list(self.email)


class Capacity(_Model):
    value: Number = _f("Kapacita", "Počet, např. 20.")
    unit: Text = _f("Jednotka", "Čeho, např. lůžek, klientů, úvazků.")
    note: Text | None = _f("Poznámka", "Upřesnění, např. přímá péče.", None)


def _capacity_list(value: Any) -> Any:
    return [value] if isinstance(value, dict) else value


class Service(_Document):
    id: Slug = _f("Identifikátor", "Identifikátor služby; shoduje se s názvem souboru.")
    name: Text = _f("Název", "Název služby.")
    provider: Provider = _f("Poskytovatel", "Kdo službu poskytuje.")
    kind: ServiceKind = _f("Druh služby", "Druh podle zákona 108/2006 Sb., např. "
                           "terenni-programy (§69), nebo other: jiná než registrovaná "
                           "sociální služba (související aktivita), pak ji pojmenuje "
                           "„kind_name“.")
    kind_name: Text | None = _f("Název druhu", "U kind: other co to je, např. Mobilní hospic.",
                                None)
    forms: list[ServiceFormWord] = _list("Formy", "ambulantní, terénní, pobytová (nebo "
                                         "ambulatory, field, residential).")
    registry_id: RegistryId | None = _f("Identifikátor v registru", "Identifikátor služby "
                                        "v registru poskytovatelů sociálních služeb.", None)
    groups: list[Slug] = _list("Pracovní skupiny", "Skupiny, do kterých služba patří.")
    target_groups: list[Text] = _list("Cílové skupiny", "Pro koho služba je.")
    area: Text | None = _f("Území", "Kde služba působí.", None)
    hours: Text | None = _f("Provozní doba", "Kdy je služba k dispozici, např. "
                            "\"Po–Pá 9:00–16:00\".", None)
    staff: Headcount | None = _f("Pracovníci", "Počet pracovníků (nebo úvazků) v přímé péči.",
                              None)
    capacity: Annotated[list[Capacity], BeforeValidator(_capacity_list)] = _list(
        "Kapacita", "Kapacita: {value: 20, unit: lůžek, note: null}, nebo jejich seznam.")
    website: Text | None = _f("Web", "Webová stránka služby, např. https://www.example.cz.",
                              None)
    certified_until: Day | None = _f("Osvědčení do", "Konec platnosti osvědčení odborné "
                                     "způsobilosti (RVKPZ), je-li.", None)
    contacts: list[Contact] = _list("Kontakty", "Kontakty; osobní jen s public: false.")
    needs: list[NeedRef] = _list("Potřeby", "Které potřeby služba pokrývá: analýza/potřeba.")


# --- meeting ------------------------------------------------------------------------------

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


# --- the whole plan ------------------------------------------------------------------------

@dataclass(slots=True)
class Plan:
    """Everything that loaded without errors, plus the names of what exists but did not."""

    meta: PlanFile | None = None
    activities: list[Activity] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    present_activity_refs: set[str] = field(default_factory=set)
    """Full references of every card file, valid or not: no cascade of KP303 for a broken card."""
    present_service_ids: set[str] = field(default_factory=set)
    needs: list[NeedsAnalysis] = field(default_factory=list)
    """The needs analyses of ``needs/`` that loaded."""
    present_needs_ids: set[str] = field(default_factory=set)
    """File names of every needs analysis, valid or not."""
    unloaded: list[UnloadedCard] = field(default_factory=list)
    """Activity cards whose file exists but did not load, with the first error of each."""

    def activity(self, ref: str) -> Activity | None:
        return next((a for a in self.activities if a.ref == ref), None)

    def service(self, service_id: str) -> Service | None:
        return next((s for s in self.services if s.id == service_id), None)

    def group_ids(self) -> set[str]:
        return {g.id for g in self.meta.groups} if self.meta else set()


FILE_MODELS: dict[str, type[_Document]] = {
    "plan": PlanFile,
    "activity": Activity,
    "service": Service,
    "meeting": Meeting,
}
