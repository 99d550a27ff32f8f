"""kplan's filters for the templates: days, terms, money, numbers, labels and counted
words in the reader's language, and Markdown escapes. Each names itself and what it
expected when a template gives it something else.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, Protocol

import jinja2

from kplan.i18n import Lang
from kplan.output.format import counted, format_day, format_due, format_money, format_number, label
from kplan.output.markdown import md_cell, md_inline
from kplan.output.unloaded import first_error
from kplan.plan.dates import Due
from kplan.plan.unloaded import UnloadedCard
from kplan.query.report import NOT_EVALUATED


class _Currency(Protocol):
    @property
    def currency(self) -> str: ...


class Formatted(Protocol):
    """What the filters need of a template's context: the yearly report or the minutes."""

    @property
    def lang(self) -> Lang: ...
    @property
    def plan(self) -> _Currency: ...
    @property
    def t(self) -> Mapping[str, str]: ...


def kplan_filters(report: Formatted) -> dict[str, Callable[..., Any]]:
    lang, currency, t = report.lang, report.plan.currency, report.t

    def status_label(code: str) -> str:
        return t["not_evaluated"] if code == NOT_EVALUATED else label(code, lang)

    return {
        "day": _typed("day", date, lambda d: format_day(d, lang)),
        "due": _typed("due", Due, lambda d: format_due(d, lang)),
        "money": _typed("money", (int, float, type(None)),
                        lambda x: t.get("unknown_money", "—") if x is None
                        else format_money(x, currency, lang)),
        "first_error": _typed("first_error", UnloadedCard, lambda c: first_error(c, lang)),
        "number": _typed("number", (int, float), lambda x: format_number(x, lang)),
        "label": _typed("label", str, status_label),
        "counted": lambda n, word: counted(int(n), word, lang),
        "md_cell": lambda text: md_cell(str(text)),
        "md": lambda text: md_inline(str(text)),
    }


def _typed(name: str, kind: type | tuple[type, ...],
           call: Callable[[Any], str]) -> Callable[[Any], str]:
    """A filter that names itself and what it expected when it gets something else."""
    def apply(value: Any) -> str:
        if not isinstance(value, kind) or isinstance(value, bool):
            raise jinja2.TemplateRuntimeError(
                f"filter {name} got {type(value).__name__} {value!r:.40}")
        return call(value)
    return apply
