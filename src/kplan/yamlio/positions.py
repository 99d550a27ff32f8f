"""Where a value is in its file: walking a document's node tree down a path of keys and
indexes to the node, its line and column, its text as written and its kind."""

from __future__ import annotations

from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kplan.diagnostics import Loc
from kplan.yamlio.scalars import is_plain, plain_scalar


@dataclass(frozen=True, slots=True)
class Position:
    line: int
    column: int


def node_at(root: Node, loc: Loc) -> tuple[Node | None, Node | None, Node]:
    """Walk ``loc`` down the node tree: (key node, value node, deepest mapping or sequence).

    Stops where ``loc`` leaves the tree; the value is None then, and the parent is the
    deepest collection reached, which is where a missing field belongs.
    """
    key_node: Node | None = None
    current: Node | None = root
    parent: Node = root
    for step in loc:
        if current is None:
            break
        parent = current
        key_node, current = _child(current, step)
    return key_node, current, parent


def _child(node: Node, step: str | int) -> tuple[Node | None, Node | None]:
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and _key_matches(key_node, step):
                return key_node, value_node
        return None, None
    if isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        return None, node.value[step]
    return None, None


def _key_matches(key_node: ScalarNode, step: str | int) -> bool:
    value = plain_scalar(key_node.value) if is_plain(key_node) else key_node.value
    return bool(value == step or key_node.value == str(step))


def position_of(root: Node, loc: Loc, part: str = "value") -> Position:
    """The 1-based position of the key, the value or the parent mapping at ``loc``."""
    key_node, value_node, parent = node_at(root, loc)
    chosen: Node | None
    if part == "parent" or value_node is None:
        chosen = parent if part == "parent" or key_node is None else key_node
    elif part == "key":
        chosen = key_node or value_node
    else:
        chosen = value_node
    mark = chosen.start_mark
    return Position(mark.line + 1, mark.column + 1)


def scalar_source(root: Node, loc: Loc) -> str | None:
    """The text of the scalar at ``loc`` as written in the file (``3.10``, not ``3.1``)."""
    _, value_node, _ = node_at(root, loc)
    if isinstance(value_node, ScalarNode):
        return str(value_node.value)
    return None


def node_kind(root: Node, loc: Loc) -> str | None:
    """``mapping``, ``sequence``, ``text``, ``number``, ``bool`` or ``null`` at ``loc``."""
    _, value_node, _ = node_at(root, loc)
    if value_node is None:
        return None
    if isinstance(value_node, MappingNode):
        return "mapping"
    if isinstance(value_node, SequenceNode):
        return "sequence"
    if not is_plain(value_node):  # type: ignore[arg-type]
        return "text"
    value = plain_scalar(value_node.value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    return "number" if isinstance(value, int | float) else "text"
