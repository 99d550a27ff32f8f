"""ruamel.yaml's round-trip mode, set up once: YAML 1.2, every byte kept where it can be.

Dates stay text (as on the fast path: the model checks them), ``null`` is written as
``null`` (ruamel would write an empty value), lines are never re-wrapped, quotes are
kept, and a file's own line endings and indentation are given back to it. A fresh
``YAML`` object serves each file (a shared one keeps state after a failed load).

ruamel is pure Python and slow: it reads one file to edit or format, never a whole plan,
and it is imported only to load or dump. The node tree an edit finds its places in, and
a file's style, come from libyaml (``compose``): the same marks, a hundredth of the time.
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kplan.yamlio.fast import compose_text

if TYPE_CHECKING:
    from ruamel.yaml import YAML

__all__ = ["MappingNode", "Node", "RoundTripError", "ScalarNode", "SequenceNode", "Style",
           "compose", "dump", "load", "newline_of", "plain_data"]

_TIMESTAMP = "tag:yaml.org,2002:timestamp"
WIDTH = 1 << 30


class RoundTripError(Exception):
    """The text does not parse as one YAML document (the fast path says where and why)."""


@functools.cache
def _text_dates() -> type:
    """YAML 1.2 core scalars without timestamps: ``2019-02-30`` is text, as on the fast path."""
    from ruamel.yaml.resolver import VersionedResolver

    class TextDates(VersionedResolver):
        def add_version_implicit_resolver(self, version: Any, tag: Any, regexp: Any,
                                          first: Any) -> None:
            if tag != _TIMESTAMP:
                super().add_version_implicit_resolver(version, tag, regexp, first)

    return TextDates


def _represent_none(representer: Any, _: None) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


@dataclass(frozen=True, slots=True)
class Style:
    """How a file is laid out: indentation of mappings and sequences, line endings."""

    mapping: int = 2
    sequence: int = 4
    offset: int = 2
    newline: str = "\n"


CANONICAL = Style()
"""kplan's own style (the one ``kplan new`` writes and ``kplan fmt`` makes): keys indented
by 2, a list's ``- `` indented by 2 under its key, LF."""


def _yaml(style: Style = CANONICAL) -> YAML:
    from ruamel.yaml import YAML

    made = YAML(typ="rt")
    made.Resolver = _text_dates()
    made.width = WIDTH
    made.preserve_quotes = True
    made.allow_duplicate_keys = False
    made.indent(mapping=style.mapping, sequence=style.sequence, offset=style.offset)
    made.representer.add_representer(type(None), _represent_none)
    return made


def newline_of(text: str) -> str:
    """``\\r\\n`` when every line of the text ends so, else ``\\n``."""
    crlf = text.count("\r\n")
    return "\r\n" if crlf and crlf == text.count("\n") else "\n"


def load(text: str) -> Any:
    """The document as ruamel's commented data (CommentedMap, CommentedSeq, scalars)."""
    from ruamel.yaml.error import YAMLError

    try:
        return _yaml().load(text)
    except (YAMLError, ValueError) as error:
        raise RoundTripError(str(error)) from None


def compose(text: str) -> Node:
    """The document's node tree; every node knows where it starts and ends in ``text``
    (its marks count characters of ``text``)."""
    try:
        node = compose_text(text)
    except (yaml.YAMLError, ValueError) as error:
        raise RoundTripError(str(error)) from None
    if not isinstance(node, Node):
        raise RoundTripError("empty document")
    return node


def detect_style(text: str, root: Node | None = None) -> Style:
    """The indentation and line endings a file uses (kplan's style where it shows none)."""
    newline = newline_of(text)
    try:
        node = root if root is not None else compose(text)
    except RoundTripError:
        return Style(newline=newline)
    mapping = _mapping_indent(node)
    if isinstance(node, SequenceNode) and not node.flow_style and node.value:
        item = node.value[0]
        offset = int(node.start_mark.column)
        sequence: int | None = int(item.start_mark.column) if \
            item.start_mark.line == node.start_mark.line else offset + 2
    else:
        sequence, offset = _sequence_indent(node, text)
    return Style(mapping or CANONICAL.mapping, sequence or CANONICAL.sequence,
                 offset if sequence else CANONICAL.offset, newline)


def _children(node: Node) -> list[tuple[Node | None, Node]]:
    if isinstance(node, MappingNode):
        return list(node.value)
    if isinstance(node, SequenceNode):
        return [(None, item) for item in node.value]
    return []


def _mapping_indent(node: Node) -> int | None:
    for key, value in _children(node):
        if key is not None and isinstance(value, MappingNode) and not value.flow_style \
                and value.value and value.start_mark.line > key.start_mark.line:
            return int(value.start_mark.column - key.start_mark.column)
        found = _mapping_indent(value)
        if found:
            return found
    return None


