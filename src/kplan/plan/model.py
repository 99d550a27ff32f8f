"""The plan as pydantic models: one model a file kind, pure methods, no I/O.

Every field has a Czech title and description: they become the editor's completion
and tooltips through ``kplan schema``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator
from pydantic_core import PydanticCustomError

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
    Number,
    RegistryId,
    Slug,
    Text,
    TimeRange,
    Year,
    split_ref,
)


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
    CANCELLED = "cancelled"


class TaskStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class MeetingKind(StrEnum):
    WORKING_GROUP = "working_group"
    ROUND_TABLE = "round_table"
    WORKSHOP = "workshop"


class BudgetPer(StrEnum):
    YEAR = "year"
    TOTAL = "total"


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
}
"""The spec's Czech words for each status, kind and ``per`` value, by its English value."""

STATUS_ENUMS: dict[str, type[StrEnum]] = {
    "milestone": MilestoneStatus, "evaluation": EvaluationStatus, "task": TaskStatus,
    "meeting": MeetingKind, "per": BudgetPer}


def _folded(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("_", " ").replace("-", " ").split())


def status_from_words(kind: str, text: str) -> StrEnum | None:
    """The value a person means by ``text`` (English or Czech, any case, with or without
    diacritics), or None; a value this version of the format does not know is None too."""
    wanted = _folded(text)
    enum = STATUS_ENUMS[kind]
    for value, words in STATUS_WORDS[kind].items():
        if wanted in {_folded(value), *map(_folded, words)} and value in enum._value2member_map_:
            return enum(value)
    return None


def status_choices(kind: str, czech: bool = True) -> str:
    """``planned (plánováno), in_progress (probíhá, rozpracováno), …`` for messages."""
    enum = STATUS_ENUMS[kind]
    return ", ".join(f"{value} ({', '.join(words)})" if czech else value for value, words
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

    @property
    def paragraph(self) -> str:
        """The section of zákon 108/2006 Sb. that defines this kind: ``§69``."""
        return SERVICE_PARAGRAPHS[self]


SERVICE_PARAGRAPHS: dict[ServiceKind, str] = dict(zip(ServiceKind, (
    "§37", "§39", "§40", "§41", "§42", "§43", "§44", "§45", "§46", "§47", "§48", "§49", "§50",
    "§51", "§52", "§54", "§55", "§56", "§57", "§58", "§59", "§60", "§60a", "§61", "§62", "§63",
    "§64", "§65", "§66", "§67", "§68", "§69", "§70"), strict=True))


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=False, defer_build=True)


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


class Measure(_Model):
    number: ActivityNumber = _f("Číslo opatření", "Číslo opatření v uvozovkách, např. \"3.2\".")
    title: Text | None = _f("Název opatření", "Název opatření, jak ho uvádí plán.", None)


class Priority(_Model):
    number: ActivityNumber = _f("Číslo priority", "Číslo priority v uvozovkách, např. \"3\".")
    title: Text | None = _f("Název priority", "Název priority, jak ho uvádí plán.", None)
    measures: list[Measure] = _list("Opatření", "Opatření této priority.")


class Group(_Model):
    id: Slug = _f("Identifikátor", "Krátký identifikátor skupiny (malá písmena, číslice, "
                  "pomlčky); je to i název složky s kartami, např. protidrogova-prevence.")
    name: Text = _f("Název", "Celý název pracovní skupiny.")
    coordinator: Text | None = _f("Koordinátor", "Jméno koordinátora nebo koordinátorky "
                                  "skupiny.", None)
    min_meetings_per_year: Count | None = _f(
        "Schůzek ročně", "Kolikrát do roka se má skupina nejméně sejít.", None)
    priorities: list[Priority] = _list("Priority", "Priority skupiny s jejich opatřeními.")

    def measure_numbers(self) -> set[str]:
        return {m.number for p in self.priorities for m in p.measures}


