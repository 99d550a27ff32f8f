"""Value types of plan data: identifiers, days, due dates, amounts, IČO.

Each type is a plain validator that takes what the YAML reader gives (YAML 1.2 core
scalars; dates stay text) and raises ``PydanticCustomError`` with a ``kplan_*`` type
whose ``ctx`` the loader turns into a coded, translated diagnostic.
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Annotated, Any

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

SLUG_RE = r"[a-z0-9]+(?:-[a-z0-9]+)*"
NUMBER_PART_RE = r"(?:[0-9]+[A-Za-z]?|[A-Za-z])"
NUMBER_RE = rf"{NUMBER_PART_RE}(?:\.{NUMBER_PART_RE}){{0,4}}"
_SLUG = re.compile(SLUG_RE + r"\Z")
_NUMBER = re.compile(NUMBER_RE + r"\Z")
_REF = re.compile(rf"(?:({SLUG_RE})/)?({NUMBER_RE})\Z")
_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})\Z")
_YEAR = re.compile(r"([0-9]{4})\Z")
_CLOCK = r"(?:[01]?[0-9]|2[0-3]):[0-5][0-9]"
_TIME = re.compile(rf"{_CLOCK}(?:\s*[–-]\s*{_CLOCK})?\Z")
_CURRENCY = re.compile(r"[A-Z]{3}\Z")
MIN_YEAR, MAX_YEAR = 1990, 2100


def _type_error(expected: str, hint_cs: str = "", hint_en: str = "") -> PydanticCustomError:
    return PydanticCustomError("kplan_type", "expected {expected}",
                               {"expected": expected, "hint_cs": hint_cs, "hint_en": hint_en})


def _pattern_error(value: Any, hint_cs: str, hint_en: str) -> PydanticCustomError:
    return PydanticCustomError("kplan_pattern", "wrong form",
                               {"value": str(value), "hint_cs": hint_cs, "hint_en": hint_en})


def _unquoted_error(value: Any) -> PydanticCustomError:
    return PydanticCustomError("kplan_unquoted", "must be quoted", {"read": repr(value)})


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


# --- text and identifiers --------------------------------------------------------------------

def text_value(value: Any) -> str:
    """``value`` when it is text, else the KP202 error that tells to quote it."""
    return _text(value)


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    raise _type_error("text", "Text, který YAML čte jinak (číslo, ano/ne), dejte do "
                      "uvozovek.", "Quote text that YAML would read otherwise.")


def _quoted_text(value: Any, pattern: re.Pattern[str], hint_cs: str, hint_en: str) -> str:
    """Text (a number YAML read is the KP205 error to quote it) of ``pattern``'s form."""
    if _is_number(value):
        raise _unquoted_error(value)
    text = _text(value)
    if not pattern.match(text):
        raise _pattern_error(text, hint_cs, hint_en)
    return text


def _slug(value: Any) -> str:
    return _quoted_text(value, _SLUG, "Identifikátor smí obsahovat jen malá písmena bez "
                        "diakritiky, číslice a pomlčky, např. protidrogova-prevence.",
                        "An id is lowercase ASCII letters, digits and hyphens, "
                        "e.g. drug-prevention.")


def _number(value: Any) -> str:
    return _quoted_text(value, _NUMBER, "Číslo má 1 až 5 částí oddělených tečkou; část je "
                        "číslo (12), jedno písmeno (A) nebo číslo s písmenem (3a), např. "
                        "\"2.1.2\" nebo \"1.1.1.A\".",
                        "A number has 1 to 5 dot-separated parts; a part is digits (12), "
                        "one letter (A) or digits and a letter (3a), e.g. \"2.1.2\" or "
                        "\"1.1.1.A\".")


def _ref(value: Any) -> str:
    return _quoted_text(value, _REF, "Odkaz na aktivitu je číslo (\"2.1.2\") nebo "
                        "skupina/číslo (protidrogova-prevence/2.1.2).",
                        "An activity reference is a number (\"2.1.2\") or "
                        "group/number (drug-prevention/2.1.2).")


def _full_ref(value: Any) -> str:
    text = _ref(value)
    if "/" not in text:
        raise _pattern_error(text, "Odkaz na aktivitu jiné skupiny má tvar skupina/číslo, "
                             "např. protidrogova-prevence/2.1.2.",
                             "A reference to another group's activity is group/number.")
    return text


NumberKey = tuple[tuple[int, int, str], ...]


@lru_cache(maxsize=65536)
def number_key(number: str) -> NumberKey:
    """Natural order of numbers: ``1.2`` < ``1.10``, ``1.1.1.A`` < ``1.1.1.B``, ``3`` < ``3a``;
    a letter part sorts after the digit parts of its level."""
    return tuple(_part_key(part) for part in number.split("."))


