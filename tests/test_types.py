"""The value types: due dates at their edges, IČO check digits, YAML 1.2 scalars."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import TypeAdapter, ValidationError

from kplan.plan.activity import Milestone
from kplan.plan.dates import Due, DueDate
from kplan.plan.meeting import Task
from kplan.plan.statuses import MilestoneStatus
from kplan.plan.values import Ico, ico_check_digit
from kplan.yamlio import plain_scalar

due_adapter: TypeAdapter[Due] = TypeAdapter(DueDate)


@pytest.mark.parametrize(("written", "last_day"), [
    (2019, date(2019, 12, 31)),
    ("2019", date(2019, 12, 31)),
    ("2019-03", date(2019, 3, 31)),
    ("2020-02", date(2020, 2, 29)),
    ("2019-02", date(2019, 2, 28)),
    ("2100-02", date(2100, 2, 28)),
    ("2019-04-30", date(2019, 4, 30)),
])
def test_due_last_day(written: object, last_day: date) -> None:
    assert due_adapter.validate_python(written).last_day() == last_day


@pytest.mark.parametrize("written", ["2019-02-30", "2019-13", "2019-00", "19", "2019-1-5",
                                     "březen 2019", 3.5, True, None, "2019-04-31"])
def test_due_rejects_what_is_not_a_day(written: object) -> None:
    with pytest.raises(ValidationError) as raised:
        due_adapter.validate_python(written)
    assert raised.value.errors()[0]["type"] == "kplan_date"


def test_due_prints_as_written() -> None:
    assert [str(due_adapter.validate_python(v)) for v in (2019, "2019-03", "2019-03-05")] == \
        ["2019", "2019-03", "2019-03-05"]


@pytest.mark.parametrize(("due", "status", "day", "overdue"), [
    (2019, "planned", date(2019, 12, 31), False),      # the last day is still in time
    (2019, "planned", date(2020, 1, 1), True),         # the day after is late
    ("2020-02", "in_progress", date(2020, 2, 29), False),  # leap year: 29 Feb is in time
    ("2020-02", "in_progress", date(2020, 3, 1), True),
    ("2019-02", "planned", date(2019, 3, 1), True),
    (2019, "done", date(2025, 1, 1), False),           # done is never overdue
    (2019, "cancelled", date(2025, 1, 1), False),      # nor cancelled
    (2019, "postponed", date(2020, 1, 1), True),
])
def test_milestone_overdue(due: object, status: str, day: date, overdue: bool) -> None:
    milestone = Milestone.model_validate({"title": "Krok", "due": due, "status": status})
    assert milestone.is_overdue(day) is overdue


def test_task_overdue_only_while_open() -> None:
    open_task = Task.model_validate({"title": "Úkol", "due": "2019-03"})
    done_task = Task.model_validate({"title": "Úkol", "due": "2019-03", "status": "done"})
    assert open_task.is_overdue(date(2019, 4, 1))
    assert not open_task.is_overdue(date(2019, 3, 31))
    assert not done_task.is_overdue(date(2030, 1, 1))
    assert Milestone.model_validate({"title": "x", "due": 2019}).status is \
        MilestoneStatus.PLANNED


@pytest.mark.parametrize("ico", ["00064581", "00006947", "00845451", "25596641"])
def test_valid_ico(ico: str) -> None:
    assert TypeAdapter(Ico).validate_python(ico) == ico


def test_ico_check_digit_rules() -> None:
    assert ico_check_digit("0006458") == 1
    assert ico_check_digit("0000694") == 7
    with pytest.raises(ValidationError) as raised:
        TypeAdapter(Ico).validate_python("00064582")
    assert raised.value.errors()[0]["type"] == "kplan_ico"


def test_unquoted_ico_asks_for_quotes() -> None:
    with pytest.raises(ValidationError) as raised:
        TypeAdapter(Ico).validate_python(64581)
    assert raised.value.errors()[0]["type"] == "kplan_unquoted"


@pytest.mark.parametrize(("text", "value"), [
    ("3.10", 3.1), ("2019", 2019), ("00064581", 64581), ("200_000", 200000),
    ("yes", "yes"), ("no", "no"), ("on", "on"), ("9:30", "9:30"), ("2019-01-25", "2019-01-25"),
    ("true", True), ("False", False), ("~", None), ("null", None), ("0x1F", 31), ("0o17", 15),
    ("1e3", 1000.0), ("Ostrava", "Ostrava"), ("-5", -5), ("+", "+"), ("-", "-"), (".", "."),
])
def test_yaml_12_core_scalars(text: str, value: object) -> None:
    assert plain_scalar(text) == value
    assert type(plain_scalar(text)) is type(value)