class PlanFile(_Document):
    title: Text = _f("Název plánu", "Celý název komunitního plánu.")
    area: Text | None = _f("Území", "Obec nebo území, pro které plán platí.", None)
    period: Period = _f("Období", "Roky platnosti plánu: {start: 2019, end: 2022}.")
    locale: Locale = _f("Jazyk", "Jazyk a formáty výstupů: cs nebo en.", Locale.CS)
    currency: Currency = _f("Měna", "Měna částek (kód ISO 4217), obvykle CZK.", "CZK")
    funding_sources: dict[str, Text] | None = _f(
        "Zdroje financování", "Číselník zdrojů financování: zkratka → celý název. Když je "
        "uveden, karty smějí používat jen tyto zkratky.", None)
    groups: list[Group] = _f("Pracovní skupiny", "Pracovní skupiny plánu.")

    def group(self, group_id: str) -> Group | None:
        return next((g for g in self.groups if g.id == group_id), None)


# --- activity card --------------------------------------------------------------------------

class Budget(_Model):
    amount: Amount = _f("Částka", "Neinvestiční náklady v celých korunách, bez mezer, "
                        "např. 200000.")
    per: BudgetPer = _f("Za období", "year = částka za rok, total = za celé období.",
                        BudgetPer.YEAR)
    sources: list[Text] = _list("Zdroje", "Zkratky zdrojů financování, např. [SMO, KÚ MSK].")


class Milestone(_Model):
    title: Text = _f("Krok", "Zásadní krok harmonogramu.")
    due: DueDate = _f("Termín", "Rok (2019), měsíc (2019-03) nebo den (2019-03-31); rok "
                      "znamená 31. 12., měsíc jeho poslední den.")
    status: MilestoneStatus = _f("Stav", "planned, in_progress, done, postponed nebo "
                                 "cancelled.", MilestoneStatus.PLANNED)
    done: Day | None = _f("Splněno dne", "Den splnění (RRRR-MM-DD), je-li znám.", None)
    note: Text | None = _f("Poznámka", "Poznámka ke kroku.", None)

    def is_overdue(self, day: date) -> bool:
        """Not done or cancelled, and its due day is before ``day``."""
        if self.status in (MilestoneStatus.DONE, MilestoneStatus.CANCELLED):
            return False
        return self.due.last_day() < day


class Indicator(_Model):
    name: Text = _f("Ukazatel", "Co se měří, např. Počet proškolených pracovníků.")
    unit: Text | None = _f("Jednotka", "Jednotka, např. osob.", None)
    target: Number | None = _f("Cíl", "Cílová hodnota.", None)
    values: dict[Year, Number] = Field(default_factory=dict, title="Hodnoty",
                                       description="Dosažené hodnoty po letech: {2020: 12}.")


class Evaluation(_Model):
    year: Year = _f("Rok", "Hodnocený rok.")
    status: EvaluationStatus = _f("Stav", "done, on_track, delayed, not_started nebo "
                                  "cancelled.")
    spent: Amount | None = _f("Vyčerpáno", "Kolik se za rok skutečně vydalo, v celých "
                              "korunách.", None)
    comment: Text | None = _f("Komentář", "Slovní hodnocení roku.", None)


class Activity(_Document):
    id: ActivityNumber = _f("Číslo aktivity", "Číslo aktivity v uvozovkách, např. \"2.1.2\"; "
                            "shoduje se s názvem souboru.")
    title: Text = _f("Název", "Název aktivity.")
    measure: ActivityNumber | None = _f("Opatření", "Číslo opatření; chybí-li, je to číslo "
                                        "aktivity bez poslední části.", None)
    implementers: list[Text] = _list("Realizátor", "Kdo aktivitu provádí.")
    partners: list[Text] = _list("Spolupracující subjekty", "Názvy organizací nebo "
                                 "identifikátory služeb z services/.")
    responsible: Text | None = _f("Odpovědná osoba", "Jméno člověka, který za aktivitu "
                                  "odpovídá.", None)
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
    related: list[FullRef] = _list("Související aktivity", "Odkazy na aktivity jiných skupin, "
                                   "tvar skupina/číslo.")
    previous_numbers: list[ActivityNumber] = _list("Dřívější čísla", "Čísla, která aktivita "
                                                   "měla před přečíslováním.")

    _group: str = PrivateAttr("")

    @property
    def group(self) -> str:
        return self._private("_group")

    @property
    def ref(self) -> str:
        return f"{self.group}/{self.id}"

    @property
    def measure_number(self) -> str:
        return self.measure or self.id.rpartition(".")[0] or self.id

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
    name: Text = _f("Jméno", "Jméno kontaktní osoby nebo pracoviště.")
    role: Text | None = _f("Role", "Pozice nebo role.", None)
    phone: Text | None = _f("Telefon", "Telefon v uvozovkách, např. \"+420 596 123 456\".", None)
    email: Text | None = _f("E-mail", "E-mailová adresa.", None)
    public: bool = _f("Veřejný", "true = kontakt smí být ve veřejných výstupech; osobní "
                      "kontakty nechte false.", False)