def _part_key(part: str) -> tuple[int, int, str]:
    digits = part.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    letters = part[len(digits):].casefold()
    return (0, int(digits), letters) if digits.isascii() and digits.isdigit() \
        else (1, 0, letters)


def number_prefixes(number: str) -> list[str]:
    """The proper prefixes of a number, longest first: ``1.2.3.A`` → ``1.2.3``, ``1.2``, ``1``."""
    parts = number.split(".")
    return [".".join(parts[:end]) for end in range(len(parts) - 1, 0, -1)]


def split_ref(ref: str) -> tuple[str | None, str]:
    """``"g/2.1"`` → ``("g", "2.1")``; ``"2.1"`` → ``(None, "2.1")``."""
    group, _, number = ref.rpartition("/")
    return group or None, number


def _currency(value: Any) -> str:
    text = _text(value)
    if not _CURRENCY.match(text):
        raise _pattern_error(text, "Měna je třípísmenný kód ISO 4217, např. CZK.",
                             "The currency is a three-letter ISO 4217 code, e.g. CZK.")
    return text


def _time(value: Any) -> str:
    if _is_number(value):
        raise _unquoted_error(value)
    text = _text(value)
    if not _TIME.match(text.strip()):
        raise _pattern_error(text, "Čas pište jako \"09:00\" nebo \"09:00–11:00\".",
                             "Write the time as \"09:00\" or \"09:00–11:00\".")
    return text


def _ico(value: Any) -> str:
    if _is_number(value):
        raise _unquoted_error(value)
    text = _text(value).replace(" ", "")
    if not re.fullmatch(r"[0-9]{8}", text):
        raise _pattern_error(value, "IČO má 8 číslic, např. \"00845451\".",
                             "An IČO has 8 digits, e.g. \"00845451\".")
    expected = ico_check_digit(text[:7])
    if int(text[7]) != expected:
        raise PydanticCustomError("kplan_ico", "wrong check digit",
                                  {"value": text, "expected": expected})
    return text


def ico_check_digit(first_seven: str) -> int:
    remainder = sum(int(digit) * weight
                    for digit, weight in zip(first_seven, range(8, 1, -1), strict=True)) % 11
    return {0: 1, 1: 0}.get(remainder, 11 - remainder)


