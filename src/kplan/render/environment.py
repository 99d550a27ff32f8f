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

The sandbox keeps a template from reaching Python objects; bounds keep it from taking the
machine: a render stops after ``MAX_SECONDS`` (the clock is checked on every call, attribute
lookup, operator, ``range`` step and output chunk) or ``MAX_OUTPUT_CHARS`` of output;
``range()`` has at most ``MAX_RANGE`` items; ``*``, ``**``, ``%``, ``str.format`` and the
filters that pad text refuse to make anything larger than ``MAX_ITEMS`` at once; macro
recursion ends at Python's recursion limit. A link in the plan's ``templates/`` (or the
folder being one) is never followed, wherever it leads.
"""

from __future__ import annotations

import re
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
import jinja2.sandbox
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from kplan.diagnostics import Diagnostic
from kplan.diagnostics.codes import Lang
from kplan.output.blocks import md_cell, md_escape
from kplan.output.format import counted, format_day, format_due, format_money, format_number, label
from kplan.plan.files import read_source
from kplan.plan.values import Due
from kplan.query.report import NOT_EVALUATED, Report
from kplan.render.resources import builtin_templates

FORMATS = ("md", "html")
MAX_SECONDS = 10.0
MAX_OUTPUT_CHARS = 50_000_000
MAX_RANGE = 100_000
MAX_ITEMS = 1_000_000
"""The longest string or list one operator or filter may make (a whole report is ~100 kB)."""
MAX_WIDTH = 10_000
"""The widest field a format, padding or wrapping may ask for."""


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
    "recursion": ("příliš hluboké zanoření (makro volá samo sebe?)",
                  "nested too deeply (a macro calling itself?)"),
}


class _Bound(jinja2.exceptions.SecurityError):
    """A template crossed one of the bounds: ``kind`` is a key of ``_KINDS``."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.kind = kind


class _PlanTemplates(jinja2.BaseLoader):
    """The plan's ``templates/`` folder: only real files in it are read. A link (the
    folder itself, a folder in it or the file) is refused before it is opened, wherever it
    leads: one to ``../services/x.yaml`` would print a service's private contacts. A file
    is read by the rules of every plan file (regular, at most 1 MiB)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        shown = (Path("templates") / template).as_posix()
        path = self.folder
        for piece in ["", *jinja2.loaders.split_template_path(template)]:
            path = path / piece if piece else path
            if path.is_symlink():
                raise _Bound("link", shown)
            if not path.exists():
                raise jinja2.TemplateNotFound(template)
        problems: list[Diagnostic] = []
        raw = read_source(path, shown, problems)
        if raw is None:
            raise _Bound("unreadable", shown)
        try:
            source = raw.data.decode("utf-8")
        except UnicodeDecodeError:
            raise _Bound("unreadable", shown) from None
        return source, str(path), lambda: False


class _Range(Sequence[int]):
    """``range()`` for templates: at most ``MAX_RANGE`` items, and the clock is checked
    while a loop walks it."""

    def __init__(self, env: _BoundedEnvironment, items: range) -> None:
        self._env, self._items = env, items

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, index: Any) -> Any:
        return self._items[index]

    def __iter__(self) -> Iterator[int]:
        for count, item in enumerate(self._items):
            if count % 1024 == 0:
                self._env.tick()
            yield item


_PERCENT_WIDTH = re.compile(r"%[-#0 +]*(\d+|\*)?(?:\.(\d+|\*))?")
_FORMAT_SPEC_NUMBER = re.compile(r"\d+")


class _BoundedEnvironment(SandboxedEnvironment):
    """Jinja's sandbox with bounds on time, output size and the size of single values."""

    intercepted_binops = frozenset({"*", "**", "%"})
    deadline = float("inf")

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise _Bound("time", "")

    def call(__self, __context: Context, __obj: Any, *args: Any,
             **kwargs: Any) -> Any:
        __self.tick()
        if isinstance(getattr(__obj, "__self__", None), str):
            _check_numbers(args, kwargs.values())
        return super().call(__context, __obj, *args, **kwargs)

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.tick()
        return super().getitem(obj, argument)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        self.tick()
        if operator == "*":
            _check_repeat(left, right)
            _check_repeat(right, left)
        elif operator == "**":
            _check_power(left, right)
        elif operator == "%" and isinstance(left, str):
            _check_percent(left, right)
        return super().call_binop(context, operator, left, right)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        text = str(value.__self__)

        def bounded(*args: Any, **kwargs: Any) -> str:
            for _, _, spec, _ in jinja2.sandbox.SandboxedFormatter(self).parse(text):
                _check_numbers([int(n) for n in _FORMAT_SPEC_NUMBER.findall(spec or "")], ())
            return wrapped(*args, **kwargs)
        return bounded


def _too_big(detail: str) -> _Bound:
    return _Bound("limit", detail)


def _check_numbers(args: Any, kwargs: Any) -> None:
    """Widths and counts given to text methods and filters (``center``, ``ljust``, …)."""
    for value in (*args, *kwargs):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_WIDTH:
            raise _too_big(f"{value} > {MAX_WIDTH}")


def _check_repeat(sequence: Any, times: Any) -> None:
    if isinstance(sequence, str | list | tuple) and isinstance(times, int) \
            and len(sequence) * times > MAX_ITEMS:
        raise _too_big(f"{len(sequence)} * {times} > {MAX_ITEMS}")


