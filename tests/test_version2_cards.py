"""Format version 2 for cards and services: Czech status words, ranges and ongoing due
dates, money by source and year, indicators against a baseline, evaluations in words, and
the editing commands that write the plan's status words without rewriting others."""

from __future__ import annotations

import typing
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kplan.cli import app
from kplan.edit.new import activity_text, meeting_text, service_text
from kplan.plan.activity import Activity, Budget, Indicator
from kplan.plan.base import BaseModel
from kplan.plan.dates import Due
from kplan.plan.meeting import Meeting
from kplan.plan.model import Plan
from kplan.plan.planfile import Period
from kplan.plan.schema import schema_for
from kplan.plan.service import Service
from kplan.plan.statuses import EvaluationStatus, MilestoneStatus, status_from_words
from tests.plantree import CARD_YAML, PLAN_YAML, PlanFactory, found, load

runner = CliRunner()
CARD = "activities/drogy/2.1.2.yaml"
V2_CARD = """\
id: "2.1.2"
title: Podpořit vznik krizového lůžka
responsible: [vedoucí odboru sociálních věcí, koordinátorka KPSS]
budget:
  per: celkem
  sources: {SMO: 120000, MPSV: 80000}
  years:
    2021: {SMO: 10000}
  note: cca 12,50 Kč za kus
milestones:
  - title: Realizovat potřebné služby
    due: 2019–2021
    status: Probíhá
  - title: Informovat o službách
    due: průběžně
    status: hotovo
indicators:
  - name: Kapacita DOZP
    unit: lůžek
    baseline: {value: 600, year: 2019}
    direction: decrease
    change: -100
    values: {2020: 560, 2022: 480}
evaluations:
  - year: 2020
    status: nenaplněno
    spent: {SMO: 50000, MPSV: 20000}
    reasons: [pandemie covid-19]
  - year: 2021
    comment: Katalog byl aktualizován.
"""


PLAN = PLAN_YAML.replace("  SMO: Statutární město\n",
                        "  SMO: Statutární město\n  MPSV: Ministerstvo práce a sociálních věcí\n")


def kplan(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"GITHUB_ACTIONS": "", "KPLAN_LANG": ""})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def _card(root: Path) -> Activity:
    activity = load(root).plan.activities[0]
    assert isinstance(activity, Activity)
    return activity


def test_a_version_2_card_loads_clean_with_czech_words(make_plan: PlanFactory) -> None:
    root = make_plan({"plan.yaml": PLAN, CARD: V2_CARD})
    assert found(root) == []
    card = _card(root)
    assert [m.status for m in card.milestones] == [MilestoneStatus.IN_PROGRESS,
                                                   MilestoneStatus.DONE]
    assert card.evaluations[0].status is EvaluationStatus.NOT_MET
    assert card.evaluations[1].status is None
    assert card.responsible_text == "vedoucí odboru sociálních věcí, koordinátorka KPSS"
    assert card.evaluations[0].spent_total() == 70000


@pytest.mark.parametrize(("kind", "text", "value"), [
    ("evaluation", "NENAPLNENO", "not_met"), ("evaluation", "Plní se", "on_track"),
    ("milestone", "hotovo", "done"), ("task", "upusteno", "dropped"), ("per", "Rok", "year"),
    ("meeting", "Kulatý stůl", "round_table"), ("form", "terénní", "field")])
def test_status_words_in_any_case_and_without_diacritics(kind: str, text: str,
                                                          value: str) -> None:
    found_value = status_from_words(kind, text)
    assert found_value is not None and found_value.value == value


def test_money_of_a_year_by_source_and_unknown() -> None:
    period = Period(start=2019, end=2022)
    budget = Budget.model_validate({"per": "total", "sources": {"SMO": 120000, "MPSV": 80000},
                                    "years": {2021: {"SMO": 10000}}})
    assert budget.planned_in(2020, period) == 50000
    assert budget.planned_by_source_in(2020, period) == {"SMO": 30000, "MPSV": 20000}
    assert budget.planned_in(2021, period) == 10000
    unknown = Budget.model_validate({"sources": ["SMO", "MPSV"]})
    assert unknown.planned_in(2020, period) is None
    assert unknown.planned_by_source_in(2020, period) is None


