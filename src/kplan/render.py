"""The Jinja environment of the reports: the only module that imports jinja2.

Templates are looked up in the plan's own ``templates/`` folder first, then in kplan's
built-ins (``resources.builtin_templates()``). The built-ins are ``kplan/report.md.j2``,
``kplan/report.html.j2`` and their partials; the entry points ``report.md.j2`` and
``report.html.j2`` only extend them, so a plan's ``templates/report.html.j2`` replaces the
entry point and can ``{% extends "kplan/report.html.j2" %}``.

Every template renders in Jinja's sandbox (a plan's templates come with its data, e.g. from
a pull request), with ``StrictUndefined`` (a misspelt variable is an error with the
template's name and line, not an empty cell) and autoescaping for ``.html.j2``. Errors come
out as ``TemplateProblem``, a value the CLI turns into one message and exit 1.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from kplan.codes import Lang
from kplan.doc import md_cell, md_escape
from kplan.fmt import counted, format_day, format_due, format_money, format_number, label
from kplan.report import NOT_EVALUATED, Report
from kplan.resources import builtin_templates
from kplan.types import Due

FORMATS = ("md", "html")


@dataclass(frozen=True, slots=True)
class TemplateProblem(Exception):
    """A template that cannot be rendered: the user's data, so a message and exit 1."""

    kind: str
    """``syntax``, ``undefined``, ``sandbox``, ``missing`` or ``error``."""
    template: str
    line: int | None
    detail: str

    def message(self, lang: Lang) -> str:
        what = _KINDS[self.kind][0 if lang == "cs" else 1]
        if lang == "en":
            where = f" on line {self.line}" if self.line else ""
            return f"Error in template {self.template}{where}: {what}: {self.detail}"
        where = f" na řádku {self.line}" if self.line else ""
        return f"Chyba v šabloně {self.template}{where}: {what}: {self.detail}"


_KINDS = {
    "syntax": ("chybný zápis šablony", "syntax error"),
    "undefined": ("proměnná nebo atribut neexistuje (seznam proměnných: docs/report.md)",
                  "no such variable or attribute (the variables: docs/report.md)"),
    "sandbox": ("nepovolený přístup, šablony běží v sandboxu",
                "access not allowed, templates run in a sandbox"),
    "missing": ("šablona nenalezena", "template not found"),
    "error": ("šablonu nelze vykreslit", "the template cannot be rendered"),
}


def environment(plan_templates: Path | None, report: Report) -> SandboxedEnvironment:
    """The plan's folder first, built-ins last; filters for dates, money and Markdown."""
    loaders: list[jinja2.BaseLoader] = []
    if plan_templates is not None and plan_templates.is_dir():
        loaders.append(jinja2.FileSystemLoader(plan_templates))
    loaders.append(jinja2.FileSystemLoader(builtin_templates()))
    env = SandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders), undefined=jinja2.StrictUndefined,
        autoescape=lambda name: name is not None and name.endswith(".html.j2"),
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(_filters(report))
    return env


def _filters(report: Report) -> dict[str, Callable[..., Any]]:
    lang, currency, t = report.lang, report.plan.currency, report.t

    def status_label(code: str) -> str:
        return t["not_evaluated"] if code == NOT_EVALUATED else label(code, lang)

    return {
        "day": _typed("day", date, lambda d: format_day(d, lang)),
        "due": _typed("due", Due, lambda d: format_due(d, lang)),
        "money": _typed("money", (int, float), lambda x: format_money(x, currency, lang)),
        "number": _typed("number", (int, float), lambda x: format_number(x, lang)),
        "label": _typed("label", str, status_label),
        "counted": lambda n, word: counted(int(n), word, lang),
        "md_cell": lambda text: md_cell(str(text)),
        "md": lambda text: md_escape(str(text)),
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


def render_report(report: Report, output_format: str, plan_templates: Path | None) -> str:
    """The report rendered by the entry point ``report.<format>.j2``."""
    if plan_templates is not None:
        plan_templates = plan_templates.resolve()
    env = environment(plan_templates, report)
    roots = [p for p in (plan_templates, builtin_templates().resolve()) if p is not None]
    try:
        return env.get_template(f"report.{output_format}.j2").render(report=report,
                                                                     t=report.t)
    except jinja2.TemplateSyntaxError as error:
        raise TemplateProblem("syntax", _shown(error.filename, error.name, roots, plan_templates),
                              error.lineno, error.message or "") from None
    except jinja2.TemplateNotFound as error:
        where, line = _where(error, roots, plan_templates)
        raise TemplateProblem("missing", where or str(error.name), line,
                              str(error.name)) from None
    except jinja2.TemplateError as error:
        kind = "undefined" if isinstance(error, jinja2.UndefinedError) else \
            "sandbox" if isinstance(error, jinja2.exceptions.SecurityError) else "error"
        where, line = _where(error, roots, plan_templates)
        raise TemplateProblem(kind, where or "?", line, str(error)) from None


def _where(error: BaseException, roots: list[Path],
           plan_templates: Path | None) -> tuple[str | None, int | None]:
    """The innermost template frame of the traceback (Jinja maps it to the template's
    file and line)."""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if _under(frame.filename, roots):
            return _shown(frame.filename, None, roots, plan_templates), frame.lineno
    return None, None


def _under(filename: str, roots: list[Path]) -> bool:
    path = Path(filename)
    return any(path.is_relative_to(root) for root in roots)


def _shown(filename: str | None, name: str | None, roots: list[Path],
           plan_templates: Path | None) -> str:
    """``templates/report.html.j2`` for a plan's template, ``kplan/report.html.j2 (kplan)``
    for a built-in one."""
    if filename:
        path = Path(filename)
        if plan_templates is not None and path.is_relative_to(plan_templates):
            return (Path("templates") / path.relative_to(plan_templates)).as_posix()
        for root in roots:
            if path.is_relative_to(root):
                return path.relative_to(root).as_posix() + " (kplan)"
    return name or "?"