def _registry_id(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return str(value)
    text = _text(value)
    if not text.isdigit():
        raise _pattern_error(text, "Identifikátor služby z registru poskytovatelů je číslo.",
                             "The service id from the national register is a number.")
    return text


# --- numbers -----------------------------------------------------------------------------------

MAX_AMOUNT = 10**12
"""The largest amount of money kplan accepts: a trillion crowns (ten times a region's budget)."""
MAX_COUNT = 10**6
"""The largest count kplan accepts: meetings a year, staff of a service."""
MAX_NUMBER = 10**12
"""The largest value of an indicator (its target and its yearly values)."""


def _range_error(value: Any, limit: int) -> PydanticCustomError:
    return PydanticCustomError("kplan_range", "out of range",
                               {"value": shown_number(value), "limit": limit})


_SHOWN_BITS = 10_000
"""Python refuses to write an int of more than 4,300 digits (about 14,000 bits) as text."""


def shown_number(value: Any) -> str:
    """A number as a message shows it: ``.inf``, ``.nan``, or at most 20 digits and ``…``."""
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if value != value else "-.inf" if value < 0 else ".inf"
    if isinstance(value, int) and value.bit_length() > _SHOWN_BITS:
        return f"~10^{int(value.bit_length() * math.log10(2))}"
    text = str(value)
    return text if len(text) <= 20 else f"{text[:20]}…"


def _checked_range(value: int | float, limit: int) -> int | float:
    """``value`` when it is finite and within 0 … ``limit``; negative is KP207, else KP214."""
    if (isinstance(value, float) and not math.isfinite(value)) or value > limit:
        raise _range_error(value, limit)
    if value < 0:
        raise PydanticCustomError("kplan_negative", "negative", {"value": shown_number(value)})
    return value


def _whole(limit: int) -> Callable[[Any], int]:
    def whole(value: Any) -> int:
        if isinstance(value, float) and not math.isfinite(value):
            raise _range_error(value, limit)
        if isinstance(value, int) and not isinstance(value, bool):
            return int(_checked_range(value, limit))
        raise _type_error("whole_number", "Pište celé číslo bez mezer a bez „Kč“, "
                          "např. 200000.", "Write a whole number without spaces or currency, "
                          "e.g. 200000.")
    return whole


def _bounded_number(limit: int) -> Callable[[Any], int | float]:
    def number(value: Any) -> int | float:
        if _is_number(value):
            return _checked_range(value, limit)
        raise _type_error("number", "Pište číslo bez mezer a jednotek, např. 12 nebo 0.5.",
                          "Write a number without spaces or units, e.g. 12 or 0.5.")
    return number


def _signed_number(value: Any) -> int | float:
    """A number that may be negative (a change against a baseline: ``-100``)."""
    if _is_number(value):
        _checked_range(abs(value), MAX_NUMBER)
        return value  # type: ignore[no-any-return]
    raise _type_error("number", "Pište číslo bez mezer a jednotek, např. 100 nebo -100.",
                      "Write a number without spaces or units, e.g. 100 or -100.")


def _year(value: Any) -> int:
    if isinstance(value, str) and _YEAR.match(value):
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        if MIN_YEAR <= value <= MAX_YEAR:
            return value
        raise _pattern_error(value, f"Rok pište čtyřmístně, mezi {MIN_YEAR} a {MAX_YEAR}.",
                             f"Write the year with four digits, {MIN_YEAR}–{MAX_YEAR}.")
    raise _type_error("year", "Rok pište čtyřmístně, např. 2020.",
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
class Due:
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

    def __reduce__(self) -> tuple[type[Due], tuple[Any, ...]]:
        return (Due, (self.year, self.month, self.day, self.end, self.ongoing))

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
        return cls._from_text(value.strip())

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


def _str_schema(pattern: str | None = None, **extra: Any) -> WithJsonSchema:
    schema: dict[str, Any] = {"type": "string", **extra}
    if pattern:
        schema["pattern"] = pattern
    return WithJsonSchema(schema)


Text = Annotated[str, PlainValidator(_text), _str_schema()]
Slug = Annotated[str, PlainValidator(_slug), _str_schema(f"^{SLUG_RE}$")]
ActivityNumber = Annotated[str, PlainValidator(_number), _str_schema(f"^{NUMBER_RE}$")]
ActivityRef = Annotated[str, PlainValidator(_ref), _str_schema(f"^({SLUG_RE}/)?{NUMBER_RE}$")]
FullRef = Annotated[str, PlainValidator(_full_ref), _str_schema(f"^{SLUG_RE}/{NUMBER_RE}$")]
Currency = Annotated[str, PlainValidator(_currency), _str_schema("^[A-Z]{3}$")]
TimeRange = Annotated[str, PlainValidator(_time), _str_schema(rf"^{_CLOCK}(\s*[–-]\s*{_CLOCK})?$")]
Ico = Annotated[str, PlainValidator(_ico), _str_schema("^[0-9]{8}$")]
RegistryId = Annotated[str, PlainValidator(_registry_id),
                       WithJsonSchema({"type": ["string", "integer"], "pattern": "^[0-9]+$"})]
Amount = Annotated[int, PlainValidator(_whole(MAX_AMOUNT)),
                   WithJsonSchema({"type": "integer", "minimum": 0, "maximum": MAX_AMOUNT})]
Count = Annotated[int, PlainValidator(_whole(MAX_COUNT)),
                  WithJsonSchema({"type": "integer", "minimum": 0, "maximum": MAX_COUNT})]
Number = Annotated[float, PlainValidator(_bounded_number(MAX_NUMBER)),
                   WithJsonSchema({"type": "number", "minimum": 0, "maximum": MAX_NUMBER})]
SignedNumber = Annotated[float, PlainValidator(_signed_number),
                         WithJsonSchema({"type": "number", "minimum": -MAX_NUMBER,
                                         "maximum": MAX_NUMBER})]
Headcount = Annotated[float, PlainValidator(_bounded_number(MAX_COUNT)),
                      WithJsonSchema({"type": "number", "minimum": 0, "maximum": MAX_COUNT})]
Year = Annotated[int, PlainValidator(_year),
                 WithJsonSchema({"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR})]
Day = Annotated[date, PlainValidator(parse_day), PlainSerializer(date.isoformat, return_type=str),
                WithJsonSchema({"type": "string", "format": "date",
                                "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"})]
DueDate = Annotated[Due, PlainValidator(Due.parse), PlainSerializer(str, return_type=str),
                    WithJsonSchema(_due_schema())]


# --- needs (DATA.md, "Needs: what the plan answers") ------------------------------------------

def _need_ref(value: Any) -> str:
    text = _text(value)
    file, _, need = text.partition("/")
    if not (_SLUG.match(file) and _SLUG.match(need)):
        raise _pattern_error(text, "Odkaz na potřebu má tvar analýza/potřeba, např. "
                             "at-konference-sec/nizkoprahove-bydleni.",
                             "A need reference is analysis/need, e.g. "
                             "at-konference-sec/nizkoprahove-bydleni.")
    return text


NeedRef = Annotated[str, PlainValidator(_need_ref), _str_schema(f"^{SLUG_RE}/{SLUG_RE}$")]
