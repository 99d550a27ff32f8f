"""Value types of plan data: text, identifiers and references, amounts and counts, IČO
(years, days and due dates are in ``plan.dates``).

Each type is a plain validator that takes what the YAML reader gives (YAML 1.2 core
scalars; dates stay text) and raises ``PydanticCustomError`` with a ``kplan_*`` type
whose ``ctx`` the loader turns into a coded, translated diagnostic.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Annotated, Any

from pydantic import GetPydanticSchema, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError, core_schema

SLUG_RE = r"[a-z0-9]+(?:-[a-z0-9]+)*"
NUMBER_PART_RE = r"(?:[0-9]+[A-Za-z]?|[A-Za-z])"
NUMBER_RE = rf"{NUMBER_PART_RE}(?:\.{NUMBER_PART_RE}){{0,4}}"
_SLUG = re.compile(SLUG_RE + r"\Z")
_NUMBER = re.compile(NUMBER_RE + r"\Z")
_REF = re.compile(rf"(?:({SLUG_RE})/)?({NUMBER_RE})\Z")
_CLOCK = r"(?:[01]?[0-9]|2[0-3]):[0-5][0-9]"
_TIME = re.compile(rf"{_CLOCK}(?:\s*[–-]\s*{_CLOCK})?\Z")
_CURRENCY = re.compile(r"[A-Z]{3}\Z")


def type_error(expected: str, hint_cs: str = "", hint_en: str = "") -> PydanticCustomError:
    return PydanticCustomError("kplan_type", "expected {expected}",
                               {"expected": expected, "hint_cs": hint_cs, "hint_en": hint_en})


def pattern_error(value: Any, hint_cs: str, hint_en: str) -> PydanticCustomError:
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


_TEXT_HINTS = ("Text, který YAML čte jinak (číslo, ano/ne), dejte do uvozovek.",
               "Quote text that YAML would read otherwise.")


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    raise type_error("text", *_TEXT_HINTS)


def _text_schema(_source: Any, _handler: Any) -> core_schema.CoreSchema:
    """What ``_text`` does, inside pydantic-core: no call into Python for each text of a
    card, the same ``kplan_type`` error for a value that is not text."""
    return core_schema.custom_error_schema(
        core_schema.str_schema(strict=True), "kplan_type",
        custom_error_message="expected {expected}",
        custom_error_context={"expected": "text", "hint_cs": _TEXT_HINTS[0],
                              "hint_en": _TEXT_HINTS[1]})


def _quoted_text(value: Any, pattern: re.Pattern[str], hint_cs: str, hint_en: str) -> str:
    """Text (a number YAML read is the KP205 error to quote it) of ``pattern``'s form."""
    if _is_number(value):
        raise _unquoted_error(value)
    text = _text(value)
    if not pattern.match(text):
        raise pattern_error(text, hint_cs, hint_en)
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
        raise pattern_error(text, "Odkaz na aktivitu jiné skupiny má tvar skupina/číslo, "
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
        raise pattern_error(text, "Měna je třípísmenný kód ISO 4217, např. CZK.",
                            "The currency is a three-letter ISO 4217 code, e.g. CZK.")
    return text


def _time(value: Any) -> str:
    if _is_number(value):
        raise _unquoted_error(value)
    text = _text(value)
    if not _TIME.match(text.strip()):
        raise pattern_error(text, "Čas pište jako \"09:00\" nebo \"09:00–11:00\".",
                            "Write the time as \"09:00\" or \"09:00–11:00\".")
    return text


def _ico(value: Any) -> str:
    if _is_number(value):
        raise _unquoted_error(value)
    text = _text(value).replace(" ", "")
    if not re.fullmatch(r"[0-9]{8}", text):
        raise pattern_error(value, "IČO má 8 číslic, např. \"00845451\".",
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
        raise pattern_error(text, "Identifikátor služby z registru poskytovatelů je číslo.",
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
        raise type_error("whole_number", "Pište celé číslo bez mezer a bez „Kč“, "
                         "např. 200000.", "Write a whole number without spaces or currency, "
                         "e.g. 200000.")
    return whole


def _bounded_number(limit: int) -> Callable[[Any], int | float]:
    def number(value: Any) -> int | float:
        if _is_number(value):
            return _checked_range(value, limit)
        raise type_error("number", "Pište číslo bez mezer a jednotek, např. 12 nebo 0.5.",
                         "Write a number without spaces or units, e.g. 12 or 0.5.")
    return number


def _signed_number(value: Any) -> int | float:
    """A number that may be negative (a change against a baseline: ``-100``)."""
    if _is_number(value):
        _checked_range(abs(value), MAX_NUMBER)
        return value  # type: ignore[no-any-return]
    raise type_error("number", "Pište číslo bez mezer a jednotek, např. 100 nebo -100.",
                     "Write a number without spaces or units, e.g. 100 or -100.")


def _str_schema(pattern: str | None = None, **extra: Any) -> WithJsonSchema:
    schema: dict[str, Any] = {"type": "string", **extra}
    if pattern:
        schema["pattern"] = pattern
    return WithJsonSchema(schema)


Text = Annotated[str, GetPydanticSchema(_text_schema), _str_schema()]
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


# --- needs (DATA.md, "Needs: what the plan answers") ------------------------------------------

def _need_ref(value: Any) -> str:
    text = _text(value)
    file, _, need = text.partition("/")
    if not (_SLUG.match(file) and _SLUG.match(need)):
        raise pattern_error(text, "Odkaz na potřebu má tvar analýza/potřeba, např. "
                            "at-konference-sec/nizkoprahove-bydleni.",
                            "A need reference is analysis/need, e.g. "
                            "at-konference-sec/nizkoprahove-bydleni.")
    return text


NeedRef = Annotated[str, PlainValidator(_need_ref), _str_schema(f"^{SLUG_RE}/{SLUG_RE}$")]
