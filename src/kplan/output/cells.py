"""Text measured in terminal cells: a combining accent takes none, a wide character or an
emoji two; and wrapped or cut to a width of cells.

Text of ``NARROW`` characters (ASCII, Latin with Czech letters, dashes and quotes) takes a
cell a character: it is measured without asking rich character by character, which
matters for a table of a thousand activities.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rich.cells import cell_len

NARROW = re.compile("[\x20-\x7e\u00a0-\u024f\u2010-\u2027]*")
"""Text of these characters takes a terminal cell a character."""


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap by terminal cells; a word longer than the width is cut. Several
    times faster than ``textwrap``, which matters for a table of a thousand activities."""
    lines = _wrap(text, width, len)
    if text.isascii() or NARROW.fullmatch(text) or \
            list(map(cell_len, lines)) == list(map(len, lines)):
        return lines
    return _wrap(text, width, cell_width)


def _wrap(text: str, width: int, measure: Callable[[str], int]) -> list[str]:
    lines: list[str] = []
    current, used = "", 0
    for word in text.split():
        size = measure(word)
        while size > width:
            if current:
                lines.append(current)
                current, used = "", 0
            head = word[:width] if measure is len else cut(word, width) or word[:1]
            lines.append(head)
            word = word[len(head):]
            size = measure(word)
        if not current:
            current, used = word, size
        elif used + 1 + size <= width:
            current += " " + word
            used += 1 + size
        else:
            lines.append(current)
            current, used = word, size
    lines.append(current)
    return lines


def cell_width(text: str) -> int:
    """The terminal cells ``text`` takes: none for a combining accent, two for a wide
    character or an emoji; ASCII and precomposed Czech one a character."""
    return len(text) if text.isascii() or NARROW.fullmatch(text) else cell_len(text)


def cut(text: str, width: int) -> str:
    """The longest start of ``text`` that fits in ``width`` cells, with the accents and
    joined parts of its last character."""
    if text.isascii() or NARROW.fullmatch(text):
        return text[:width]
    end = min(width, len(text))
    while end and cell_len(text[:end]) > width:
        end -= 1
    while end < len(text) and cell_len(text[:end + 1]) <= width:
        end += 1
    return text[:end]
