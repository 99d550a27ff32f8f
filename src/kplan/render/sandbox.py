"""Jinja's sandbox with bounds on time, memory and the size of the output.

The sandbox keeps a template from reaching Python objects; bounds keep it from taking the
machine: a render stops after ``MAX_SECONDS`` (the clock is checked on every call, attribute
lookup, operator, ``range`` step and output chunk), ``MAX_OUTPUT_CHARS`` of output, or when
the process has grown by ``MAX_MEMORY`` (checked every few milliseconds on the same
occasions); ``range()`` has at most ``MAX_RANGE`` items. Single values are bounded by
``kplan.render.sizes``. A bound crossed raises ``sizes.Bound``.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import jinja2
import jinja2.sandbox
import markupsafe
from jinja2.compiler import CodeGenerator, Frame
from jinja2.nodes import Concat
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from kplan.render.sizes import (
    Bound,
    bounded_filter,
    check_format_spec,
    check_length,
    check_operator,
    check_size,
    check_text_method,
    text_size,
    too_big,
)
from kplan.visible import printable_lines

MAX_SECONDS = 10.0
MAX_OUTPUT_CHARS = 50_000_000
MAX_RANGE = 100_000
MAX_MEMORY = 512 * 1024 * 1024
"""How much the process may grow while one template renders (checked every few ms)."""
_MEMORY_EVERY = 0.005


class _Range(Sequence[int]):
    """``range()`` for templates: at most ``MAX_RANGE`` items, and the clock is checked
    while a loop walks it."""

    def __init__(self, env: BoundedEnvironment, items: range) -> None:
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


class _BoundedCodeGenerator(CodeGenerator):
    """Jinja's code generator whose ``~`` checks the size of its parts before joining."""

    def visit_Concat(self, node: Concat, frame: Frame) -> None:
        self.write("environment.checked_concat(")
        super().visit_Concat(node, frame)
        self.write(")")


class BoundedEnvironment(SandboxedEnvironment):
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
            raise Bound("time", "")
        if now >= self.next_memory_check:
            self.next_memory_check = now + _MEMORY_EVERY
            if _resident_bytes() > self.memory_limit:
                raise Bound("memory", "")

    def start(self) -> None:
        """The bounds of one render begin now."""
        self.deadline = time.monotonic() + MAX_SECONDS
        self.memory_limit = _resident_bytes() + MAX_MEMORY
        self.next_memory_check = 0.0

    def checked_concat(self, text: str) -> str:
        check_size(text)
        return text

    def call(__self, __context: Context, __obj: Any, *args: Any,
             **kwargs: Any) -> Any:
        __self.tick()
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str | bytes):
            check_text_method(owner, getattr(__obj, "__name__", ""), args, kwargs)
        return check_size(super().call(__context, __obj, *args, **kwargs))

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.tick()
        return super().getitem(obj, argument)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        self.tick()
        check_operator(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        text = str(value.__self__)

        def bounded(*args: Any, **kwargs: Any) -> str:
            for _, _, spec, _ in jinja2.sandbox.SandboxedFormatter(self).parse(text):
                check_format_spec(spec)
            return wrapped(*args, **kwargs)
        return bounded


def bounded_environment(**options: Any) -> BoundedEnvironment:
    """The bounded sandbox with Jinja's ``options``: its built-in filters bounded, its
    ``range`` too, and what ``{{ … }}`` writes checked."""
    env = BoundedEnvironment(**options)
    for name, function in list(env.filters.items()):
        env.filters[name] = bounded_filter(name, function)
    env.finalize = _finalized
    env.globals["range"] = lambda *args: _Range(env, _range(*args))
    return env


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


def _finalized(value: Any) -> Any:
    """What ``{{ … }}`` writes: a list that would be too long as text is stopped first, and
    every text has its control characters as stand-ins (``kplan.visible``); HTML that is
    already safe stays ``Markup``."""
    if not isinstance(value, str):
        check_length(text_size(value))
    if isinstance(value, markupsafe.Markup):
        return markupsafe.Markup(printable_lines(str(value)))
    if isinstance(value, str):
        return printable_lines(value)
    return value


def _range(*args: int) -> range:
    items = range(*args)
    if len(items) > MAX_RANGE:
        raise too_big(f"range() > {MAX_RANGE}")
    return items


def bounded_pieces(env: BoundedEnvironment, template: jinja2.Template,
                   **context: Any) -> Iterator[str]:
    """The rendered text chunk by chunk as it is made, within ``MAX_SECONDS`` (the time
    its reader takes counts too) and ``MAX_OUTPUT_CHARS``.

    The clock is also checked by the environment on every call, lookup and operator; an
    interval timer (when this is the main thread and nothing else uses it) stops even a
    loop that does none of those.
    """
    env.start()
    size = 0
    with _alarm(MAX_SECONDS + 1):
        for count, chunk in enumerate(template.generate(**context)):
            size += len(chunk)
            if size > MAX_OUTPUT_CHARS:
                raise Bound("size", f"> {MAX_OUTPUT_CHARS} characters")
            if count % 256 == 0:
                env.tick()
            yield chunk


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
    raise Bound("time", "")
