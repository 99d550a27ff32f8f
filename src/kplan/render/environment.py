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
lookup, operator, ``range`` step and output chunk), ``MAX_OUTPUT_CHARS`` of output, or when
the process has grown by ``MAX_MEMORY`` (checked every few milliseconds on the same
occasions); ``range()`` has at most ``MAX_RANGE`` items; ``*``, ``+``, ``~``, ``**``,
``%``, the text methods and the filters refuse to make a text or list longer than
``MAX_ITEMS`` or a number larger than ``MAX_INT_BITS``, estimated before they make it
(a list holding one long text many times counts as long as it would be written); macro
recursion ends at Python's recursion limit. Any other failure (a division by zero, a
missing substring, ``MemoryError``) is a ``TemplateProblem`` with the template's line too.
A link in the plan's ``templates/`` (or the folder being one) is never followed, wherever it
leads.
"""

from __future__ import annotations

import itertools
import os
import re
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import jinja2
import jinja2.sandbox
import markupsafe
from jinja2.compiler import CodeGenerator, Frame
from jinja2.nodes import Concat
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import _PassArg

from kplan.diagnostics import Diagnostic
from kplan.errors import EXIT_DATA, KplanError
from kplan.i18n import Lang, in_lang, say
from kplan.output.blocks import md_cell, md_inline
from kplan.output.format import counted, format_day, format_due, format_money, format_number, label
from kplan.output.unloaded import first_error
from kplan.plan.dates import Due
from kplan.plan.reader import read_source
from kplan.plan.unloaded import UnloadedCard
from kplan.query.report import NOT_EVALUATED
from kplan.render.context import Report
from kplan.resources import builtin_templates

if TYPE_CHECKING:
    from kplan.query.minutes import Minutes
from kplan.visible import printable_lines

FORMATS = ("md", "html")
MAX_SECONDS = 10.0
MAX_OUTPUT_CHARS = 50_000_000
MAX_RANGE = 100_000
MAX_ITEMS = 1_000_000
"""The longest string or list one operator or filter may make (a whole report is ~100 kB)."""
MAX_WIDTH = 10_000
"""The widest field a format, padding or wrapping may ask for."""
MAX_INT_BITS = 10_000
"""The largest whole number ``*`` and ``**`` may make (about 3,000 digits: Python writes
no int of more than 4,300 digits as text)."""
MAX_MEMORY = 512 * 1024 * 1024
"""How much the process may grow while one template renders (checked every few ms)."""
_MEMORY_EVERY = 0.005


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


class _BoundedCodeGenerator(CodeGenerator):
    """Jinja's code generator whose ``~`` checks the size of its parts before joining."""

    def visit_Concat(self, node: Concat, frame: Frame) -> None:
        self.write("environment.checked_concat(")
        super().visit_Concat(node, frame)
        self.write(")")


class _BoundedEnvironment(SandboxedEnvironment):
    """Jinja's sandbox with bounds on time, memory, output size and the size of single
    values."""

    code_generator_class = _BoundedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "%", "+"})
    deadline = float("inf")
    memory_limit = float("inf")
    next_memory_check = 0.0

    def tick(self) -> None:
        now = time.monotonic()
        if now > self.deadline:
            raise _Bound("time", "")
        if now >= self.next_memory_check:
            self.next_memory_check = now + _MEMORY_EVERY
            if _resident_bytes() > self.memory_limit:
                raise _Bound("memory", "")

    def start(self) -> None:
        """The bounds of one render begin now."""
        self.deadline = time.monotonic() + MAX_SECONDS
        self.memory_limit = _resident_bytes() + MAX_MEMORY
        self.next_memory_check = 0.0

    def checked_concat(self, text: str) -> str:
        _check_size(text)
        return text

    def call(__self, __context: Context, __obj: Any, *args: Any,
             **kwargs: Any) -> Any:
        __self.tick()
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str | bytes):
            _check_numbers(args, kwargs.values())
            _check_method(owner, getattr(__obj, "__name__", ""), args, kwargs)
        return _check_size(super().call(__context, __obj, *args, **kwargs))

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
            _check_bits(left, right, _bits(left) + _bits(right))
        elif operator == "**":
            _check_power(left, right)
        elif operator == "%" and isinstance(left, str):
            _check_percent(left, right)
            _check_formatted(left, "%", right if isinstance(right, tuple) else (right,))
        elif operator == "+" and isinstance(left, str | list | tuple) \
                and isinstance(right, str | list | tuple):
            _check_length(len(left) + len(right))
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


