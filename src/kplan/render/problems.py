"""A template that cannot be rendered, said as the user's mistake: ``TemplateProblem``
with the template's name (``templates/…`` for the plan's own, ``… (kplan)`` for a built-in
one), its line where the traceback knows it, and what went wrong; the CLI says it and
exits 1.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import Path

import jinja2

from kplan.errors import EXIT_DATA, KplanError
from kplan.i18n import Lang, in_lang, say
from kplan.render.sandbox import MAX_MEMORY, MAX_OUTPUT_CHARS, MAX_SECONDS
from kplan.render.sizes import Bound


@dataclass(eq=False)
class TemplateProblem(KplanError):
    """A template that cannot be rendered: the user's data, so a message and exit 1."""

    exit_code = EXIT_DATA

    kind: str
    """``syntax``, ``undefined``, ``sandbox``, ``missing`` or ``error``."""
    template: str
    line: int | None
    detail: str

    def message(self, lang: Lang) -> str:
        what = in_lang(_KINDS[self.kind], lang)
        detail = f": {self.detail}" if self.detail else ""
        where = say(_PROBLEM, "where", lang, line=self.line) if self.line else ""
        return say(_PROBLEM, "problem", lang, template=self.template, where=where, what=what,
                   detail=detail)


_PROBLEM = {"problem": ("Chyba v šabloně {template}{where}: {what}{detail}",
                        "Error in template {template}{where}: {what}{detail}"),
            "where": (" na řádku {line}", " on line {line}")}


_KINDS = {
    "syntax": ("chybný zápis šablony", "syntax error"),
    "undefined": ("proměnná nebo atribut neexistuje (seznam proměnných: docs/report.md)",
                  "no such variable or attribute (the variables: docs/report.md)"),
    "sandbox": ("nepovolený přístup, šablony běží v sandboxu",
                "access not allowed, templates run in a sandbox"),
    "missing": ("šablona nenalezena", "template not found"),
    "error": ("šablonu nelze vykreslit", "the template cannot be rendered"),
    "link": ("soubor šablony je symbolický odkaz; ve složce templates/ kplan čte jen skutečné "
             "soubory (odkaz by mohl ukázat data plánu, která nejsou veřejná); nahraďte ho "
             "skutečným souborem",
             "the template file is a symbolic link; kplan reads only real files in "
             "templates/ (a link could show plan data that is not public); replace it with "
             "a real file"),
    "unreadable": ("soubor šablony nelze přečíst (není to obyčejný soubor v UTF-8 do 1 MiB)",
                   "the template file cannot be read (it is not a regular UTF-8 file of at "
                   "most 1 MiB)"),
    "time": (f"vykreslení trvá déle než {MAX_SECONDS:g} s (nekonečná smyčka?), zastaveno",
             f"rendering takes longer than {MAX_SECONDS:g} s (an endless loop?), stopped"),
    "size": (f"výstup by byl větší než {MAX_OUTPUT_CHARS // 1_000_000} MB, zastaveno",
             f"the output would be larger than {MAX_OUTPUT_CHARS // 1_000_000} MB, stopped"),
    "limit": ("příliš velká hodnota pro šablonu zprávy", "a value too large for a report template"),
    "memory": (f"vykreslení potřebuje víc než {MAX_MEMORY // 2**20} MB paměti, zastaveno",
               f"rendering needs more than {MAX_MEMORY // 2**20} MB of memory, stopped"),
    "recursion": ("příliš hluboké zanoření (makro volá samo sebe?)",
                  "nested too deeply (a macro calling itself?)"),
}


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


def _said(error: Exception) -> str:
    try:
        return str(error)[:200]
    except Exception:  # an error whose text cannot be made
        return ""


def template_problem(error: Exception, name: str, roots: list[Path],
                     plan_templates: Path | None) -> TemplateProblem:
    """What stopped the render of ``name``, at the innermost template line of the traceback."""
    if isinstance(error, RecursionError):
        return TemplateProblem("recursion", name, None, "RecursionError")
    if isinstance(error, jinja2.TemplateSyntaxError):
        return TemplateProblem("syntax", _shown(error.filename, error.name, roots, plan_templates),
                               error.lineno, error.message or "")
    where, line = _where(error, roots, plan_templates)
    kind, fallback, detail = _kind(error, name)
    return TemplateProblem(kind, where or fallback, line, detail)


def _kind(error: Exception, name: str) -> tuple[str, str, str]:
    """The kind of a failure, the template to name when the traceback has none, the detail."""
    if isinstance(error, Bound):
        return error.kind, name, str(error)
    if isinstance(error, jinja2.TemplateNotFound):
        return "missing", str(error.name), str(error.name)
    if isinstance(error, jinja2.TemplateError):
        kind = "undefined" if isinstance(error, jinja2.UndefinedError) else \
            "sandbox" if isinstance(error, jinja2.exceptions.SecurityError) else "error"
        return kind, "?", str(error)
    if isinstance(error, MemoryError):
        return "memory", name, "MemoryError"
    return "error", name, f"{type(error).__name__}: {_said(error)}"
