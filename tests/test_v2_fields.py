"""The fields version 2 widens, read the same from either shape (``query.fields``), and
the `list` filters, money and calendar that use them."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kplan.cli import app
from kplan.load.loader import load_plan
from kplan.query.fields import in_group, names_of, responsible_people, source_names
from tests.plantree import TODAY, write_tree

PLAN = {
    "plan.yaml": """\
        title: Plán
        period: {start: 2020, end: 2023}
        groups:
          - {id: drogy, name: Drogy}
          - {id: seniori, name: Senioři}
        """,
    "activities/drogy/1.1.yaml": """\
        id: "1.1"
        title: Jeden člověk
        responsible: Jana Nováková
        budget: {amount: 100, sources: [SMO, KÚ]}
        """,
}

V2_CARD = """\
    id: "1.2"
    title: Dva lidé, dvě skupiny
    responsible: [Petr Dvořák, koordinátorka KPSS]
    groups: [seniori]
    budget: {amount: 200, sources: {SMO: 150, MPSV: 50}}
    """


def listed(root: Path, *args: str) -> list[str]:
    result = CliRunner().invoke(app, ["list", "activities", str(root), "-f", "json", *args],
                                env={"KPLAN_LANG": ""})
    assert result.exit_code == 0, result.output
    return [item["ref"] for item in json.loads(result.stdout)["items"]]


def test_names_of_a_text_a_list_and_nothing() -> None:
    assert names_of("Jana") == ["Jana"]
    assert names_of(["Jana", "Petr"]) == ["Jana", "Petr"]
    assert names_of(None) == []


def test_version_1_fields_read_as_lists(tmp_path: Path) -> None:
    [card] = load_plan(write_tree(tmp_path / "p", PLAN), today=TODAY).plan.activities
    assert responsible_people(card) == ["Jana Nováková"]
    assert source_names(card) == ["SMO", "KÚ"]
    assert in_group(card, "drogy") and not in_group(card, "seniori")
    assert listed(tmp_path / "p", "--responsible", "nováková") == ["drogy/1.1"]


def test_list_filters_by_any_of_several_responsible_and_by_shared_groups(
        tmp_path: Path) -> None:
    root = write_tree(tmp_path / "p", {**PLAN, "activities/drogy/1.2.yaml": V2_CARD})
    assert listed(root, "--responsible", "KPSS") == ["drogy/1.2"]
    assert listed(root, "--group", "seniori") == ["drogy/1.2"]
    assert listed(root, "--source", "MPSV") == ["drogy/1.2"]


def test_money_by_source_and_year_from_a_version_2_budget(tmp_path: Path) -> None:
    from kplan.query.money import planned_buckets, spent_buckets

    card = """\
        id: "1.3"
        title: Rozpočet po zdrojích a letech
        budget:
          amount: null
          sources: {SMO: 120000, MPSV: 80000}
          years: {2021: 150000, 2022: {SMO: 100000, MPSV: 60000}}
        evaluations:
          - {year: 2022, status: done, spent: {SMO: 50000, MPSV: 20000}}
        """
    root = write_tree(tmp_path / "p", {**PLAN, "activities/drogy/1.3.yaml": card})
    loaded = load_plan(root, today=TODAY).plan
    activity = next(a for a in loaded.activities if a.id == "1.3")
    period = range(2020, 2024)
    assert planned_buckets(activity, 2020, period) == {"SMO": 120000, "MPSV": 80000}
    assert planned_buckets(activity, 2021, period) == {"\x00unsplit": 150000}
    assert planned_buckets(activity, 2022, period) == {"SMO": 100000, "MPSV": 60000}
    assert spent_buckets(activity, 2022, period) == {"SMO": 50000, "MPSV": 20000}


def test_money_rules_on_the_spec_field_names_without_the_model() -> None:
    """planned_buckets reads the spec's field names, so a stand-in with them shows the
    rules before the version-2 model lands: mapping per year or divided, years, unknown."""
    from types import SimpleNamespace

    from kplan.plan.statuses import BudgetPer
    from kplan.query.money import NO_SOURCE, UNSPLIT, planned_buckets, planned_total

    def card(**budget: object) -> object:
        fields = {"amount": None, "per": BudgetPer.YEAR, "sources": [], "years": {}} | budget
        return SimpleNamespace(budget=SimpleNamespace(**fields), evaluation=lambda year: None)

    period = range(2020, 2024)
    split = card(sources={"SMO": 120000, "MPSV": 80000}, years={2021: 150000})
    assert planned_buckets(split, 2020, period) == {"SMO": 120000, "MPSV": 80000}  # type: ignore[arg-type]
    assert planned_buckets(split, 2021, period) == {UNSPLIT: 150000}  # type: ignore[arg-type]
    total = card(amount=400, per=BudgetPer.TOTAL, sources={"EU": 400})
    assert planned_buckets(total, 2022, period) == {"EU": 100}  # type: ignore[arg-type]
    unknown = card(sources=["SMO", "KÚ"])
    assert planned_buckets(unknown, 2022, period) == {UNSPLIT: None}  # type: ignore[arg-type]
    assert planned_total(unknown, 2022, period) is None  # type: ignore[arg-type]
    assert planned_buckets(card(amount=5), 2022, period) == {NO_SOURCE: 5}  # type: ignore[arg-type]
    assert planned_buckets(card(amount=5), 2030, period) == {}  # type: ignore[arg-type]


def test_a_calendar_event_spans_a_range_and_an_ongoing_step_is_none() -> None:
    from datetime import date
    from types import SimpleNamespace

    from kplan.output.ics import event_days
    from kplan.plan.dates import Due

    assert event_days(Due(2021, 3)) == (date(2021, 3, 31), date(2021, 4, 1))
    ranged = SimpleNamespace(ongoing=False, is_range=True, first_day=lambda: date(2019, 1, 1),
                             last_day=lambda: date(2021, 12, 31))
    assert event_days(ranged) == (date(2019, 1, 1), date(2022, 1, 1))  # type: ignore[arg-type]
    assert event_days(SimpleNamespace(ongoing=True)) is None  # type: ignore[arg-type]


def test_ics_writes_a_range_as_a_multi_day_event_and_leaves_ongoing_out(tmp_path: Path) -> None:
    from kplan.output.ics import milestone_events

    card = """\
        id: "1.4"
        title: Služby
        milestones:
          - {title: Realizovat potřebné služby, due: 2020–2022}
          - {title: Informovat o službách, due: průběžně}
        """
    root = write_tree(tmp_path / "p", {**PLAN, "activities/drogy/1.4.yaml": card})
    events = [e for e in milestone_events(load_plan(root, today=TODAY).plan)
              if e.summary.startswith("1.4")]
    assert [(e.summary, str(e.start), str(e.end)) for e in events] == [
        ("1.4 Realizovat potřebné služby", "2020-01-01", "2023-01-01")]