def _resident_bytes() -> int:
    """The process's resident memory; its peak where the system tells no more; 0 unknown."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        pass
    try:
        import resource
    except ImportError:
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


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
        raise _too_big(f"{_short(base)} ** {_short(exponent)}")
    if isinstance(base, int) and isinstance(exponent, int) and exponent > 0:
        _check_bits(base, exponent, _bits(base) * exponent)


def _check_percent(text: str, args: Any) -> None:
    for width, precision in _PERCENT_WIDTH.findall(text):
        _check_numbers([int(n) for n in (width, precision) if n.isdigit()], ())
    _check_numbers(args if isinstance(args, tuple) else (args,), ())


def _check_length(length: int) -> None:
    if length > MAX_ITEMS:
        raise _too_big(f"{length} > {MAX_ITEMS}")


def _check_size(value: Any) -> Any:
    """``value``, when it is no longer than ``MAX_ITEMS`` (text, a list, a mapping)."""
    if isinstance(value, str | bytes | list | tuple | dict | set):
        _check_length(len(value))
    return value


def _bits(value: Any) -> int:
    return value.bit_length() if isinstance(value, int) else 0


def _check_bits(left: Any, right: Any, bits: int) -> None:
    if bits > MAX_INT_BITS:
        raise _too_big(f"{type(left).__name__} {_short(left)} and {_short(right)}: "
                       f"> {MAX_INT_BITS} bits")


def _short(value: Any) -> str:
    if isinstance(value, int) and value.bit_length() > 64:
        return f"~2^{value.bit_length()}"
    return f"{value!r:.20}"


def _text_size(value: Any, budget: int = MAX_ITEMS) -> int:
    """How long ``value`` would be as text, or more than ``budget``: a list that holds a
    long text many times is that much longer (it is counted, not written)."""
    size, stack, seen = 0, [value], 0
    while stack:
        item = stack.pop()
        seen += 1
        if isinstance(item, str | bytes):
            size += len(item) + 2
        elif isinstance(item, dict):
            stack.extend(itertools.chain.from_iterable(item.items()))
            size += 2
        elif isinstance(item, list | tuple | set | frozenset):
            stack.extend(item)
            size += 2
        else:
            size += 24
        if size > budget or seen > budget:
            return budget + 1
    return size


def _check_formatted(template: str, marker: str, args: Any) -> None:
    """A format string repeats its arguments at most once a field."""
    longest = max((_text_size(a) for a in args), default=0)
    _check_length(len(template) + template.count(marker) * longest)


def _check_method(text: str | bytes, name: str, args: tuple[Any, ...],
                  kwargs: dict[str, Any]) -> None:
    """The length a text method would make, before it makes it."""
    if name == "replace" and len(args) >= 2 and isinstance(args[0], type(text)) \
            and isinstance(args[1], type(text)):
        old, new = args[0], args[1]
        count = text.count(old) if old else len(text) + 1  # type: ignore[arg-type]
        _check_length(len(text) + count * max(0, len(new) - len(old)))
    elif name == "expandtabs":
        size = args[0] if args else kwargs.get("tabsize", 8)
        tabs = text.count("\t" if isinstance(text, str) else b"\t")  # type: ignore[arg-type]
        _check_length(len(text) + tabs * max(0, int(size)))
    elif name == "join" and args:
        items = args[0]
        count = len(items) if isinstance(items, list | tuple | str) else MAX_ITEMS
        _check_length(_text_size(items) + len(text) * count)
    elif name == "translate" and args and isinstance(args[0], dict):
        longest = max((_text_size(v) for v in args[0].values()), default=0)
        _check_length(len(text) * max(1, longest))
    elif name in ("format", "format_map") and isinstance(text, str):
        values = [*args, *kwargs.values()]
        if name == "format_map" and args and isinstance(args[0], dict):
            values = list(args[0].values())
        _check_formatted(text, "{", values)


_PADDING_FILTERS = ("center", "indent", "wordwrap", "truncate", "batch", "slice", "format")
_MATERIALISED_FILTERS = ("join", "sum")
"""Filters whose input is made a list first, so that its size is known."""


def _indented_size(value: Any, rest: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    width = rest[0] if rest else kwargs.get("width", 4)
    text = str(value)
    return len(text) + (text.count("\n") + 1) * (len(width) if isinstance(width, str)
                                                   else max(0, int(width)))


def _replaced_size(value: Any, rest: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    text, old, new = str(value), str(rest[0]) if rest else "", str(rest[1]) if len(rest) > 1 else ""
    count = text.count(old) if old else len(text) + 1
    return len(text) + count * max(0, len(new) - len(old))


def _joined_size(value: Any, rest: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    separator = rest[0] if rest else kwargs.get("d", "")
    count = len(value) if isinstance(value, list | tuple | str) else 1
    return _text_size(value) + len(str(separator)) * count


def _summed_size(value: Any, rest: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    items = value if isinstance(value, list | tuple) else ()
    return sum(len(item) for item in items if isinstance(item, str | list | tuple))


def _formatted_size(value: Any, rest: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    text = str(value)
    longest = max((_text_size(a) for a in (*rest, *kwargs.values())), default=0)
    return len(text) + text.count("%") * longest


def _times(factor: int) -> Callable[[Any, tuple[Any, ...], dict[str, Any]], int]:
    return lambda value, rest, kwargs: _text_size(value) * factor


_FILTER_SIZES: dict[str, Callable[[Any, tuple[Any, ...], dict[str, Any]], int]] = {
    "indent": _indented_size, "replace": _replaced_size, "join": _joined_size,
    "sum": _summed_size, "format": _formatted_size, "string": _times(1),
    "pprint": _times(4), "tojson": _times(6), "xmlattr": _times(6), "wordwrap": _times(2),
    "urlize": _times(16), "list": _times(1),
}
"""At most how long a filter's result would be, known before the filter makes it."""