def test_a_range_is_overdue_after_its_end_and_ongoing_never() -> None:
    years = Due.parse("2019–2021")
    assert (years.first_day(), years.last_day()) == (date(2019, 1, 1), date(2021, 12, 31))
    assert list(years.years(2019, 2022)) == [2019, 2020, 2021]
    months = Due.parse("2020-03 - 2020-06")
    assert (months.first_day(), months.last_day()) == (date(2020, 3, 1), date(2020, 6, 30))
    assert str(months) == "2020-03–2020-06"
    ongoing = Due.parse("Průběžně")
    assert ongoing.is_ongoing and ongoing.in_year(2030) and ongoing.last_day() == date.max
    assert list(ongoing.years(2019, 2022)) == [2019, 2020, 2021, 2022]


def test_an_indicator_reached_against_its_baseline() -> None:
    indicator = Indicator.model_validate({"name": "DOZP", "baseline": {"value": 600},
                                          "direction": "snížení", "change": -100,
                                          "values": {2020: 560, 2022: 480}})
    assert (indicator.goal(), indicator.reached()) == (500, True)
    without = Indicator.model_validate({"name": "DOZP", "change": -100, "values": {2020: 1}})
    assert (without.goal(), without.reached()) == (None, None)


def test_show_says_the_new_fields(make_plan: PlanFactory) -> None:
    root = make_plan({"plan.yaml": PLAN, CARD: V2_CARD})
    code, output = kplan("show", "drogy/2.1.2", str(root), "--as-of", "2022-06-30")
    assert code == 0, output
    output = output.replace("\xa0", " ")
    for text in ("vedoucí odboru sociálních věcí, koordinátorka KPSS",
                 "200 000 Kč celkem (SMO 120 000 Kč, MPSV 80 000 Kč)", "2021: SMO 10 000 Kč",
                 "2019–2021", "průběžně", "600 (2019)", "-100 (méně je lépe)", "nesplněno",
                 "SMO 50 000 Kč, MPSV 20 000 Kč", "Důvody: pandemie covid-19"):
        assert text in output, text


def test_show_an_unknown_amount(make_plan: PlanFactory) -> None:
    root = make_plan({CARD: CARD_YAML.replace("  amount: 200000\n", "")})
    code, output = kplan("show", "drogy/2.1.2", str(root), "--as-of", "2022-06-30")
    assert code == 0 and "Náklady a zdroje: neuvedeno ročně (SMO)" in output, output


def test_show_a_service_outside_the_law(make_plan: PlanFactory) -> None:
    root = make_plan({"services/mobilni-hospic.yaml": """\
        id: mobilni-hospic
        name: Mobilní hospic Ondrášek
        provider: {name: "Mobilní hospic Ondrášek, o.p.s."}
        kind: other
        kind_name: Mobilní hospic
        forms: [terénní]
        capacity: {value: 20, unit: lůžek}
        website: https://www.example.cz
        contacts:
          - role: Vedoucí služby
            phone: ["+420 596 123 456", "+420 731 000 000"]
            public: true
        """})
    assert found(root) == []
    code, output = kplan("show", "mobilni-hospic", str(root))
    assert code == 0, output
    for text in ("Mobilní hospic", "terénní", "20 lůžek", "https://www.example.cz",
                 "+420 596 123 456", "+420 731 000 000"):
        assert text in output, text


def test_editing_writes_the_plans_status_words(make_plan: PlanFactory) -> None:
    root = make_plan({"plan.yaml": PLAN + "status_words: cs\n"})
    assert kplan("add", "milestone", "drogy/2.1.2", str(root), "--title", "Realizovat",
                 "--due", "2019–2021", "--status", "probíhá")[0] == 0
    assert kplan("evaluate", "drogy/2.1.2", str(root), "--year", "2020", "--status",
                 "plní se", "--spent", "SMO=50000", "--spent", "MPSV=20 000 Kč")[0] == 0
    assert kplan("done", "drogy/2.1.2", "Realizovat", str(root), "--date", "2021-06-30")[0] == 0
    text = (root / CARD).read_text(encoding="utf-8")
    assert "  - title: Realizovat\n    due: 2019–2021\n    status: splněno\n" \
        "    done: 2021-06-30\n" in text
    assert "  - year: 2020\n    status: plní se\n    spent: {SMO: 50000, MPSV: 20000}\n" in text


