"""The fast read path: libyaml with positions.

It parses with libyaml (PyYAML's C parser), builds plain Python data from
the node tree itself so that it can apply YAML 1.2 core scalars (no ``yes``/``no``
booleans, no sexagesimal ``9:30``, dates stay text for the model to check), refuse
duplicate keys, anchors, aliases, deep nesting, oversized files and overlong values, and
keep the node tree so that a problem found later can be given its line and column.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kplan.diagnostics import Diagnostic, Loc
from kplan.diagnostics.codes import diag
from kplan.diagnostics.suppress import MARKER, Suppressions, parse_suppressions
from kplan.limits import MAX_FILE_BYTES, MAX_STRING_CHARS
from kplan.plan.reader import RawFile, os_reason, read_source
from kplan.yamlio.mistakes import find_mistake, tab_indent

__all__ = ["BOM", "MAX_DEPTH", "MAX_FILE_BYTES", "Document", "Node", "Position", "RawFile",
           "decode", "node_at", "node_kind", "os_reason", "parse_bytes", "parse_text",
           "plain_scalar", "position_of", "read_document", "scalar_source",
           "source_lines", "text_lines"]

MAX_DEPTH = 64
BOM = "\ufeff"


_PLAIN_TAG = "tag:kplan,2024:plain"
_STR_TAG = "tag:yaml.org,2002:str"


class _ComposeOnly(yaml.CSafeLoader):
    """libyaml's parser that tags every untagged plain scalar as plain: kplan resolves those
    itself, and a scalar the file tags ``!!str`` stays text."""

    yaml_implicit_resolvers: dict[Any, Any] = {  # noqa: RUF012 (PyYAML's class attribute)
        None: [(_PLAIN_TAG, re.compile(""))]}


@dataclass(frozen=True, slots=True)
class Position:
    line: int
    column: int


@dataclass(slots=True)
class Document:
    """One YAML file as data, with the node tree to find positions in."""

    file: str
    data: Any
    root: Node | None
    suppressions: Suppressions | None = None
    """The file's ``# kplan: disable=`` comments, when it has any."""
    unprintable: bool = False
    """Some key or value holds a character that is not printable (a control character, a
    line feed, a tab): only then is it worth looking for KP215."""


# --- YAML 1.2 core scalars, as ruamel.yaml's round-trip loader reads them ------------------

_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False,
          "FALSE": False}
_INT = re.compile(r"[-+]?[0-9_]+\Z")
_INT_OCT = re.compile(r"[-+]?0o[0-7_]+\Z")
_INT_HEX = re.compile(r"[-+]?0x[0-9a-fA-F_]+\Z")
_FLOAT = re.compile(r"[-+]?(?:[0-9][0-9_]*)(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?\Z"
                    r"|\.[0-9_]+(?:[eE][-+][0-9]+)?\Z")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)\Z")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)\Z")
_NUMBER_START = frozenset("0123456789+-.")


