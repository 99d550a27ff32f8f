"""Values as people type them in command options: ``150 000 Kč``, ``150 tis.``, ``15. 3. 2026``.

Each parser returns the value as the files write it, or raises ``ValueError``. Bounds
(how large an amount may be) are the models' to check, not these.
"""

from __future__ import annotations

import re
from datetime import date

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_CURRENCY = re.compile(r"(,-|,–|\.-)?\s*(kč|czk|korun[y]?)?\.?$", re.IGNORECASE)
_SCALES = {"tis": 1_000, "tisíc": 1_000, "tisic": 1_000, "k": 1_000,
           "mil": 1_000_000, "milion": 1_000_000, "milionů": 1_000_000,
           "milionu": 1_000_000, "miliony": 1_000_000}
_SCALED = re.compile(r"([0-9]+(?:[,.][0-9]+)?)\s*([a-zíů]+)\.?$", re.IGNORECASE)
_GROUPED = re.compile(r"[0-9]{1,3}(?:([ .,])[0-9]{3})+|[0-9]+")
_ABOUT = re.compile(r"^(cca\.?|přibližně|asi|max\.?|maximálně|do)\s+", re.IGNORECASE)
_CZECH_DAY = re.compile(r"([0-9]{1,2})\.\s*([0-9]{1,2})\.\s*([0-9]{4})")
_CZECH_MONTH = re.compile(r"([0-9]{1,2})\s*[./]\s*([0-9]{4})")


def amount(text: str) -> int:
    """Whole crowns from ``150000``, ``150 000 Kč``, ``150.000,-``, ``200,000 Kč`` (a comma
    between thousands), ``150 tis.``, ``1,5 mil.``, ``cca 1,2 mil. Kč``."""
    plain = _CURRENCY.sub("", _SPACES.sub(" ", text.strip())).strip()
    plain = _ABOUT.sub("", plain)
    scaled = _SCALED.fullmatch(plain)
    if scaled:
        factor = _SCALES.get(scaled[2].lower())
        if factor is None:
            raise ValueError(text)
        value = float(scaled[1].replace(",", ".")) * factor
        if value != int(value):
            raise ValueError(text)
        return int(value)
    if not _GROUPED.fullmatch(plain):
        raise ValueError(text)
    return int(re.sub(r"[ .,]", "", plain))


def is_plain_number(text: str) -> bool:
    return text.strip().isdigit()


def day(text: str) -> date:
    """A day from ``2026-03-15``, ``15.3.2026`` or ``15. 3. 2026``."""
    stripped = text.strip()
    czech = _CZECH_DAY.fullmatch(stripped)
    if czech:
        return date(int(czech[3]), int(czech[2]), int(czech[1]))
    return date.fromisoformat(stripped)


def iso_day(text: str) -> str | None:
    """The ISO form of a Czech date (``15.3.2026`` → ``2026-03-15``), None when it is not one."""
    czech = _CZECH_DAY.fullmatch(text.strip())
    if not czech:
        return None
    try:
        return day(text).isoformat()
    except ValueError:
        return None


def due(text: str) -> str:
    """A due date as the files write it: ``15. 3. 2026`` → ``2026-03-15``, ``3/2026`` →
    ``2026-03``; a year, an ISO month or day, or anything else stays as typed."""
    stripped = text.strip()
    if _CZECH_DAY.fullmatch(stripped):
        return day(stripped).isoformat()
    month = _CZECH_MONTH.fullmatch(stripped)
    if month and 1 <= int(month[1]) <= 12:
        return f"{month[2]}-{int(month[1]):02d}"
    return stripped
