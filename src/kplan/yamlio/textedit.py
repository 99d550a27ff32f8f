"""Surgical changes to a YAML file's text: only the changed lines differ afterwards.

A change is a list of operations on the document (set a key of a mapping to a scalar or a
list of scalars, append a scalar or a mapping of scalars to a list). They are applied to
the text at the places ruamel's round-trip parser finds, so every untouched line stays
byte for byte. The result is read back on the fast path and compared with the data the
operations should give; when a layout defeats the surgical edit (a flow mapping that needs
a list, say), the change is made through ruamel's round-trip load and dump instead, and
checked the same way. A change that cannot be made either way raises ``TextEditError``.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from kplan.yamlio import BOM, parse_text, plain_scalar
from kplan.yamlio.roundtrip import (
    MappingNode,
    Node,
    RoundTripError,
    ScalarNode,
    SequenceNode,
    compose,
    detect_style,
    dump,
    load,
    newline_of,
)

Scalar = str | int | float | bool | None
FlowMap = dict[str, Scalar]
"""A small mapping of scalars, written in flow style: ``{SMO: 50000, MPSV: 20000}``."""
Item = dict[str, Scalar | FlowMap] | Scalar
DocPath = tuple[str | int, ...]

__all__ = ["AppendItem", "DocPath", "Op", "Scalar", "SetKey", "TextEditError", "apply_ops",
           "edit_text", "render_scalar"]


class TextEditError(Exception):
    """The change cannot be made to this text."""


@dataclass(frozen=True, slots=True)
class SetKey:
    """Set ``key`` of the mapping at ``path`` to a scalar or a list of scalars (added at
    its end when missing)."""

    path: DocPath
    key: str
    value: Scalar | list[Scalar] | FlowMap


@dataclass(frozen=True, slots=True)
class AppendItem:
    """Append a mapping of scalars, or a scalar, to the list ``key`` of the mapping at
    ``path``."""

    path: DocPath
    key: str
    item: Item = field(default_factory=dict)


Op = SetKey | AppendItem


# --- the intended data ------------------------------------------------------------------------

def apply_ops(data: Any, ops: Sequence[Op]) -> Any:
    """What the document's data should be after the operations (a changed copy)."""
    result = copy.deepcopy(data)
    _apply_to(result, ops, copy.deepcopy, copy.deepcopy, list)
    return result


def _apply_to(data: Any, ops: Sequence[Op], value: Callable[[Any], Any],
              item: Callable[[Any], Any], make_list: Callable[[], list[Any]]) -> None:
    """The operations done on ``data`` in place; new values, items and lists made by the
    makers (plain copies, or ruamel's nodes that keep comments and flow style)."""
    for op in ops:
        mapping = _walk(data, op.path)
        if isinstance(op, SetKey):
            mapping[op.key] = value(op.value)
        else:
            items = mapping.get(op.key)
            if not isinstance(items, list):
                items = mapping[op.key] = make_list()
            items.append(item(op.item))


def _walk(data: Any, path: DocPath) -> Any:
    for step in path:
        data = data[step]
    if not isinstance(data, dict):
        raise TextEditError(f"not a mapping at {'/'.join(map(str, path))}")
    return data


# --- scalars ------------------------------------------------------------------------------------

_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW = frozenset(",[]{}")
_DOTTED_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)+")


