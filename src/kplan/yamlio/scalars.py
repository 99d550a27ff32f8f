"""YAML 1.2 core scalars, as ruamel.yaml's round-trip loader reads them: no ``yes``/``no``
booleans, no sexagesimal ``9:30``, dates stay text for the model to check."""

from __future__ import annotations

import math
import re
from typing import Any

from yaml.nodes import ScalarNode

PLAIN_TAG = "tag:kplan,2024:plain"
"""The tag the fast reader gives every untagged plain scalar: kplan resolves those itself."""
STR_TAG = "tag:yaml.org,2002:str"

_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False,
          "FALSE": False}
_INT = re.compile(r"[-+]?[0-9_]+\Z")
_INT_OCT = re.compile(r"[-+]?0o[0-7_]+\Z")
_INT_HEX = re.compile(r"[-+]?0x[0-9a-fA-F_]+\Z")
_FLOAT = re.compile(r"[-+]?(?:[0-9][0-9_]*)(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?\Z"
                    r"|\.[0-9_]+(?:[eE][-+][0-9]+)?\Z")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)\Z")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]")
"""How a day starts (``2025-05-01``): no number does."""
NUMBER_START = frozenset("0123456789+-.")
"""What a plain scalar that is not text starts with, unless it is one of ``SPECIAL``."""
SPECIAL = _NULLS | frozenset(_BOOLS)


def plain_scalar(text: str) -> Any:
    """The value of an unquoted scalar under the YAML 1.2 core schema."""
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if text[0] not in NUMBER_START:
        return text
    if text.isdigit() and text.isascii():  # a year, an amount
        return _integer(text, 10)
    if _DATE.match(text):
        return text
    try:
        return _number(text)
    except ValueError:  # underscores alone where a digit must be (``0x_``, ``._e1``)
        return text


def _number(text: str) -> Any:
    """The number ``text`` is, else the text."""
    if _INT.match(text) and any(ch.isdigit() for ch in text):
        return _integer(text.replace("_", ""), 10)
    if _INT_OCT.match(text):
        return _integer(text.replace("_", "").replace("0o", ""), 8)
    if _INT_HEX.match(text):
        return _integer(text.replace("_", ""), 16)
    if _FLOAT.match(text) and any(ch.isdigit() for ch in text):
        return float(text.replace("_", ""))
    if _INF.match(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN.match(text):
        return math.nan
    return text


_MAX_INT_DIGITS = 3_000
"""Python refuses to read or write an int of more than 4,300 decimal digits."""


def _integer(text: str, base: int) -> int | float:
    """The whole number, or an infinity for one too long to be any count or amount (the
    model then reports it as out of range, KP214)."""
    infinite = -math.inf if text.startswith("-") else math.inf
    return infinite if len(text) > _MAX_INT_DIGITS else int(text, base)


def is_plain(node: ScalarNode) -> bool:
    """Unquoted and not tagged ``!!str``: its value follows the YAML 1.2 core schema."""
    return not node.style and node.tag != STR_TAG