def _check_power(base: Any, exponent: Any) -> None:
    if isinstance(base, int | float) and isinstance(exponent, int | float) \
            and abs(base) > 1 and abs(exponent) > 64:
        raise _too_big(f"{base!r:.20} ** {exponent!r:.20}")


def _check_percent(text: str, args: Any) -> None:
    for width, precision in _PERCENT_WIDTH.findall(text):
        _check_numbers([int(n) for n in (width, precision) if n.isdigit()], ())
    _check_numbers(args if isinstance(args, tuple) else (args,), ())


_PADDING_FILTERS = ("center", "indent", "wordwrap", "truncate", "batch", "slice", "format")


def _bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A built-in filter whose numbers (widths, counts) are checked; ``format`` also checks
    the widths in its format string."""
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _check_numbers(args[1:], kwargs.values())
        if name == "format" and args and isinstance(args[0], str):
            _check_percent(args[0], tuple(args[1:]))
        return function(*args, **kwargs)
    bounded.__dict__.update(function.__dict__)  # keeps Jinja's pass_context marks
    return bounded


def environment(plan_templates: Path | None, report: Report) -> SandboxedEnvironment:
    """The plan's folder first, built-ins last; filters for dates, money and Markdown."""
    loaders: list[jinja2.BaseLoader] = []
    if plan_templates is not None and plan_templates.is_dir():
        loaders.append(_PlanTemplates(plan_templates))
    loaders.append(jinja2.FileSystemLoader(builtin_templates()))
    env = _BoundedEnvironment(
        loader=jinja2.ChoiceLoader(loaders), undefined=jinja2.StrictUndefined,
        autoescape=lambda name: name is not None and name.endswith(".html.j2"),
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    for name in _PADDING_FILTERS:
        env.filters[name] = _bounded_filter(name, env.filters[name])
    env.filters.update(_filters(report))
    env.globals["range"] = lambda *args: _Range(env, _range(*args))
    return env


def _range(*args: int) -> range:
    items = range(*args)
    if len(items) > MAX_RANGE:
        raise _too_big(f"range() > {MAX_RANGE}")
    return items


def _filters(report: Report) -> dict[str, Callable[..., Any]]:
    lang, currency, t = report.lang, report.plan.currency, report.t

    def status_label(code: str) -> str:
        return t["not_evaluated"] if code == NOT_EVALUATED else label(code, lang)

    return {
        "day": _typed("day", date, lambda d: format_day(d, lang)),
        "due": _typed("due", Due, lambda d: format_due(d, lang)),
        "money": _typed("money", (int, float, type(None)),
                        lambda x: "—" if x is None else format_money(x, currency, lang)),
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
    return render_page(report, f"report.{output_format}.j2", plan_templates, {})


def _bounded_render(env: _BoundedEnvironment, template: jinja2.Template,
                    **context: Any) -> str:
    """``template.render``, chunk by chunk, within ``MAX_SECONDS`` and ``MAX_OUTPUT_CHARS``.

    The clock is also checked by the environment on every call, lookup and operator; an
    interval timer (when this is the main thread and nothing else uses it) stops even a
    loop that does none of those.
    """
    env.deadline = time.monotonic() + MAX_SECONDS
    parts: list[str] = []
    size = 0
    with _alarm(MAX_SECONDS + 1):
        for count, chunk in enumerate(template.generate(**context)):
            size += len(chunk)
            if size > MAX_OUTPUT_CHARS:
                raise _Bound("size", f"> {MAX_OUTPUT_CHARS} characters")
            if count % 256 == 0:
                env.tick()
            parts.append(chunk)
    return "".join(parts)


class _alarm:
    """SIGALRM after ``seconds`` raises the time bound; a no-op off the main thread or when
    someone else has a handler for it."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.armed = False

    def __enter__(self) -> None:
        if threading.current_thread() is not threading.main_thread() \
                or not hasattr(signal, "setitimer") \
                or signal.getsignal(signal.SIGALRM) is not signal.SIG_DFL \
                or signal.getitimer(signal.ITIMER_REAL)[0] > 0:
            return
        signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, self.seconds)
        self.armed = True

    def __exit__(self, *_: object) -> None:
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, signal.SIG_DFL)


def _on_alarm(signum: int, frame: object) -> None:
    raise _Bound("time", "")


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


def render_page(report: Report, name: str, plan_templates: Path | None,
                context: dict[str, Any]) -> str:
    """A template rendered with the plan's templates first and the built-ins last, in the
    sandbox, within the bounds, with strict variables and kplan's filters; problems come as
    ``TemplateProblem``. ``report`` gives the language and currency of the filters. The
    yearly report and every page of the plan's website are rendered through here."""
    if plan_templates is not None:
        plan_templates = plan_templates.absolute()  # not resolved: the loader checks links
    env = environment(plan_templates, report)
    roots = [p for p in (plan_templates, builtin_templates().resolve()) if p is not None]
    try:
        assert isinstance(env, _BoundedEnvironment)
        return _bounded_render(env, env.get_template(name), report=report, t=report.t,
                               **context)
    except _Bound as error:
        where, line = _where(error, roots, plan_templates)
        raise TemplateProblem(error.kind, where or name, line, str(error)) from None
    except RecursionError:
        raise TemplateProblem("recursion", name, None, "RecursionError") from None
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
