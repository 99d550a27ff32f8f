"""The activity card (``activities/<group>/<number>.yaml``) and its parts: the budget,
the schedule, the indicators and the yearly evaluations."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

from pydantic import Discriminator, Field, PrivateAttr, Tag

from kplan.plan.base import (
    TextOrList,
    _Document,
    _f,
    _list,
    _many_or_map,
    _Model,
    _one_or_map,
    as_list,
)
from kplan.plan.dates import Day, DueDate, Year
from kplan.plan.statuses import (
    BudgetPer,
    BudgetPerWord,
    Direction,
    DirectionWord,
    EvaluationStatusWord,
    MilestoneStatus,
    MilestoneStatusWord,
)
from kplan.plan.values import (
    ActivityNumber,
    ActivityRef,
    Amount,
    FullRef,
    NeedRef,
    Number,
    SignedNumber,
    Slug,
    Text,
    split_ref,
)

if TYPE_CHECKING:
    from kplan.plan.planfile import Period


AmountsBySource = dict[Text, Amount]
NamesOrAmounts = Annotated[Annotated[list[Text], Tag("~many")]
                           | Annotated[AmountsBySource, Tag("~map")], Discriminator(_many_or_map)]
AmountOrBySource = Annotated[Annotated[Amount, Tag("~one")]
                             | Annotated[AmountsBySource, Tag("~map")],
                             Discriminator(_one_or_map)]



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
