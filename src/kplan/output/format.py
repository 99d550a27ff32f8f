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

from kplan.i18n import Lang, in_lang
from kplan.i18n import counted as counted  # one plural rule for every output
from kplan.plan.dates import Due

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

_LABELS: dict[str, tuple[str, str]] = {
    # milestone status
    "planned": ("plánováno", "planned"),
    "in_progress": ("probíhá", "in progress"),
    "postponed": ("odloženo", "postponed"),
    # evaluation status (done and cancelled are shared with milestones)
    "done": ("splněno", "done"),
    "on_track": ("plní se", "on track"),
    "delayed": ("zpožděno", "delayed"),
    "not_started": ("nezahájeno", "not started"),
    "not_met": ("nesplněno", "not met"),
    "cancelled": ("zrušeno", "cancelled"),
    "ongoing": ("průběžně", "ongoing"),
    # task status
    "open": ("otevřený", "open"),
    "dropped": ("upuštěno", "dropped"),
    # meeting kind
    "working_group": ("pracovní skupina", "working group"),
    "round_table": ("kulatý stůl", "round table"),
    "workshop": ("workshop", "workshop"),
    "steering_group": ("řídící skupina", "steering group"),
    "other": ("jiné", "other"),
    # budget period
    "year": ("ročně", "a year"),
    "total": ("celkem", "in total"),
    # indicator direction, service forms
    "increase": ("více je lépe", "more is better"),
    "decrease": ("méně je lépe", "less is better"),
    "ambulatory": ("ambulantní", "ambulatory"),
    "field": ("terénní", "field"),
    "residential": ("pobytová", "residential"),
}


def label(value: str, lang: Lang) -> str:
    """The reader's word for a coded value (a status, a meeting kind); unknown ones as given."""
    found = _LABELS.get(value)
    return in_lang(found, lang) if found else value


def task_status_label(value: str, lang: Lang) -> str:
    """Task statuses read better as adjectives of a task: ``otevřený``, ``splněný``."""
    words = {"open": ("otevřený", "open"), "done": ("splněný", "done"),
             "dropped": ("upuštěný", "dropped")}
    return in_lang(words.get(value, (value, value)), lang)
