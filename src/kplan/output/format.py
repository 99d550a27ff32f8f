"""Dates, money, counts and status labels in Czech or English: one place for every output.

The status views and the report templates use these helpers, so a date or an amount
reads the same everywhere. Babel is imported here only; the CLI imports this module
inside the commands that show plan contents, so ``kplan validate`` never loads it.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from babel.dates import format_date, format_skeleton
from babel.numbers import format_currency, format_decimal

from kplan.diagnostics.codes import Lang
from kplan.i18n import counted as counted  # one plural rule for every output
from kplan.plan.values import Due

BABEL_LOCALE: dict[Lang, str] = {"cs": "cs_CZ", "en": "en_GB"}
NBSP = "\xa0"


@lru_cache(maxsize=4096)
def format_day(day: date, lang: Lang) -> str:
    """``25. 1. 2019`` (cs), ``25 Jan 2019`` (en)."""
    return format_date(day, "medium", locale=BABEL_LOCALE[lang])


@lru_cache(maxsize=4096)
def format_due(due: Due, lang: Lang) -> str:
    """A due date as precise as it was written: ``2019``, ``březen 2019``, ``31. 3. 2019``;
    a range ``2019–2021``; ongoing ``průběžně``."""
    if due.is_ongoing:
        return label("ongoing", lang)
    if due.is_range:
        return f"{format_due(due.start(), lang)}–{format_due(due.finish(), lang)}"
    if due.precision == "year":
        return str(due.year)
    if due.precision == "month":
        return format_skeleton("yMMMM", due.first_day(), locale=BABEL_LOCALE[lang])
    return format_day(due.last_day(), lang)


def format_money(amount: float, currency: str, lang: Lang) -> str:
    """Whole units of the currency: ``200 000 Kč`` with no-break spaces, ``200,000 CZK``."""
    return format_currency(amount, currency, format="#,##0\xa0¤", currency_digits=False,
                           locale=BABEL_LOCALE[lang])


def format_number(value: float, lang: Lang) -> str:
    """``1 234,5`` (cs), ``1,234.5`` (en); whole numbers without decimals."""
    return format_decimal(value, locale=BABEL_LOCALE[lang])


# --- labels of coded values ----------------------------------------------------------------

_LABELS: dict[str, dict[Lang, str]] = {
    # milestone status
    "planned": {"cs": "plánováno", "en": "planned"},
    "in_progress": {"cs": "probíhá", "en": "in progress"},
    "postponed": {"cs": "odloženo", "en": "postponed"},
    # evaluation status (done and cancelled are shared with milestones)
    "done": {"cs": "splněno", "en": "done"},
    "on_track": {"cs": "plní se", "en": "on track"},
    "delayed": {"cs": "zpožděno", "en": "delayed"},
    "not_started": {"cs": "nezahájeno", "en": "not started"},
    "not_met": {"cs": "nesplněno", "en": "not met"},
    "cancelled": {"cs": "zrušeno", "en": "cancelled"},
    "ongoing": {"cs": "průběžně", "en": "ongoing"},
    # task status
    "open": {"cs": "otevřený", "en": "open"},
    "dropped": {"cs": "upuštěno", "en": "dropped"},
    # meeting kind
    "working_group": {"cs": "pracovní skupina", "en": "working group"},
    "round_table": {"cs": "kulatý stůl", "en": "round table"},
    "workshop": {"cs": "workshop", "en": "workshop"},
    # budget period
    "year": {"cs": "ročně", "en": "a year"},
    "total": {"cs": "celkem", "en": "in total"},
    # indicator direction, service forms
    "increase": {"cs": "více je lépe", "en": "more is better"},
    "decrease": {"cs": "méně je lépe", "en": "less is better"},
    "ambulatory": {"cs": "ambulantní", "en": "ambulatory"},
    "field": {"cs": "terénní", "en": "field"},
    "residential": {"cs": "pobytová", "en": "residential"},
}


def label(value: str, lang: Lang) -> str:
    """The reader's word for a coded value (a status, a meeting kind); unknown ones as given."""
    found = _LABELS.get(value)
    return found[lang] if found else value


def task_status_label(value: str, lang: Lang) -> str:
    """Task statuses read better as adjectives of a task: ``otevřený``, ``splněný``."""
    words = {"open": ("otevřený", "open"), "done": ("splněný", "done"),
             "dropped": ("upuštěný", "dropped")}
    cs, en = words.get(value, (value, value))
    return cs if lang == "cs" else en