class Service(_Document):
    id: Slug = _f("Identifikátor", "Identifikátor služby; shoduje se s názvem souboru.")
    name: Text = _f("Název", "Název služby.")
    provider: Provider = _f("Poskytovatel", "Kdo službu poskytuje.")
    kind: ServiceKind = _f("Druh služby", "Druh podle zákona 108/2006 Sb., např. "
                           "terenni-programy (§69).")
    registry_id: RegistryId | None = _f("Identifikátor v registru", "Identifikátor služby "
                                        "v registru poskytovatelů sociálních služeb.", None)
    groups: list[Slug] = _list("Pracovní skupiny", "Skupiny, do kterých služba patří.")
    target_groups: list[Text] = _list("Cílové skupiny", "Pro koho služba je.")
    area: Text | None = _f("Území", "Kde služba působí.", None)
    hours: Text | None = _f("Provozní doba", "Kdy je služba k dispozici, např. "
                            "\"Po–Pá 9:00–16:00\".", None)
    staff: Headcount | None = _f("Pracovníci", "Počet pracovníků (nebo úvazků) v přímé péči.",
                              None)
    certified_until: Day | None = _f("Osvědčení do", "Konec platnosti osvědčení odborné "
                                     "způsobilosti (RVKPZ), je-li.", None)
    contacts: list[Contact] = _list("Kontakty", "Kontakty; osobní jen s public: false.")


# --- meeting ------------------------------------------------------------------------------

class Task(_Model):
    title: Text = _f("Úkol", "Co se má udělat.")
    owner: Text | None = _f("Kdo", "Kdo úkol plní.", None)
    due: DueDate | None = _f("Termín", "Rok, měsíc nebo den.", None)
    status: TaskStatus = _f("Stav", "open, done nebo dropped.", TaskStatus.OPEN)
    activity: ActivityRef | None = _f("Aktivita", "Číslo aktivity, které se úkol týká.", None)

    def is_overdue(self, day: date) -> bool:
        return self.status is TaskStatus.OPEN and self.due is not None and \
            self.due.last_day() < day


class Meeting(_Document):
    date: Day = _f("Datum", "Den schůzky (RRRR-MM-DD); shoduje se s názvem souboru.")
    time: TimeRange | None = _f("Čas", "Čas v uvozovkách, např. \"09:00–11:00\".", None)
    group: Slug = _f("Pracovní skupina", "Identifikátor skupiny z plan.yaml.")
    kind: MeetingKind = _f("Druh", "working_group, round_table nebo workshop.",
                           MeetingKind.WORKING_GROUP)
    title: Text | None = _f("Název", "Název nebo předmět jednání.", None)
    place: Text | None = _f("Místo", "Kde se jednalo.", None)
    attendees: list[Text] = _list("Přítomní", "Jména nebo organizace.")
    minutes_by: Text | None = _f("Zapsal(a)", "Kdo zápis zpracoval.", None)
    agenda: list[Text] = _list("Program", "Body programu.")
    activities: list[ActivityRef] = _list("Projednané aktivity", "Čísla aktivit v uvozovkách.")
    notes: Text | None = _f("Zápis", "Volný text zápisu.", None)
    decisions: list[Text] = _list("Usnesení", "Na čem se skupina shodla.")
    tasks: list[Task] = _list("Úkoly", "Úkoly ze schůzky.")
    next_meeting: DueDate | None = _f("Příští schůzka", "Kdy se skupina sejde příště: "
                                      "rok, měsíc nebo den.", None)

    def resolve(self, ref: str) -> str:
        """A bare activity number in a meeting means the meeting's group."""
        group, number = split_ref(ref)
        return f"{group or self.group}/{number}"


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