def _bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A built-in filter whose numbers (widths, counts) are checked, whose result would be
    no longer than ``MAX_ITEMS`` (estimated before it is made) and is not (checked after);
    ``format`` also checks the widths in its format string."""
    skip = 0 if _PassArg.from_obj(function) is None else 1
    estimate = _FILTER_SIZES.get(name)

    def bounded(*args: Any, **kwargs: Any) -> Any:
        if len(args) <= skip:
            return function(*args, **kwargs)
        value, rest = args[skip], args[skip + 1:]
        if name in _MATERIALISED_FILTERS and not isinstance(value, list | tuple | str | dict):
            value = list(itertools.islice(value, MAX_ITEMS + 1))
            _check_size(value)
            args = (*args[:skip], value, *rest)
        if name in _PADDING_FILTERS:
            _check_numbers(rest, kwargs.values())
        if name == "format" and isinstance(value, str):
            _check_percent(value, tuple(rest))
        if estimate is not None:
            _check_length(estimate(value, rest, kwargs))
        return _check_size(function(*args, **kwargs))
    bounded.__dict__.update(getattr(function, "__dict__", {}))  # keeps pass_context marks
    return bounded


def environment(plan_templates: Path | None, report: Formatted) -> SandboxedEnvironment:
    """The plan's folder first, built-ins last; filters for dates, money and Markdown."""
    loaders: list[jinja2.BaseLoader] = []
    if plan_templates is not None and plan_templates.is_dir():
        loaders.append(_PlanTemplates(plan_templates))
    loaders.append(jinja2.FileSystemLoader(builtin_templates()))
    env = _BoundedEnvironment(
        loader=jinja2.ChoiceLoader(loaders), undefined=jinja2.StrictUndefined,
        autoescape=lambda name: name is not None and name.endswith(".html.j2"),
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    for name, function in list(env.filters.items()):
        env.filters[name] = _bounded_filter(name, function)
    env.finalize = _finalized
    env.filters.update(_filters(report))
    env.globals["range"] = lambda *args: _Range(env, _range(*args))
    return env


def _finalized(value: Any) -> Any:
    """What ``{{ … }}`` writes: a list that would be too long as text is stopped first, and
    every text has its control characters as stand-ins (``kplan.visible``); HTML that is
    already safe stays ``Markup``."""
    if not isinstance(value, str):
        _check_length(_text_size(value))
    if isinstance(value, markupsafe.Markup):
        return markupsafe.Markup(printable_lines(str(value)))
    if isinstance(value, str):
        return printable_lines(value)
    return value


def _range(*args: int) -> range:
    items = range(*args)
    if len(items) > MAX_RANGE:
        raise _too_big(f"range() > {MAX_RANGE}")
    return items


def _filters(report: Formatted) -> dict[str, Callable[..., Any]]:
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


def render_report(report: Report, output_format: str, plan_templates: Path | None) -> str:
    """The report rendered by the entry point ``report.<format>.j2``."""
    return render_page(report, f"report.{output_format}.j2", plan_templates, {})


def render_minutes(minutes: Minutes, output_format: str, plan_templates: Path | None) -> str:
    """A meeting's minutes rendered by the entry point ``minutes.<format>.j2``."""
    return render_page(minutes, f"minutes.{output_format}.j2", plan_templates,
                       {"minutes": minutes})


def _bounded_render(env: _BoundedEnvironment, template: jinja2.Template,
                    **context: Any) -> str:
    """``template.render``, chunk by chunk, within ``MAX_SECONDS`` and ``MAX_OUTPUT_CHARS``.

    The clock is also checked by the environment on every call, lookup and operator; an
    interval timer (when this is the main thread and nothing else uses it) stops even a
    loop that does none of those.
    """
    env.start()
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


def _said(error: Exception) -> str:
    try:
        return str(error)[:200]
    except Exception:  # an error whose text cannot be made
        return ""


def render_page(report: Formatted, name: str, plan_templates: Path | None,
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
    except MemoryError as error:
        where, line = _where(error, roots, plan_templates)
        raise TemplateProblem("memory", where or name, line, "MemoryError") from None
    except Exception as error:  # anything a template does is the user's data
        where, line = _where(error, roots, plan_templates)
        raise TemplateProblem("error", where or name, line,
                              f"{type(error).__name__}: {_said(error)}") from None