def plain_scalar(text: str) -> Any:
    """The value of an unquoted scalar under the YAML 1.2 core schema."""
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if text[0] not in _NUMBER_START:
        return text
    if _INT.match(text) and any(ch.isdigit() for ch in text):
        return _integer(text.replace("_", ""), 10)
    if _INT_OCT.match(text):
        return _integer(text.replace("_", "").replace("0o", ""), 8)
    if _INT_HEX.match(text):
        return _integer(text.replace("_", ""), 16)
    if _FLOAT.match(text) and any(ch.isdigit() for ch in text):
        return float(text.replace("_", ""))
    if _INF.match(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN.match(text):
        return math.nan
    return text


_MAX_INT_DIGITS = 3_000
"""Python refuses to read or write an int of more than 4,300 decimal digits."""


def _integer(text: str, base: int) -> int | float:
    """The whole number, or an infinity for one too long to be any count or amount (the
    model then reports it as out of range, KP214)."""
    infinite = -math.inf if text.startswith("-") else math.inf
    return infinite if len(text) > _MAX_INT_DIGITS else int(text, base)


def is_plain(node: ScalarNode) -> bool:
    """Unquoted and not tagged ``!!str``: its value follows the YAML 1.2 core schema."""
    return not node.style and node.tag != _STR_TAG


# --- reading ---------------------------------------------------------------------------------

class _DataError(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.code)
        self.diagnostic = diagnostic


def read_document(path: Path, file: str) -> tuple[Document | None, list[Diagnostic]]:
    """Read one YAML file. Never raises on bad data: problems come back as diagnostics."""
    diagnostics: list[Diagnostic] = []
    raw = read_source(path, file, diagnostics)
    if raw is None:
        return None, diagnostics
    return parse_bytes(raw.data, file, diagnostics), diagnostics


def parse_bytes(data: bytes, file: str, diagnostics: list[Diagnostic]) -> Document | None:
    text = decode(data, file, diagnostics)
    return None if text is None else parse_text(text, file, diagnostics)


def decode(raw: bytes, file: str, diagnostics: list[Diagnostic]) -> str | None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _byte_position(raw, error.start)
        diagnostics.append(diag(file, "KP105", line=line, column=column,
                                byte=raw[error.start]))
        return None
    if text.startswith(BOM):
        diagnostics.append(diag(file, "KP112", line=1, column=1))
        text = text[1:]
    return text


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    line = raw.count(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, column


def parse_text(text: str, file: str, diagnostics: list[Diagnostic]) -> Document | None:
    """Parse YAML text into a document; syntax and YAML-level problems become diagnostics."""
    if _needs_event_scan(text):
        problems = list(_scan_events(text, file))
        if problems:
            diagnostics.extend(problems)
            return None
    try:
        root = yaml.compose(text, Loader=_ComposeOnly)
    except yaml.MarkedYAMLError as error:
        diagnostics.append(_syntax_diagnostic(error, text, file))
        return None
    except yaml.reader.ReaderError as error:
        diagnostics.append(_reader_diagnostic(error, text, file))
        return None
    except yaml.YAMLError as error:
        diagnostics.append(diag(file, "KP101", line=1, column=1, problem=str(error)))
        return None
    if root is None:
        diagnostics.append(diag(file, "KP107", line=1, column=1))
        return None
    try:
        unprintable: list[str] = []
        data = _build(root, file, 0, unprintable)
    except _DataError as error:
        diagnostics.append(error.diagnostic)
        return None
    suppressions = parse_suppressions(file, text.splitlines()) if MARKER in text else None
    return Document(file=file, data=data, root=root, suppressions=suppressions,
                    unprintable=bool(unprintable))


_DEEP_BLOCK = re.compile(rf"^[ \-?:]{{{MAX_DEPTH},}}", re.MULTILINE)


def _needs_event_scan(text: str) -> bool:
    """Anchors, aliases and deep nesting need the event stream; most files have none.

    Every level of nesting costs at least one character: a bracket, or a leading space,
    ``-`` or ``?``. Text with few of those cannot nest deeply, and skips the scan; the
    scan must come before composing, whose recursion in C would overflow the stack.
    """
    return ("&" in text or "*" in text or text.count("[") + text.count("{") > MAX_DEPTH
            or _DEEP_BLOCK.search(text) is not None)


def _scan_events(text: str, file: str) -> Iterator[Diagnostic]:
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_ComposeOnly):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                yield _at_mark(diag(file, "KP103"), event.start_mark)
                return
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    yield _at_mark(diag(file, "KP108", limit=MAX_DEPTH), event.start_mark)
                    return
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return  # the composer reports the syntax error with its place


def _at_mark(diagnostic: Diagnostic, mark: Any) -> Diagnostic:
    return diagnostic.at(mark.line + 1, mark.column + 1)


_LIBYAML_PROBLEMS_CS = {
    "mapping values are not allowed in this context": "dvojtečka na místě, kde ji YAML nečeká "
    "(text s dvojtečkou dejte do uvozovek)",
    "could not find expected ':'": "chybí dvojtečka za názvem pole",
    "did not find expected key": "očekává se další pole se stejným odsazením",
    "did not find expected '-' indicator": "očekává se další položka seznamu („- “)",
    "found character that cannot start any token": "znak, kterým nemůže začínat hodnota "
    "(text s @ nebo ` dejte do uvozovek)",
    "found unexpected end of stream": "soubor končí uprostřed hodnoty (chybí uzavírací "
    "uvozovka nebo závorka)",
    "did not find expected ',' or ']'": "v seznamu v hranatých závorkách chybí čárka nebo ]",
    "did not find expected ',' or '}'": "ve složených závorkách chybí čárka nebo }",
    "found undefined tag handle": "neznámý tag (!…)",
    "block sequence entries are not allowed in this context": "položka seznamu („- “) na "
    "místě, kde ji YAML nečeká",
}


def _syntax_diagnostic(error: yaml.MarkedYAMLError, text: str, file: str) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    problem = error.problem or "syntax error"
    if "expected a single document" in str(error.context or "") + problem:
        return diag(file, "KP111", line=line, column=column)
    tab = _tab_near(text, line, column)
    if tab:
        return _tab_diagnostic(text, file, *tab)
    mistake = find_mistake(error, text, _ComposeOnly)
    if mistake:
        return diag(file, "KP101", line=mistake.line, column=mistake.column,
                    problem=mistake.problem, advice=mistake.advice)
    line, column = _within_text(text, line, column)
    czech = _LIBYAML_PROBLEMS_CS.get(problem, problem)
    return diag(file, "KP101", line=line, column=column,
                problem={"cs": czech, "en": problem})


_SPACES_CS = {1: "jednou mezerou", 2: "dvěma mezerami", 3: "třemi mezerami",
              4: "čtyřmi mezerami", 5: "pěti mezerami", 6: "šesti mezerami",
              8: "osmi mezerami", 10: "deseti mezerami", 12: "dvanácti mezerami"}


def _tab_diagnostic(text: str, file: str, line: int, column: int) -> Diagnostic:
    count = tab_indent(text.split("\n"), line)
    spaces = {"cs": _SPACES_CS.get(count, f"{count} mezerami"),
              "en": "one space" if count == 1 else f"{count} spaces"}
    return diag(file, "KP106", line=line, column=column, spaces=spaces)


def _within_text(text: str, line: int, column: int) -> tuple[int, int]:
    """A mark past the last line (the end of the stream) moved to the end of the last line."""
    lines = text.split("\n")
    while len(lines) > 1 and not lines[-1].strip():
        lines.pop()
    if line <= len(lines):
        return line, column
    return len(lines), len(lines[-1]) + 1


def _reader_diagnostic(error: yaml.reader.ReaderError, text: str, file: str) -> Diagnostic:
    """A character YAML does not allow in a file (a control character, say)."""
    offset = min(max(error.position, 0), len(text))
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    code = f"U+{error.character:04X}" if isinstance(error.character, int) else "?"
    return diag(file, "KP101", line=line, column=column,
                problem={"cs": f"nepovolený řídicí znak {code}; smažte ho",
                         "en": f"the control character {code} is not allowed; delete it"})


def _tab_near(text: str, line: int, column: int) -> tuple[int, int] | None:
    """A tab in the indentation of the error's line or the line before it."""
    lines = text.split("\n")
    for number in (line, line - 1):
        if 1 <= number <= len(lines):
            content = lines[number - 1]
            indent = content[: len(content) - len(content.lstrip(" \t"))]
            if "\t" in indent:
                return number, indent.index("\t") + 1
    return None


def _build(node: Node, file: str, depth: int, unprintable: list[str]) -> Any:
    """The data of ``node``; scalars that are not printable are added to ``unprintable``."""
    if depth > MAX_DEPTH:
        raise _DataError(_at_mark(diag(file, "KP108", limit=MAX_DEPTH), node.start_mark))
    if isinstance(node, ScalarNode):
        if len(node.value) > MAX_STRING_CHARS:
            raise _DataError(_at_mark(diag(file, "KP117", length=len(node.value),
                                           limit=MAX_STRING_CHARS), node.start_mark))
        if not node.value.isprintable():
            unprintable.append(node.value)
        return plain_scalar(node.value) if is_plain(node) else node.value
    if isinstance(node, SequenceNode):
        return [_build(item, file, depth + 1, unprintable) for item in node.value]
    assert isinstance(node, MappingNode)
    return _build_mapping(node, file, depth, unprintable)


def _build_mapping(node: MappingNode, file: str, depth: int,
                   unprintable: list[str]) -> dict[Any, Any]:
    result: dict[Any, Any] = {}
    first_lines: dict[Any, int] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            raise _DataError(_at_mark(
                diag(file, "KP101", problem={"cs": "název pole musí být text", "en":
                                             "a key must be text"}), key_node.start_mark))
        key = _build(key_node, file, depth + 1, unprintable)
        if key in result:
            raise _DataError(_at_mark(diag(file, "KP102", key=key_node.value,
                                           first_line=first_lines[key]), key_node.start_mark))
        first_lines[key] = key_node.start_mark.line + 1
        result[key] = _build(value_node, file, depth + 1, unprintable)
    return result


# --- positions -------------------------------------------------------------------------------

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


def source_lines(root: Path, file: str) -> list[str]:
    """A plan file's lines, for showing a diagnostic in context.

    Empty when the file is unreadable, too large, or (through a link) outside the plan:
    a diagnostic must never show the content of a file kplan refused to read.
    """
    try:
        real = (root / file).resolve()
        if not real.is_relative_to(root.resolve()):
            return []
    except (OSError, RuntimeError):
        return []
    raw = read_source(real, file, [])
    return text_lines(raw.data) if raw is not None else []


def text_lines(data: bytes) -> list[str]:
    """A file's lines as a diagnostic's line number counts them."""
    return data.decode("utf-8", errors="replace").lstrip(BOM).splitlines()
