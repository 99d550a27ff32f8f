"""The fast read path: libyaml with positions.

It parses with libyaml (PyYAML's C parser), builds plain Python data from
the node tree itself (``build``) so that it can apply YAML 1.2 core scalars (``scalars``),
refuse duplicate keys, anchors, aliases, deep nesting, oversized files and overlong values,
and keep the node tree so that a problem found later can be given its line and column
(``positions``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml._yaml import CParser
from yaml.events import Event
from yaml.nodes import Node, ScalarNode, SequenceNode

from kplan.diagnostics import Diagnostic
from kplan.diagnostics.codes import diag
from kplan.diagnostics.suppress import MARKER, Suppressions, parse_suppressions
from kplan.limits import MAX_FILE_BYTES
from kplan.plan.reader import RawFile, os_reason, read_source
from kplan.yamlio.build import MAX_DEPTH, DataError, at_mark, build, build_placed
from kplan.yamlio.mistakes import find_mistake, tab_indent
from kplan.yamlio.places import Places, Spec, with_lines
from kplan.yamlio.scalars import PLAIN_TAG, STR_TAG

__all__ = ["BOM", "MAX_DEPTH", "MAX_FILE_BYTES", "Document", "Node", "RawFile", "decode",
           "os_reason", "parse_bytes", "parse_text", "read_document", "source_lines",
           "text_lines"]

BOM = "\ufeff"

_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"


class _ComposeOnly(CParser):
    """libyaml's parser that tags every untagged plain scalar as plain: kplan resolves those
    itself, and a scalar the file tags ``!!str`` stays text. It skips PyYAML's resolver,
    which would match patterns and walk paths in Python for every node."""

    def resolve(self, kind: type[Node], value: str | None, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            return PLAIN_TAG if implicit[0] else STR_TAG
        return _SEQ_TAG if kind is SequenceNode else _MAP_TAG

    def descend_resolver(self, current_node: Node | None, current_index: Any) -> None:
        return

    def ascend_resolver(self) -> None:
        return


def _compose(text: str) -> Node | None:
    parser = _ComposeOnly(text)
    try:
        return parser.get_single_node()
    finally:
        parser.dispose()


def compose_text(text: str) -> Node | None:
    """The node tree of one document (None when empty), its marks counting characters of
    ``text``; a text that does not parse raises ``yaml.YAMLError``."""
    return _compose(text)


def _events(text: str) -> Iterator[Event]:
    parser = _ComposeOnly(text)
    try:
        while (event := parser.get_event()) is not None:
            yield event
    finally:
        parser.dispose()


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
    places: Places | None = None
    """The places of the values the spec it was parsed with keeps (``kplan.yamlio.places``),
    found as its data was built."""


# --- reading ---------------------------------------------------------------------------------

def read_document(path: Path, file: str) -> tuple[Document | None, list[Diagnostic]]:
    """Read one YAML file. Never raises on bad data: problems come back as diagnostics."""
    diagnostics: list[Diagnostic] = []
    raw = read_source(path, file, diagnostics)
    if raw is None:
        return None, diagnostics
    return parse_bytes(raw.data, file, diagnostics), diagnostics


def parse_bytes(data: bytes, file: str, diagnostics: list[Diagnostic],
                places: Spec | None = None) -> Document | None:
    text = decode(data, file, diagnostics)
    return None if text is None else parse_text(text, file, diagnostics, places)


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


def parse_text(text: str, file: str, diagnostics: list[Diagnostic],
               places: Spec | None = None) -> Document | None:
    """Parse YAML text into a document; syntax and YAML-level problems become diagnostics.
    With ``places``, the document keeps the places this spec keeps."""
    if _needs_event_scan(text):
        problems = list(_scan_events(text, file))
        if problems:
            diagnostics.extend(problems)
            return None
    try:
        root = _compose(text)
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
    unprintable: list[str] = []
    try:
        if places is None:
            data, kept = build(root, file, 0, unprintable), None
        else:
            data, nodes = build_placed(root, file, unprintable, places)
            kept = with_lines(nodes, text.lstrip(BOM).splitlines())
    except DataError as error:
        diagnostics.append(error.diagnostic)
        return None
    suppressions = parse_suppressions(file, text.splitlines()) if MARKER in text else None
    return Document(file=file, data=data, root=root, suppressions=suppressions,
                    unprintable=bool(unprintable), places=kept)


_DEEP_BLOCK = re.compile(rf"\n[ \-?:]{{{MAX_DEPTH}}}")
"""A line that starts with ``MAX_DEPTH`` of these (after the first: ``_DEEP_FIRST``),
searched for by its line feed, faster than a pattern that starts at every line's start."""
_DEEP_FIRST = re.compile(rf"[ \-?:]{{{MAX_DEPTH}}}")


def _needs_event_scan(text: str) -> bool:
    """Anchors, aliases and deep nesting need the event stream; most files have none.

    Every level of nesting costs at least one character: a bracket, or a leading space,
    ``-`` or ``?``. Text with few of those cannot nest deeply, and skips the scan; the
    scan must come before composing, whose recursion in C would overflow the stack.
    """
    return ("&" in text or "*" in text or text.count("[") + text.count("{") > MAX_DEPTH
            or _DEEP_BLOCK.search(text) is not None or _DEEP_FIRST.match(text) is not None)


def _scan_events(text: str, file: str) -> Iterator[Diagnostic]:
    depth = 0
    try:
        for event in _events(text):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                yield at_mark(diag(file, "KP103"), event.start_mark)
                return
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    yield at_mark(diag(file, "KP108", limit=MAX_DEPTH), event.start_mark)
                    return
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return  # the composer reports the syntax error with its place


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
