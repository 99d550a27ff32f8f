"""How large a value a template may make: each operator, text method and filter is
checked before it makes its result (and the result after).

``*``, ``+``, ``~``, ``**``, ``%``, the text methods and the filters refuse to make a text
or list longer than ``MAX_ITEMS`` or a number larger than ``MAX_INT_BITS``, estimated before
they make it (a list holding one long text many times counts as long as it would be
written); widths and counts are at most ``MAX_WIDTH``. A value that crosses a bound raises
``Bound`` (kind ``limit``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from typing import Any

import jinja2
from jinja2.utils import _PassArg

MAX_ITEMS = 1_000_000
"""The longest string or list one operator or filter may make (a whole report is ~100 kB)."""
MAX_WIDTH = 10_000
"""The widest field a format, padding or wrapping may ask for."""
MAX_INT_BITS = 10_000
"""The largest whole number ``*`` and ``**`` may make (about 3,000 digits: Python writes
no int of more than 4,300 digits as text)."""


class Bound(jinja2.exceptions.SecurityError):
    """A template crossed one of the bounds: ``kind`` is a key of ``_KINDS``."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.kind = kind

_PERCENT_WIDTH = re.compile(r"%[-#0 +]*(\d+|\*)?(?:\.(\d+|\*))?")
_FORMAT_SPEC_NUMBER = re.compile(r"\d+")

def too_big(detail: str) -> Bound:
    return Bound("limit", detail)


def check_operator(operator: str, left: Any, right: Any) -> None:
    """``*``, ``**``, ``%`` and ``+`` of a template, before Python makes their result."""
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
        check_length(len(left) + len(right))


def check_text_method(owner: str | bytes, name: str, args: tuple[Any, ...],
                      kwargs: dict[str, Any]) -> None:
    """A method of a text (``center``, ``replace``, ``join`` …), before it is called."""
    _check_numbers(args, kwargs.values())
    _check_method(owner, name, args, kwargs)


def check_format_spec(spec: str | None) -> None:
    """The widths in one field of a ``str.format`` string."""
    _check_numbers([int(n) for n in _FORMAT_SPEC_NUMBER.findall(spec or "")], ())


def _check_numbers(args: Any, kwargs: Any) -> None:
    """Widths and counts given to text methods and filters (``center``, ``ljust``, …)."""
    for value in (*args, *kwargs):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_WIDTH:
            raise too_big(f"{value} > {MAX_WIDTH}")


def _check_repeat(sequence: Any, times: Any) -> None:
    if isinstance(sequence, str | list | tuple) and isinstance(times, int) \
            and len(sequence) * times > MAX_ITEMS:
        raise too_big(f"{len(sequence)} * {times} > {MAX_ITEMS}")


def _check_power(base: Any, exponent: Any) -> None:
    if isinstance(base, int | float) and isinstance(exponent, int | float) \
            and abs(base) > 1 and abs(exponent) > 64:
        raise too_big(f"{_short(base)} ** {_short(exponent)}")
    if isinstance(base, int) and isinstance(exponent, int) and exponent > 0:
        _check_bits(base, exponent, _bits(base) * exponent)


def _check_percent(text: str, args: Any) -> None:
    for width, precision in _PERCENT_WIDTH.findall(text):
        _check_numbers([int(n) for n in (width, precision) if n.isdigit()], ())
    _check_numbers(args if isinstance(args, tuple) else (args,), ())


def check_length(length: int) -> None:
    if length > MAX_ITEMS:
        raise too_big(f"{length} > {MAX_ITEMS}")


def check_size(value: Any) -> Any:
    """``value``, when it is no longer than ``MAX_ITEMS`` (text, a list, a mapping)."""
    if isinstance(value, str | bytes | list | tuple | dict | set):
        check_length(len(value))
    return value


def _bits(value: Any) -> int:
    return value.bit_length() if isinstance(value, int) else 0


def _check_bits(left: Any, right: Any, bits: int) -> None:
    if bits > MAX_INT_BITS:
        raise too_big(f"{type(left).__name__} {_short(left)} and {_short(right)}: "
                       f"> {MAX_INT_BITS} bits")


def _short(value: Any) -> str:
    if isinstance(value, int) and value.bit_length() > 64:
        return f"~2^{value.bit_length()}"
    return f"{value!r:.20}"


