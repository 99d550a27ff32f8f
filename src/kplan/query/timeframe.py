"""The day the plan is looked at, and how far ahead: ``--as-of``, ``--group``, ``--within``."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Literal

DEFAULT_HORIZON_DAYS = 90
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2200, 12, 31)
"""The days an option may name (``--as-of``, ``--date``; ``--year`` their years): wide
around the data's years (``types.MIN_YEAR``–``MAX_YEAR``), far from the ends of Python's
dates, so that every day and year arithmetic of the views and reports stays valid."""


def day_in_range(day: date) -> bool:
    return FIRST_DAY <= day <= LAST_DAY


def year_in_range(year: int) -> bool:
    return FIRST_DAY.year <= year <= LAST_DAY.year
_SPAN = re.compile(r"\s*([0-9]{1,4})\s*([dwmy])\s*\Z", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Scope:
    """The day the plan is looked at, and the one group looked at (None: the whole plan)."""

    as_of: date
    group: str | None = None

    def covers(self, group: str) -> bool:
        return self.group is None or self.group == group


@dataclass(frozen=True, slots=True)
class Span:
    """A length of time as a user writes it: ``60d``, ``8w``, ``3m``."""

    count: int
    unit: Literal["d", "w", "m"]

    def __str__(self) -> str:
        return f"{self.count}{self.unit}"

    def end(self, start: date) -> date:
        """The day ``start`` plus the span; the last day Python knows when it is further."""
        try:
            return self._end(start)
        except (OverflowError, ValueError):
            return date.max

    def _end(self, start: date) -> date:
        if self.unit == "d":
            return start + timedelta(days=self.count)
        if self.unit == "w":
            return start + timedelta(weeks=self.count)
        month_index = start.month - 1 + self.count
        year, month = start.year + month_index // 12, month_index % 12 + 1
        return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def parse_span(text: str) -> Span:
    """``60d``, ``8w``, ``3m`` (days, weeks, calendar months), ``1y`` (12 months);
    ValueError otherwise."""
    match = _SPAN.match(text)
    if not match:
        raise ValueError(text)
    count, unit = int(match[1]), match[2].lower()
    if unit == "y":
        return Span(count * 12, "m")
    units: dict[str, Literal["d", "w", "m"]] = {"d": "d", "w": "w", "m": "m"}
    return Span(count, units[unit])


class HorizonBasis(StrEnum):
    WITHIN = "within"
    """Given by the user (``--within``)."""
    NEXT_MEETING = "next_meeting"
    """Until the group's next planned meeting (the latest meeting's ``next_meeting``)."""
    DEFAULT = "default"
    """90 days."""


@dataclass(frozen=True, slots=True)
class Horizon:
    end: date
    basis: HorizonBasis
    span: Span | None = None
    meeting: str | None = None
    """The meeting whose ``next_meeting`` set the horizon."""
