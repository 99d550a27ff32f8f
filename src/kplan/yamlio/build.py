"""Plain Python data from libyaml's node tree, in one pass: YAML 1.2 core scalars
(``scalars``), no duplicate keys, no deep nesting, no overlong values. Equal texts are
kept once (interned): a plan repeats its names, places and statuses on every card.

Most nodes of a plan are scalars of plain text: a collection builds its scalar items
itself, and a scalar that cannot be anything but text (it starts with a letter) skips the
core schema's patterns.

``build_placed`` also keeps the places of the values a spec names (``kplan.yamlio.places``)
in the same walk, so that each node is visited once: the same places ``places_of`` finds.
"""

from __future__ import annotations

from collections.abc import Mapping
from sys import intern
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kplan.diagnostics import Diagnostic, Loc
from kplan.diagnostics.codes import diag
from kplan.limits import MAX_STRING_CHARS
from kplan.yamlio.places import Place, Spec, keep
from kplan.yamlio.scalars import NUMBER_START, SPECIAL, STR_TAG, plain_scalar

MAX_DEPTH = 64


class DataError(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.code)
        self.diagnostic = diagnostic


def at_mark(diagnostic: Diagnostic, mark: Any) -> Diagnostic:
    return diagnostic.at(mark.line + 1, mark.column + 1)


def build(node: Node, file: str, depth: int, unprintable: list[str]) -> Any:
    """The data of ``node``; scalars that are not printable are added to ``unprintable``."""
    if depth > MAX_DEPTH:
        raise DataError(at_mark(diag(file, "KP108", limit=MAX_DEPTH), node.start_mark))
    if type(node) is ScalarNode:
        return _scalar(node, file, unprintable)
    if type(node) is SequenceNode:
        if depth == MAX_DEPTH:
            return [build(item, file, depth + 1, unprintable) for item in node.value]
        return [_scalar(item, file, unprintable) if type(item) is ScalarNode
                else build(item, file, depth + 1, unprintable) for item in node.value]
    assert isinstance(node, MappingNode)
    return _mapping(node, file, depth, unprintable)


def _scalar(node: ScalarNode, file: str, unprintable: list[str]) -> Any:
    text: str = node.value
    if len(text) > MAX_STRING_CHARS:
        raise DataError(at_mark(diag(file, "KP117", length=len(text),
                                     limit=MAX_STRING_CHARS), node.start_mark))
    if not text.isprintable():
        unprintable.append(text)
    if not node.style and node.tag != STR_TAG and (text[:1] in NUMBER_START or text in SPECIAL):
        value = plain_scalar(text)
        return intern(value) if type(value) is str else value
    return intern(text)


_TEXT_KEYS: dict[str, str] = {}
"""Keys that read as their text however they are written (they start with a letter and
are printable), interned: a plan's cards repeat some fifty keys thousands of times."""
_MAX_TEXT_KEYS = 4096


def _key_text(node: ScalarNode, file: str, unprintable: list[str]) -> Any:
    """A key's data, kept in ``_TEXT_KEYS`` when it is one of those."""
    key = _scalar(node, file, unprintable)
    text = node.value
    if (type(key) is str and text and text[0] not in NUMBER_START and text not in SPECIAL
            and text.isprintable() and len(_TEXT_KEYS) < _MAX_TEXT_KEYS):
        _TEXT_KEYS[text] = key
    return key


def _mapping(node: MappingNode, file: str, depth: int,
             unprintable: list[str]) -> dict[Any, Any]:
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        if type(key_node) is not ScalarNode:
            raise DataError(at_mark(
                diag(file, "KP101", problem={"cs": "název pole musí být text", "en":
                                             "a key must be text"}), key_node.start_mark))
        key = build(key_node, file, depth + 1, unprintable) if depth == MAX_DEPTH \
            else _TEXT_KEYS.get(key_node.value) or _key_text(key_node, file, unprintable)
        if key in result:
            raise DataError(at_mark(diag(file, "KP102", key=key_node.value,
                                         first_line=_first_line(node, key, file)),
                                    key_node.start_mark))
        result[key] = _scalar(value_node, file, unprintable) \
            if type(value_node) is ScalarNode and depth < MAX_DEPTH \
            else build(value_node, file, depth + 1, unprintable)
    return result


