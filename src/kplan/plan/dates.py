"""Years, days and due dates of plan data: ``2020``, ``2020-03-15``, ``2019-03``, a range
``2019–2021`` or ``průběžně``; the same ``kplan_*`` errors as the other value types."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Annotated, Any

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from kplan.pickled import Tupled
from kplan.plan.values import pattern_error, type_error

_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})\Z")
_YEAR = re.compile(r"([0-9]{4})\Z")
MIN_YEAR, MAX_YEAR = 1990, 2100


def _year(value: Any) -> int:
    if isinstance(value, str) and _YEAR.match(value):
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        if MIN_YEAR <= value <= MAX_YEAR:
            return value
        raise pattern_error(value, f"Rok pište čtyřmístně, mezi {MIN_YEAR} a {MAX_YEAR}.",
                            f"Write the year with four digits, {MIN_YEAR}–{MAX_YEAR}.")
    raise type_error("year", "Rok pište čtyřmístně, např. 2020.",
                     "Write the year with four digits, e.g. 2020.")


# --- days and due dates ------------------------------------------------------------------------

def _date_error(value: Any) -> PydanticCustomError:
    return PydanticCustomError("kplan_date", "no such date", {"value": str(value)})


def parse_day(value: Any) -> date:
    if isinstance(value, date):
        return value
    match = _DAY.match(value) if isinstance(value, str) else None
    if not match:
        raise _date_error(value)
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise _date_error(value) from None


@lru_cache(maxsize=8192)
def _last_day(year: int, month: int | None, day: int | None) -> date:
    if month is None:
        return date(year, 12, 31)
    if day is None:
        return date(year, month, calendar.monthrange(year, month)[1])
    return date(year, month, day)


_Point = tuple[int, int | None, int | None]
_ONGOING_WORDS = frozenset(("ongoing", "prubezne", "průběžně"))
_RANGE = re.compile(r"([0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?)\s*[–-]\s*"
                    r"([0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?)\Z")
ONGOING_YEAR = 9999
"""The year an ongoing due date sorts by: after every dated one."""


@dataclass(frozen=True, slots=True, order=True)
class Due(Tupled):
    """A due date as precise as the plan knows it: a year, a month or a day; a range of
    them (``2019–2021``: due by the end's last day); or ongoing (``průběžně``: through the
    whole period, never overdue)."""

    year: int
    month: int | None = None
    day: int | None = None
    end: _Point | tuple[()] = ()
    """The range's end (year, month, day); empty for a single due date."""
    ongoing: bool = False

    @classmethod
    def ongoing_due(cls) -> Due:
        return cls(ONGOING_YEAR, ongoing=True)

    @property
    def is_ongoing(self) -> bool:
        return self.ongoing

    @property
    def is_range(self) -> bool:
        return bool(self.end)

    def start(self) -> Due:
        """The single due date the range starts with (itself when it is no range)."""
        if not self.end and not self.ongoing:
            return self
        return Due(self.year, self.month, self.day)

    def finish(self) -> Due:
        """The single due date the range ends with (itself when it is no range)."""
        return Due(*self.end) if self.end else self.start()

    def last_day(self) -> date:
        """The day by which it is due: 31 Dec for a year, the month's last day for a month,
        the end's last day for a range; ``date.max`` when ongoing (never overdue)."""
        if self.ongoing:
            return date.max
        if self.end:
            return _last_day(*self.end)
        return _last_day(self.year, self.month, self.day)

    def first_day(self) -> date:
        """The day it starts: the first day of its year, month or range; ``date.min`` when
        ongoing (since the period's start)."""
        if self.ongoing:
            return date.min
        return date(self.year, self.month or 1, self.day or 1)

    def years(self, start: int, end: int) -> range:
        """The years of the period ``start``–``end`` it is shown in: the years it spans,
        every year when ongoing."""
        if self.ongoing:
            return range(start, end + 1)
        return range(max(start, self.year), min(end, self.finish().year) + 1)

    def in_year(self, year: int) -> bool:
        """It falls in ``year`` (ongoing: in every year)."""
        return self.ongoing or self.year <= year <= self.finish().year

    @property
    def precision(self) -> str:
        if self.ongoing:
            return "ongoing"
        return "year" if self.month is None else "month" if self.day is None else "day"

    def __str__(self) -> str:
        if self.ongoing:
            return "ongoing"
        if self.end:
            return f"{_point_text(self.year, self.month, self.day)}–{_point_text(*self.end)}"
        return _point_text(self.year, self.month, self.day)

    @classmethod
    def parse(cls, value: Any) -> Due:
        if isinstance(value, Due):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise _date_error(value)
        return _due_of_text(value.strip())

    @classmethod
    def _from_text(cls, text: str) -> Due:
        if " ".join(text.casefold().split()) in _ONGOING_WORDS:
            return cls.ongoing_due()
        match = _RANGE.match(text)
        if match and not _DAY.match(text):
            return cls._range(text, cls._single(match[1]), cls._single(match[2]))
        return cls._single(text)

    @classmethod
    def _range(cls, text: str, start: Due, end: Due) -> Due:
        if end.last_day() < start.first_day():
            raise PydanticCustomError("kplan_due_range", "range ends before it starts",
                                      {"value": text})
        return cls(start.year, start.month, start.day, (end.year, end.month, end.day))

    @classmethod
    def _single(cls, text: str) -> Due:
        if match := _YEAR.match(text):
            due = cls(int(match[1]))
        elif match := _MONTH.match(text):
            due = cls(int(match[1]), int(match[2]))
        else:
            day = parse_day(text)
            due = cls(day.year, day.month, day.day)
        month_ok = due.month is None or 1 <= due.month <= 12
        if not month_ok or not MIN_YEAR <= due.year <= MAX_YEAR:
            raise _date_error(text)
        return due


@lru_cache(maxsize=4096)
def _due_of_text(text: str) -> Due:
    """Read once a text: a plan writes the same few due dates on thousands of cards, and
    a due date cannot change."""
    return Due._from_text(text)


def _point_text(year: int, month: int | None, day: int | None) -> str:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


_DUE_POINT = r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"


def _due_schema() -> dict[str, Any]:
    return {"anyOf": [{"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR},
                      {"type": "string", "pattern": rf"^{_DUE_POINT}(\s*[–-]\s*{_DUE_POINT})?$"},
                      {"type": "string", "enum": ["ongoing", "průběžně", "prubezne"]}]}


Year = Annotated[int, PlainValidator(_year),
                 WithJsonSchema({"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR})]
Day = Annotated[date, PlainValidator(parse_day), PlainSerializer(date.isoformat, return_type=str),
                WithJsonSchema({"type": "string", "format": "date",
                                "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"})]
DueDate = Annotated[Due, PlainValidator(Due.parse), PlainSerializer(str, return_type=str),
                    WithJsonSchema(_due_schema())]