def text_size(value: Any, budget: int = MAX_ITEMS) -> int:
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
    check_length(_formatted_length(template, marker, args))


def _formatted_length(template: str, marker: str, args: Any) -> int:
    """A format string repeats its arguments at most once a field (``marker``)."""
    longest = max((text_size(a) for a in args), default=0)
    return len(template) + template.count(marker) * longest


def _check_method(text: str | bytes, name: str, args: tuple[Any, ...],
                  kwargs: dict[str, Any]) -> None:
    """The length a text method would make, before it makes it."""
    if name == "replace" and len(args) >= 2 and isinstance(args[0], type(text)) \
            and isinstance(args[1], type(text)):
        check_length(_replaced_length(text, args[0], args[1]))
    elif name == "expandtabs":
        size = args[0] if args else kwargs.get("tabsize", 8)
        tabs = text.count("\t" if isinstance(text, str) else b"\t")  # type: ignore[arg-type]
        check_length(len(text) + tabs * max(0, int(size)))
    elif name == "join" and args:
        items = args[0]
        count = len(items) if isinstance(items, list | tuple | str) else MAX_ITEMS
        check_length(text_size(items) + len(text) * count)
    elif name == "translate" and args and isinstance(args[0], dict):
        longest = max((text_size(v) for v in args[0].values()), default=0)
        check_length(len(text) * max(1, longest))
    elif name in ("format", "format_map") and isinstance(text, str):
        values = [*args, *kwargs.values()]
        if name == "format_map" and args and isinstance(args[0], dict):
            values = list(args[0].values())
        _check_formatted(text, "{", values)


def _replaced_length(text: Any, old: Any, new: Any) -> int:
    """How long ``text`` (a str or bytes) is with every ``old`` replaced by ``new``; an
    empty ``old`` stands before every character and at the end."""
    count = text.count(old) if old else len(text) + 1
    return int(len(text) + count * max(0, len(new) - len(old)))


_PADDING_FILTERS = ("center", "indent", "wordwrap", "truncate", "batch", "slice", "format")
_MATERIALISED_FILTERS = ("join", "sum")
"""Filters whose input is made a list first, so that its size is known."""


def _indented_size(value: Any, rest: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    width = rest[0] if rest else kwargs.get("width", 4)
    text = str(value)
    return len(text) + (text.count("\n") + 1) * (len(width) if isinstance(width, str)
                                                   else max(0, int(width)))


def _replaced_size(value: Any, rest: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    return _replaced_length(str(value), str(rest[0]) if rest else "",
                            str(rest[1]) if len(rest) > 1 else "")


def _joined_size(value: Any, rest: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    separator = rest[0] if rest else kwargs.get("d", "")
    count = len(value) if isinstance(value, list | tuple | str) else 1
    return text_size(value) + len(str(separator)) * count


def _summed_size(value: Any, rest: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    items = value if isinstance(value, list | tuple) else ()
    return sum(len(item) for item in items if isinstance(item, str | list | tuple))


def _formatted_size(value: Any, rest: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    return _formatted_length(str(value), "%", (*rest, *kwargs.values()))


def _times(factor: int) -> Callable[[Any, tuple[Any, ...], dict[str, Any]], int]:
    return lambda value, rest, kwargs: text_size(value) * factor


_FILTER_SIZES: dict[str, Callable[[Any, tuple[Any, ...], dict[str, Any]], int]] = {
    "indent": _indented_size, "replace": _replaced_size, "join": _joined_size,
    "sum": _summed_size, "format": _formatted_size, "string": _times(1),
    "pprint": _times(4), "tojson": _times(6), "xmlattr": _times(6), "wordwrap": _times(2),
    "urlize": _times(16), "list": _times(1),
}
"""At most how long a filter's result would be, known before the filter makes it."""


def bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
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
            check_size(value)
            args = (*args[:skip], value, *rest)
        if name in _PADDING_FILTERS:
            _check_numbers(rest, kwargs.values())
        if name == "format" and isinstance(value, str):
            _check_percent(value, tuple(rest))
        if estimate is not None:
            check_length(estimate(value, rest, kwargs))
        return check_size(function(*args, **kwargs))
    bounded.__dict__.update(getattr(function, "__dict__", {}))  # keeps pass_context marks
    return bounded
