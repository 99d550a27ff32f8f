"""What the cache keeps of every card (its status rows, due dates) and of a drawn view is
pickled as each object's class and its fields' values, and comes back as the same object."""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from datetime import date

import pytest

from kplan.pickled import Tupled
from kplan.plan.dates import Due
from kplan.query.status import CardRows, card_rows
from tests.plantree import TODAY, PlanFactory


def test_a_due_date_is_pickled_as_its_class_and_values() -> None:
    due = Due(2019, 5, None, (2021, None, None))
    assert due.__reduce__() == (Due, (2019, 5, None, (2021, None, None), False))
    assert pickle.loads(pickle.dumps(due, protocol=pickle.HIGHEST_PROTOCOL)) == due


def test_a_cards_rows_come_back_equal(make_plan: PlanFactory) -> None:
    from kplan.load.loader import load_plan

    plan = load_plan(make_plan(), TODAY).plan
    rows = card_rows(plan, plan.activities[0], date(2019, 6, 30))
    again = pickle.loads(pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL))
    assert isinstance(again, CardRows) and again == rows
    assert again.milestones and again.status.placement == rows.status.placement


@pytest.mark.parametrize("taken", [{"init": False}, {"kw_only": True}])
def test_a_class_with_a_field_its_init_does_not_take_by_position_is_refused(
        taken: dict[str, bool]) -> None:
    @dataclass(frozen=True, slots=True)
    class Counted(Tupled):
        name: str
        count: int = field(default=0, **taken)  # type: ignore[call-overload]

    with pytest.raises(TypeError, match="Counted"):
        pickle.dumps(Counted("drogy"))


def test_one_field_is_one_value() -> None:
    @dataclass(frozen=True, slots=True)
    class Single(Tupled):
        name: str

    assert Single("drogy").__reduce__() == (Single, ("drogy",))