def test_editing_never_rewrites_a_status_written_in_other_words(make_plan: PlanFactory) -> None:
    root = make_plan({"plan.yaml": PLAN, CARD: V2_CARD})
    before = (root / CARD).read_text(encoding="utf-8")
    assert kplan("set-status", "drogy/2.1.2", "2", "done", str(root))[0] == 0
    assert kplan("done", "drogy/2.1.2", "Informovat", str(root), "--date", "2020-01-31")[0] == 0
    after = (root / CARD).read_text(encoding="utf-8")
    assert after == before.replace("    status: hotovo\n",
                                   "    status: hotovo\n    done: 2020-01-31\n")


def test_english_is_the_default_status_language(make_plan: PlanFactory) -> None:
    root = make_plan()
    assert kplan("set-status", "drogy/2.1.2", "1", "Hotovo", str(root))[0] == 0
    assert "    status: done\n" in (root / CARD).read_text(encoding="utf-8")


def test_an_evaluation_in_words_only(make_plan: PlanFactory) -> None:
    root = make_plan()
    code, output = kplan("evaluate", "drogy/2.1.2", str(root), "--year", "2021")
    assert code == 2 and "Zadejte --status, --comment, nebo obojí" in output
    assert kplan("evaluate", "drogy/2.1.2", str(root), "--year", "2021", "--comment",
                 "Bez změny.")[0] == 0
    assert "  - year: 2021\n    comment: Bez změny.\n" in (root / CARD).read_text("utf-8")


def test_fmt_keeps_a_version_2_card(make_plan: PlanFactory) -> None:
    root = make_plan({"plan.yaml": PLAN, CARD: V2_CARD})
    code, output = kplan("fmt", str(root / CARD), "--check")
    assert code == 0, output


def _fields(model: type[BaseModel]) -> set[str]:
    names = set(model.model_fields)
    for info in model.model_fields.values():
        for argument in (info.annotation, *typing.get_args(info.annotation)):
            if isinstance(argument, type) and issubclass(argument, BaseModel):
                names |= _fields(argument)
    return names


@pytest.mark.parametrize(("model", "text"), [
    (Activity, activity_text("drogy", "2.1.3", None)),
    (Service, service_text("sluzba", None, "terenni-programy")),
    (Meeting, meeting_text(Plan(), "drogy", date(2020, 5, 5), None))])
def test_kplan_new_writes_every_field_with_its_title(model: type[BaseModel], text: str) -> None:
    for name in _fields(model):
        assert name in text, f"kplan new leaves out {model.__name__}.{name}"
    for name, info in model.model_fields.items():
        assert f"{name}:" in text and f"# {info.title}:" in text, name


def test_schema_errors_are_czech() -> None:
    schema = schema_for("activity")
    assert schema["properties"]["responsible"]["errorMessage"] == (
        "Pole „responsible“ (Odpovědná osoba) má být text nebo seznam (položky „- “) nebo "
        "null. Kdo za aktivitu odpovídá: jméno, nebo seznam jmen či funkcí.")
    status = schema["$defs"]["Evaluation"]["properties"]["status"]
    assert "nenaplněno" in status["anyOf"][0]["enum"]


def test_a_wrong_status_is_answered_with_the_czech_words_it_could_be(
        make_plan: PlanFactory) -> None:
    """KP203 lists in Czech the English values and the Czech words each stands for, after
    the word nearest the one written; a field that takes no Czech words lists its values
    alone."""
    root = make_plan({CARD: CARD_YAML + "    status: hotov\n",
                      "plan.yaml": PLAN_YAML.replace("locale: cs", "locale: sk")})
    czech = runner.invoke(app, ["validate", str(root), "--no-cache"])
    english = runner.invoke(app, ["validate", str(root), "--no-cache", "--lang", "en"])
    assert "→ Myslíte „hotovo“? Použijte jednu z hodnot: planned (plánováno), in_progress " \
        "(probíhá,\n      rozpracováno), done (splněno, hotovo), postponed (odloženo), " \
        "cancelled (zrušeno).\n" in czech.output
    assert "→ Did you mean 'done'? Use one of: planned, in_progress, done, postponed, " \
        "cancelled.\n" in english.output
    assert "→ Použijte jednu z hodnot: cs, en.\n" in czech.output
    assert found(root) == [(CARD, 11, 13, "KP203"), ("plan.yaml", 4, 9, "KP203")]