def _sequence_indent(node: Node, text: str) -> tuple[int | None, int]:
    """(indent of an item's content under its key, offset of its ``-``)."""
    for key, value in _children(node):
        if key is not None and isinstance(value, SequenceNode) and not value.flow_style \
                and value.value and value.start_mark.line > key.start_mark.line:
            dash = value.start_mark.column - key.start_mark.column
            item = value.value[0]
            content = item.start_mark.column - key.start_mark.column
            if item.start_mark.line != value.start_mark.line:
                content = dash + 2
            return int(max(content, dash + 2)), int(dash)
        found = _sequence_indent(value, text)
        if found[0]:
            return found
    return None, 0


_TRAILING = re.compile(r"[ \t]+$", re.MULTILINE)


def dump(data: Any, style: Style = CANONICAL) -> str:
    """The data as YAML text in ``style`` (comments and quotes come with ruamel's data)."""
    out = io.StringIO()
    _yaml(style).dump(data, out)
    text = out.getvalue().replace("\r\n", "\n")
    return text.replace("\n", style.newline) if style.newline != "\n" else text


def roundtrip(text: str) -> str:
    """Load and dump in the file's own style: the identity for files kplan can keep."""
    return dump(load(text), detect_style(text))


_HEAD_LINE = re.compile(r"(?:[ \t]*(?:#.*)?|%.*|---(?:[ \t]+#.*)?[ \t]*)\Z")
_END_LINE = re.compile(r"\.\.\.(?:[ \t].*)?\Z")


def canonical(text: str) -> str:
    """The text in kplan's style: 2-space indent, lists indented under their key, LF,
    a final newline, no trailing spaces (outside block scalars: those are content).

    Only the document between its header (comments, directives, ``---``) and its end
    (``...`` and what follows) is restyled; both are kept as they are. Where restyling
    would lose a comment (ruamel drops one inside a flow list), the file keeps its
    layout and only its line endings and trailing spaces are tidied.
    """
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    head, body, tail = _split_document(text)
    try:
        styled = _tidy(head) + _canonical_body(body) + _tidy(tail)
    except RoundTripError:
        return _tidy(text)
    return styled if comments(styled) == comments(text) else _tidy(text)


def _split_document(text: str) -> tuple[str, str, str]:
    """(header lines, the document, from its ``...`` line to the end)."""
    lines = text.splitlines(keepends=True)
    start = 0
    while start < len(lines) and _HEAD_LINE.match(lines[start].rstrip("\n")):
        start += 1
    end = next((i for i in range(start, len(lines)) if _END_LINE.match(lines[i].rstrip("\n"))),
               len(lines))
    return "".join(lines[:start]), "".join(lines[start:end]), "".join(lines[end:])


def _canonical_body(body: str) -> str:
    data = load(body)
    if not isinstance(data, dict | list):
        return _tidy(body)  # ruamel would add a document end after a lone scalar
    dumped = dump(data, CANONICAL)
    stripped = _TRAILING.sub("", dumped)
    if stripped != dumped and plain_data(load(stripped)) != plain_data(data):
        return dumped
    return stripped


def _tidy(text: str) -> str:
    """Trailing spaces off every line (where they are not content) and a final newline."""
    stripped = _TRAILING.sub("", text)
    if stripped != text:
        try:
            same = plain_data(load(stripped)) == plain_data(load(text))
        except RoundTripError:
            same = False
        stripped = stripped if same else text
    return stripped if not stripped or stripped.endswith("\n") else stripped + "\n"


def comments(text: str) -> list[str]:
    """The text's comments in order, each without the spaces around it."""
    found: list[str] = []
    if "#" not in text:
        return found
    position = 0
    try:
        for token in yaml.scan(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            start, end = token.start_mark.index, token.end_mark.index
            found += _comments_in(text[position:start])
            if isinstance(token, yaml.ScalarToken) and token.style in ("|", ">"):
                header = text[start:end].split("\n", 1)[0]
                found += _comments_in(header[header.find("#"):] if " #" in header else "")
            position = max(position, end)
    except yaml.YAMLError:
        return found
    return found + _comments_in(text[position:])


def _comments_in(gap: str) -> list[str]:
    """The comments in text between tokens (only spaces, line breaks and comments)."""
    return [line[line.index("#"):].rstrip() for line in gap.split("\n") if "#" in line]


def plain_data(data: Any) -> Any:
    """ruamel's data as plain dicts, lists, str, int, float, bool and None."""
    if isinstance(data, dict):
        return {plain_data(k): plain_data(v) for k, v in data.items()}
    if isinstance(data, list):
        return [plain_data(item) for item in data]
    if isinstance(data, bool) or data is None:
        return data
    if isinstance(data, int):
        return int(data)
    if isinstance(data, float):
        return float(data)
    return str(data)
