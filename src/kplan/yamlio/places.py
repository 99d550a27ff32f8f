"""Places in a document kept from its one parse, so that a diagnostic found later (by a
check across files) is placed without parsing the file again."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from yaml.nodes import Node, SequenceNode

from kplan.diagnostics import Loc
from kplan.yamlio.positions import node_at, position_of

Places = dict[Loc, tuple[int, int, str | None]]
"""By a value's place in the document: its line, column and the text of that line."""


def places_of(root: Node, lines: Sequence[str], fields: Iterable[str]) -> Places:
    """Where the values of these top-level fields are, and each item of those that are
    lists."""
    found: Places = {}
    for field in fields:
        key, value, _ = node_at(root, (field,))
        if key is None:
            continue
        locs: list[Loc] = [(field,)]
        if isinstance(value, SequenceNode):
            locs += [(field, index) for index in range(len(value.value))]
        for loc in locs:
            position = position_of(root, loc)
            text = lines[position.line - 1] if 1 <= position.line <= len(lines) else None
            found[loc] = (position.line, position.column, text)
    return found
