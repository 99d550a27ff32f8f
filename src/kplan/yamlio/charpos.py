"""Where in the file a character of a scalar's value was written.

A value's characters are not its source's: ``"a\\e[2J"`` writes ESC as the two characters
``\\e``, a block scalar's line feeds are the ends of its lines. The source of a scalar is
scanned for what writes control characters (escapes in double quotes, raw tabs, line ends),
and the n-th of them that writes the wanted character is its place.
"""

from __future__ import annotations

from collections.abc import Iterator

from yaml.nodes import Node, ScalarNode

from kplan.diagnostics import Loc
from kplan.yamlio.positions import Position, node_at

_SIMPLE = {"0": "\x00", "a": "\x07", "b": "\x08", "t": "\t", "\t": "\t", "n": "\n",
           "v": "\x0b", "f": "\x0c", "r": "\r", "e": "\x1b", "N": "\x85"}
_HEX = {"x": 2, "u": 4, "U": 8}


def control_position(text: str, root: Node, loc: Loc, is_key: bool,
                     index: int) -> Position | None:
    """The 1-based line and column of character ``index`` of the scalar at ``loc`` (its key
    when ``is_key``), or None when that scalar is not found."""
    key_node, value_node, _ = node_at(root, loc)
    node = key_node if is_key else value_node
    if not isinstance(node, ScalarNode):
        return None
    wanted = node.value[index]
    occurrence = node.value[:index].count(wanted)
    lines = text.split("\n")
    writers = [place for place, written in _writers(node, lines) if written == wanted]
    if writers:
        line, column = writers[min(occurrence, len(writers) - 1)]
        return Position(line + 1, column + 1)
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


def _writers(node: ScalarNode, lines: list[str]) -> Iterator[tuple[tuple[int, int], str]]:
    """``((line, column), character)`` for each place in the scalar's source that writes a
    control character, 0-based, in order."""
    start, end = node.start_mark, node.end_mark
    block = node.style in ("|", ">")
    for number in range(start.line, min(end.line, len(lines) - 1) + 1):
        content = lines[number].rstrip("\r")
        first = start.column if number == start.line else 0
        last = end.column if number == end.line else len(content)
        if block and number == start.line:
            continue  # the indicator line: its end is not in the value
        yield from _in_line(content, number, first, last, node.style == '"')
        if number < end.line and _writes_line_feed(lines, number, block, end.line):
            yield (number, len(content)), "\n"


def _in_line(content: str, number: int, first: int, last: int,
             escapes: bool) -> Iterator[tuple[tuple[int, int], str]]:
    column = first
    while column < min(last, len(content)):
        character = content[column]
        if character == "\\" and escapes and column + 1 < len(content):
            written, length = _escape(content, column + 1)
            if written is not None:
                yield (number, column), written
            column += length + 1
            continue
        if character == "\t":
            yield (number, column), "\t"
        column += 1


def _escape(content: str, at: int) -> tuple[str | None, int]:
    """The character an escape after ``\\`` writes (None when not a control) and its length."""
    kind = content[at]
    if kind in _SIMPLE:
        return _SIMPLE[kind], 1
    if kind in _HEX:
        digits = content[at + 1:at + 1 + _HEX[kind]]
        try:
            return chr(int(digits, 16)), 1 + len(digits)
        except ValueError:
            return None, 1
    return None, 1


def _writes_line_feed(lines: list[str], number: int, block: bool, last: int) -> bool:
    """A block scalar keeps every line end; a flow scalar only where an empty line follows."""
    if block:
        return True
    return number + 1 < last and not lines[number + 1].strip()
