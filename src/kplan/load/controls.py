"""KP215: control characters in the plan's text values, at the character's own column.

YAML lets a double-quoted value write any character as an escape (``"\\e[2J"``, ``"\\a"``),
so a title can carry what clears a terminal or renames its window. Every C0 and C1 control
and DEL is an error in a value or a key. Only the free texts of several lines (a meeting's
``notes``, an evaluation's ``comment``, a milestone's ``note``) may hold line feeds and
tabs; in any other value a line break is allowed only at the very end (where a block
scalar ``|`` or ``>`` ends). Outputs show such characters as stand-ins anyway
(``kplan.visible``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from kplan.diagnostics import Diagnostic, Loc
from kplan.diagnostics.codes import diag
from kplan.yamlio import Document, Position, control_position

MULTILINE_FIELDS = frozenset({"notes", "comment", "note"})
"""The fields whose text may span lines (DATA.md shows ``notes: |``)."""
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x09: "TAB", 0x0A: "LF", 0x0B: "VT",
          0x0C: "FF", 0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL", 0x85: "NEL", 0x9B: "CSI"}
_ADVICE = {
    "\n": {"cs": "Pole „{field}“ je jednořádkové: napište text na jeden řádek (víc řádků "
                  "smějí mít jen notes, comment a note).",
           "en": "'{field}' is a one-line field: write the text on one line (only notes, "
                 "comment and note may span lines)."},
    "\t": {"cs": "Pole „{field}“ je jednořádkové: nahraďte tabulátor mezerou (tabulátor "
                  "smějí mít jen notes, comment a note).",
           "en": "'{field}' is a one-line field: replace the tab with a space (only notes, "
                 "comment and note may hold tabs)."},
}
_DELETE = {"cs": "Smažte ho; v textu v uvozovkách bývá zapsán jako \\e, \\a, \\x1b nebo "
                 "\\u001b. Řídicí znaky umějí v terminálu smazat obrazovku nebo přejmenovat "
                 "okno a v CI přidat příkaz.",
           "en": "Delete it; in a quoted text it is written as \\e, \\a, \\x1b or \\u001b. "
                 "Control characters can clear a terminal or rename its window, and add a "
                 "command in CI."}


def control_diagnostics(document: Document, source: Callable[[], str]) -> list[Diagnostic]:
    """One KP215 for each value (or key) that holds a forbidden control character, at the
    first such character; ``source`` gives the file's text, read only when one is found."""
    found = list(_offending(document.data, ())) if document.unprintable else []
    if not found or document.root is None:
        return []
    text = source()
    problems = []
    for loc, is_key, value, index in found:
        position = control_position(text, document.root, loc, is_key, index) or Position(0, 0)
        problems.append(_diagnostic(document.file, loc, is_key, value[index], position))
    return problems


def _offending(data: Any, loc: Loc) -> Iterator[tuple[Loc, bool, str, int]]:
    if isinstance(data, str):
        index = _first_forbidden(data, _multiline(loc))
        if index is not None:
            yield loc, False, data, index
    elif isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str):
                index = _first_forbidden(key, False)
                if index is not None:
                    yield (*loc, key), True, key, index
            yield from _offending(value, (*loc, key))
    elif isinstance(data, list):
        for number, item in enumerate(data):
            yield from _offending(item, (*loc, number))


def _multiline(loc: Loc) -> bool:
    names = [step for step in loc if isinstance(step, str)]
    return bool(names) and names[-1] in MULTILINE_FIELDS


def _first_forbidden(text: str, multiline: bool) -> int | None:
    if _CONTROL.search(text) is None:
        return None
    body = text.rstrip("\n")
    for index, character in enumerate(body):
        if _CONTROL.match(character) and not (multiline and character in "\t\n"):
            return index
    return None


def char_name(character: str) -> str:
    """``U+001B (ESC)``."""
    code = ord(character)
    name = _NAMES.get(code)
    return f"U+{code:04X} ({name})" if name else f"U+{code:04X}"


def _diagnostic(file: str, loc: Loc, is_key: bool, character: str,
                position: Position) -> Diagnostic:
    names = [str(step) for step in loc if isinstance(step, str)]
    field = names[-1] if names else "(soubor)"
    advice = {lang: text.format(field=field) for lang, text in
              _ADVICE.get(character.replace("\r", "\n"), _DELETE).items()}
    return diag(file, "KP215", loc, part="key" if is_key else "value", line=position.line,
                column=position.column, field=field, char=char_name(character), advice=advice)
