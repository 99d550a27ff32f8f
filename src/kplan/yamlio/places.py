"""Places in a document kept from its one parse, so that a diagnostic found later (by a
check across files, or a check of one card run again on another day) is placed without
reading or parsing the file again.

What is kept is said by a *spec*: a mapping from the keys of a mapping (``"*"``: any key,
or any item of a list) to the spec of what is under them, ``{}`` for a value whose
children are not kept, ``ALL`` for everything under it. A place is found as
``position_of`` finds it in the node tree, and with the text of its line for the excerpt;
a path the spec does not keep has no place here (``place_at`` gives None).

The places of a document are one bytes object (``pack``): a plan of 10,000 cards keeps
some 500,000 of them, which as tuples would cost more memory than the cards' models.
"""

from __future__ import annotations

import pickle
from collections.abc import Mapping, Sequence
from typing import Literal, NamedTuple, TypeAlias

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kplan.diagnostics import Loc
from kplan.yamlio.scalars import is_plain, plain_scalar

Spec: TypeAlias = "Mapping[str, Spec] | Literal[True]"
"""What is kept under a value: a mapping as above, ``ALL`` (True) for everything."""
ALL: Literal[True] = True
Place = tuple[int, int, int, int]
"""Where a value starts (line, column) and where its key does (0, 0 for a list's item)."""


class Places(NamedTuple):
    """The kept values by their path in the document, and the text of their lines."""

    nodes: dict[Loc, Place]
    lines: dict[int, str]


def places_of(root: Node, lines: Sequence[str], spec: Spec) -> Places:
    """The places of the document's values that ``spec`` keeps, found in a walk of their
    own (the reader finds them while it builds the data: ``build.build_placed``)."""
    nodes: dict[Loc, Place] = {}
    keep(nodes, root, (), 0, 0, spec)
    return with_lines(nodes, lines)


def with_lines(nodes: dict[Loc, Place], lines: Sequence[str]) -> Places:
    """The places with the text of their lines."""
    texts: dict[int, str] = {}
    count = len(lines)
    for line, _, key_line, _ in nodes.values():
        if line <= count:
            texts[line] = lines[line - 1]
        if 0 < key_line <= count:
            texts[key_line] = lines[key_line - 1]
    return Places(nodes, texts)


def keep(nodes: dict[Loc, Place], node: Node, loc: Loc, key_line: int, key_column: int,
          spec: Spec) -> None:
    """The node's place, and those of what ``spec`` keeps under it."""
    mark = node.start_mark
    nodes[loc] = (mark.line + 1, mark.column + 1, key_line, key_column)
    if not spec:
        return
    if isinstance(node, MappingNode):
        _keep_mapping(nodes, node, loc, spec)
    elif isinstance(node, SequenceNode):
        below = spec if spec is True else spec.get("*")
        if below is not None:
            for index, item in enumerate(node.value):
                keep(nodes, item, (*loc, index), 0, 0, below)


def _keep_mapping(nodes: dict[Loc, Place], node: MappingNode, loc: Loc, spec: Spec) -> None:
    """A key is kept as its text and, where the spec names no key (``"*"``: a year, a
    source), also as its YAML value when that differs (``2024``), as a check names it. A
    value of which nothing more is kept is kept without a call. (A document that loaded
    has text keys only.)"""
    star = spec if spec is True else spec.get("*")
    named = {} if spec is True else spec
    for key_node, value_node in node.value:
        text = key_node.value
        below = named.get(text)
        if below is None:
            if star is None:
                continue
            below = star
        key_mark = key_node.start_mark
        key_line, key_column = key_mark.line + 1, key_mark.column + 1
        if below or type(value_node) is not ScalarNode:
            keep(nodes, value_node, (*loc, text), key_line, key_column, below)
        else:
            mark = value_node.start_mark
            nodes[(*loc, text)] = (mark.line + 1, mark.column + 1, key_line, key_column)
        if below is star and text[:1] in _VALUE_START and is_plain(key_node):
            value = plain_scalar(text)
            if value is not text:
                keep(nodes, value_node, (*loc, value), key_line, key_column, below)


_VALUE_START = frozenset("0123456789+-.~nNtTfF")
"""How a key starts whose YAML value is no text (a number, a boolean, null)."""


def place_at(places: Places, spec: Spec, loc: Loc, part: str = "value"
             ) -> tuple[int, int, str | None] | None:
    """What ``position_of`` gives for ``loc`` and ``part``, with its line's text; None
    where ``loc`` goes where ``spec`` keeps nothing."""
    nodes = places.nodes
    current, parent, key = nodes.get(()), nodes.get(()), False
    path: Loc = ()
    for step in loc:
        if current is None:
            break
        below = _below(spec, step)
        if below is None:
            return None
        spec = below
        parent = current
        path, current = _child(nodes, path, step)
        key = current is not None and current[2] != 0
    chosen = _chosen(current, parent, key, part)
    if chosen is None:
        return None
    return chosen[0], chosen[1], places.lines.get(chosen[0])


def _below(spec: Spec, step: str | int) -> Spec | None:
    if spec is True:
        return spec
    return spec.get(step, spec.get("*")) if isinstance(step, str) else spec.get("*")


def _child(nodes: dict[Loc, Place], path: Loc, step: str | int) -> tuple[Loc, Place | None]:
    """As ``positions._child``: a key matches as its YAML value or as the step's text."""
    for candidate in ((*path, step), (*path, str(step))):
        found = nodes.get(candidate)
        if found is not None:
            return candidate, found
    return path, None


def _chosen(current: Place | None, parent: Place | None, key: bool, part: str
            ) -> tuple[int, int] | None:
    if part == "parent" or current is None:
        return parent[:2] if parent is not None else None
    if part == "key" and key:
        return current[2:]
    return current[:2]


def pack(places: Places) -> bytes:
    return pickle.dumps(tuple(places), protocol=pickle.HIGHEST_PROTOCOL)


def unpack(packed: bytes) -> Places:
    nodes, lines = pickle.loads(packed)  # made by ``pack`` in this very cache
    return Places(nodes, lines)
