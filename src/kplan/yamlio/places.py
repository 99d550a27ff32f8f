"""Places in a document kept from its one parse, so that a diagnostic found later (by a
check across files) is placed without parsing the file again."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kplan.diagnostics import Loc

Places = dict[Loc, tuple[int, int, str | None]]
"""By a value's place in the document: its line, column and the text of that line."""


def places_of(root: Node, lines: Sequence[str], fields: Iterable[str]) -> Places:
    """Where the values of these top-level fields are, and each item of those that are
    lists: what ``position_of`` gives for each, found in one pass over the mapping."""
    found: Places = {}
    if not isinstance(root, MappingNode):
        return found
    wanted = set(fields)
    for key_node, value_node in root.value:
        field = key_node.value if isinstance(key_node, ScalarNode) else None
        if field not in wanted or (field,) in found:
            continue
        found[(field,)] = _place(value_node, lines)
        if isinstance(value_node, SequenceNode):
            for index, item in enumerate(value_node.value):
                found[(field, index)] = _place(item, lines)
    return found


def _place(node: Node, lines: Sequence[str]) -> tuple[int, int, str | None]:
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    return line, column, lines[line - 1] if 1 <= line <= len(lines) else None