def render_scalar(value: Scalar, flow: bool = False) -> str:
    """The value as a YAML scalar: plain when it reads back the same, else double-quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    if _plain_ok(text, flow):
        return text
    return json.dumps(text, ensure_ascii=False)


def _plain_ok(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or "\n" in text or "\r" in text or "\t" in text:
        return False
    if text[0] in _INDICATORS or ": " in text or " #" in text or text.endswith(":"):
        return False
    if flow and any(ch in _FLOW for ch in text):
        return False
    if _DOTTED_NUMBER.fullmatch(text):
        return False  # an activity number: always quoted, as the data files have it
    if plain_scalar(text) != text:
        return False
    document = parse_text(f"k: {text}\n", "-", [])
    return document is not None and document.data == {"k": text}


# --- editing text -------------------------------------------------------------------------------

def edit_text(text: str, ops: Sequence[Op]) -> str:
    """The text with the operations applied, surgically where possible."""
    bom = BOM if text.startswith(BOM) else ""
    body = text[len(bom):]
    before = _fast_data(body)
    if before is None:
        raise TextEditError("the file does not parse")
    wanted = apply_ops(before, ops)
    try:
        changed = body
        for op in ops:
            changed = _apply(changed, op)
        if _fast_data(changed) == wanted:
            return bom + changed
    except (TextEditError, RoundTripError, ValueError):
        pass
    changed = _through_ruamel(body, ops)
    if _fast_data(changed) != wanted:
        raise TextEditError("the change does not give the intended data")
    return bom + changed


def _fast_data(text: str) -> Any:
    document = parse_text(text, "-", [])
    return None if document is None else document.data


def _through_ruamel(text: str, ops: Sequence[Op]) -> str:
    from ruamel.yaml.comments import CommentedSeq

    try:
        data = load(text)
    except RoundTripError as error:
        raise TextEditError(str(error)) from None
    _apply_to(data, ops, _ruamel_value, _ruamel_item, CommentedSeq)
    return dump(data, detect_style(text))


def _ruamel_item(item: Item) -> Any:
    from ruamel.yaml.comments import CommentedMap

    return CommentedMap({k: _ruamel_value(v) for k, v in item.items()}) \
        if isinstance(item, dict) else item


def _ruamel_value(value: Scalar | list[Scalar] | FlowMap) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, list):
        return CommentedSeq(value)
    if isinstance(value, dict):
        mapping = CommentedMap(value)
        mapping.fa.set_flow_style()
        return mapping
    return value


def _apply(text: str, op: Op) -> str:
    root = compose(text)
    mapping = _node_at(root, op.path)
    if isinstance(op, SetKey):
        return _set_key(text, mapping, op)
    return _append_item(text, root, mapping, op)


def _node_at(root: Node, path: DocPath) -> MappingNode:
    node = root
    for step in path:
        if isinstance(node, MappingNode):
            found = _value_of(node, str(step))
            if found is None:
                raise TextEditError(f"no key {step}")
            node = found[1]
        elif isinstance(node, SequenceNode) and isinstance(step, int):
            node = node.value[step]
        else:
            raise TextEditError(f"cannot step into {step}")
    if not isinstance(node, MappingNode):
        raise TextEditError("not a mapping")
    return node


def _value_of(mapping: MappingNode, key: str) -> tuple[Node, Node] | None:
    for key_node, value_node in mapping.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            return key_node, value_node
    return None


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and not node.style and \
        node.value in ("", "~", "null", "Null", "NULL")


def _rendered(value: Scalar | list[Scalar] | FlowMap, flow: bool) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(render_scalar(v, flow=True) for v in value) + "]"
    if isinstance(value, dict):
        return _flow_map(value)
    return render_scalar(value, flow=flow)


def _flow_map(value: FlowMap) -> str:
    return "{" + ", ".join(f"{render_scalar(k, flow=True)}: {render_scalar(v, flow=True)}"
                           for k, v in value.items()) + "}"


def _set_key(text: str, mapping: MappingNode, op: SetKey) -> str:
    rendered = _rendered(op.value, bool(mapping.flow_style))
    found = _value_of(mapping, op.key)
    if found is None:
        return _add_key(text, mapping, f"{op.key}: {rendered}")
    key_node, value_node = found
    if isinstance(value_node, SequenceNode) and isinstance(op.value, list):
        return _set_list(text, key_node, value_node, op.value, rendered)
    if isinstance(value_node, MappingNode) and value_node.flow_style:
        return text[:value_node.start_mark.index] + rendered + text[value_node.end_mark.index:]
    if not isinstance(value_node, ScalarNode):
        raise TextEditError(f"{op.key} is not a scalar")
    start, end = value_node.start_mark.index, value_node.end_mark.index
    if value_node.value == "" and not value_node.style:
        colon = text.index(":", key_node.end_mark.index) + 1
        return text[:colon] + " " + rendered + text[colon:]
    if value_node.style in ("|", ">"):
        block = text[start:end]
        return text[:start] + rendered + block[len(block.rstrip("\r\n")):] + text[end:]
    return text[:start] + rendered + text[end:]


def _set_list(text: str, key_node: Node, value_node: SequenceNode, values: list[Scalar],
              rendered: str) -> str:
    """A flow list in place of a flow list; a block list item for item in place of one."""
    start, end = value_node.start_mark.index, value_node.end_mark.index
    if value_node.flow_style or not value_node.value:
        return text[:start] + rendered + text[end:]
    if not values:
        raise TextEditError("an empty list in place of a block list")
    line_start = text.rfind("\n", 0, start) + 1
    column = value_node.start_mark.column
    lines = [" " * column + "- " + render_scalar(v) for v in values]
    return _insert_lines(text[:line_start], line_start, lines) + text[_line_after(text,
                                                                                 value_node):]


def _add_key(text: str, mapping: MappingNode, line: str) -> str:
    if mapping.flow_style or not mapping.value:
        close = text.rindex("}", 0, mapping.end_mark.index)
        head = text[:close].rstrip()
        separator = ", " if mapping.value else ""
        return head + separator + line + text[close:]
    indent = mapping.value[0][0].start_mark.column
    return _insert_lines(text, _line_after(text, mapping), [" " * indent + line])


def _append_item(text: str, root: Node, mapping: MappingNode, op: AppendItem) -> str:
    if mapping.flow_style:
        raise TextEditError("a flow mapping")
    offset = detect_style(text, root).offset
    found = _value_of(mapping, op.key)
    if found is None:
        indent = mapping.value[0][0].start_mark.column
        lines = [" " * indent + f"{op.key}:", *_item_lines(op.item, indent + offset)]
        return _insert_lines(text, _line_after(text, mapping), lines)
    key_node, value_node = found
    if isinstance(value_node, SequenceNode) and not value_node.flow_style and value_node.value:
        lines = _item_lines(op.item, value_node.start_mark.column)
        return _insert_lines(text, _line_after(text, value_node), lines)
    empty_flow = isinstance(value_node, SequenceNode) and value_node.flow_style and \
        not value_node.value
    if not (empty_flow or _is_null(value_node)):
        if isinstance(value_node, SequenceNode) and value_node.flow_style:
            return _append_flow(text, value_node, _flow_item(op.item))
        raise TextEditError(f"{op.key} is not a list")
    start, end = value_node.start_mark.index, value_node.end_mark.index
    if value_node.value == "" and not isinstance(value_node, SequenceNode):
        start = end = text.index(":", key_node.end_mark.index) + 1
    while start > 0 and text[start - 1] == " ":
        start -= 1
    text = text[:start] + text[end:]
    line_end = text.find("\n", start)
    position = len(text) if line_end < 0 else line_end + 1
    lines = _item_lines(op.item, key_node.start_mark.column + offset)
    return _insert_lines(text, position, lines)


def _append_flow(text: str, sequence: SequenceNode, item: str) -> str:
    """After the last item of a flow list; in a list written over several lines, on a line
    of its own under the last item, keeping the comments and a trailing comma."""
    last = sequence.value[-1]
    end = int(last.end_mark.index)
    close = text.rindex("]", 0, sequence.end_mark.index)
    if "\n" not in text[end:close]:
        return text[:end] + ", " + item + text[end:]
    line_end = text.index("\n", end)
    trailing_comma = text[end:line_end].lstrip().startswith(",")
    if not trailing_comma and "," in _without_comments(text[line_end:close]):
        raise TextEditError("a comma on a line of its own")
    line = " " * int(last.start_mark.column) + item + ("," if trailing_comma else "")
    return (text[:end] + ("" if trailing_comma else ",") + text[end:line_end + 1] + line
            + newline_of(text) + text[line_end + 1:])


def _without_comments(text: str) -> str:
    return "\n".join(line.split("#", 1)[0] for line in text.split("\n"))


def _item_lines(item: Item, column: int) -> list[str]:
    if not isinstance(item, dict):
        return [" " * column + "- " + render_scalar(item)]
    lines = []
    for index, (key, value) in enumerate(item.items()):
        lead = " " * column + "- " if index == 0 else " " * (column + 2)
        shown = _flow_map(value) if isinstance(value, dict) else render_scalar(value)
        lines.append(f"{lead}{key}: {shown}")
    return lines


def _flow_item(item: Item) -> str:
    if not isinstance(item, dict):
        return render_scalar(item, flow=True)
    return "{" + ", ".join(f"{k}: {_flow_value(v)}" for k, v in item.items()) + "}"


def _flow_value(value: Scalar | FlowMap) -> str:
    return _flow_map(value) if isinstance(value, dict) else render_scalar(value, flow=True)


def _last_leaf(node: Node) -> tuple[Node | None, Node]:
    """The node whose end is the end of ``node``'s text, with its key when it has one."""
    key: Node | None = None
    while not getattr(node, "flow_style", False):
        if isinstance(node, MappingNode) and node.value:
            key, node = node.value[-1]
        elif isinstance(node, SequenceNode) and node.value:
            key, node = None, node.value[-1]
        else:
            break
    return key, node


def _line_after(text: str, node: Node) -> int:
    """Where the line after the node's last line starts."""
    key, leaf = _last_leaf(node)
    if key is not None and isinstance(leaf, ScalarNode) and leaf.value == "" and not leaf.style:
        index = key.end_mark.index  # an empty value: its mark lies at the next token
    else:
        index = leaf.end_mark.index
        if index > 0 and text[index - 1] == "\n":
            return int(index)
    line_end = text.find("\n", index)
    return len(text) if line_end < 0 else line_end + 1


def _insert_lines(text: str, position: int, lines: list[str]) -> str:
    newline = newline_of(text)
    head = text[:position]
    if head and not head.endswith("\n"):
        head += newline
    return head + "".join(line + newline for line in lines) + text[position:]