def build_placed(node: Node, file: str, unprintable: list[str], spec: Spec
                 ) -> tuple[Any, dict[Loc, Place]]:
    """As ``build`` from the root, with the places of what ``spec`` keeps, by path."""
    mark = node.start_mark
    nodes: dict[Loc, Place] = {(): (mark.line + 1, mark.column + 1, 0, 0)}
    return _placed(node, file, 0, unprintable, spec, nodes, ()), nodes


def _placed(node: Node, file: str, depth: int, unprintable: list[str], spec: Spec,
            nodes: dict[Loc, Place], loc: Loc) -> Any:
    """The data of ``node`` (whose own place is kept), keeping the places under it."""
    if not spec or depth >= MAX_DEPTH or type(node) is ScalarNode:
        return build(node, file, depth, unprintable)
    if type(node) is SequenceNode:
        below = spec if spec is True else spec.get("*")
        if below is None:
            return build(node, file, depth, unprintable)
        result = []
        for index, item in enumerate(node.value):
            mark = item.start_mark
            where = (*loc, index)
            nodes[where] = (mark.line + 1, mark.column + 1, 0, 0)
            result.append(_scalar(item, file, unprintable) if type(item) is ScalarNode
                          else _placed(item, file, depth + 1, unprintable, below, nodes, where))
        return result
    assert isinstance(node, MappingNode)
    return _placed_mapping(node, file, depth, unprintable, spec, nodes, loc)


def _placed_mapping(node: MappingNode, file: str, depth: int, unprintable: list[str],
                    spec: Spec, nodes: dict[Loc, Place], loc: Loc) -> dict[Any, Any]:
    """As ``_mapping``; a key is kept as its text and, where the spec names no key, also
    as its YAML value when that is no text (as ``places.places_of`` keeps it)."""
    result: dict[Any, Any] = {}
    star = spec if spec is True else spec.get("*")
    named: Mapping[str, Spec] = _NONE if spec is True else spec
    for key_node, value_node in node.value:
        key = _key(node, key_node, file, unprintable, result)
        below: Spec | None = named.get(key_node.value, star)
        if below is None:
            result[key] = _scalar(value_node, file, unprintable) \
                if type(value_node) is ScalarNode else build(value_node, file, depth + 1,
                                                              unprintable)
            continue
        key_mark, mark = key_node.start_mark, value_node.start_mark
        key_line, key_column = key_mark.line + 1, key_mark.column + 1
        where = (*loc, key_node.value)
        nodes[where] = (mark.line + 1, mark.column + 1, key_line, key_column)
        result[key] = _scalar(value_node, file, unprintable) \
            if type(value_node) is ScalarNode \
            else _placed(value_node, file, depth + 1, unprintable, below, nodes, where)
        if below is star and type(key) is not str and key_node.value:
            keep(nodes, value_node, (*loc, key), key_line, key_column, below)
    return result


_NONE: Mapping[str, Spec] = {}


def _key(node: MappingNode, key_node: Node, file: str, unprintable: list[str],
         result: dict[Any, Any]) -> Any:
    """The key's data (below the deepest level), refused as ``_mapping`` refuses it."""
    if type(key_node) is not ScalarNode:
        raise DataError(at_mark(
            diag(file, "KP101", problem={"cs": "název pole musí být text", "en":
                                         "a key must be text"}), key_node.start_mark))
    key = _TEXT_KEYS.get(key_node.value) or _key_text(key_node, file, unprintable)
    if key in result:
        raise DataError(at_mark(diag(file, "KP102", key=key_node.value,
                                     first_line=_first_line(node, key, file)),
                                key_node.start_mark))
    return key


def _first_line(node: MappingNode, key: Any, file: str) -> int:
    """The line of the first key of the mapping that reads as ``key``."""
    for key_node, _ in node.value:
        found = _scalar(key_node, file, [])
        if found is key or found == key:
            return int(key_node.start_mark.line) + 1
    return 1
