"""Where a YAML syntax error starts, for the mistakes people make by hand.

libyaml reports a syntax error where it gives up, which is often lines below the mistake:
an unclosed quote swallows the lines after it, a dash without a space joins the item to the
one above, items under ``key: []`` are read as a second value. These functions look at the
text around libyaml's mark and name the place and the fix, or return None.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from typing import Any

import yaml

__all__ = ["Mistake", "find_mistake", "tab_indent"]


@dataclass(frozen=True, slots=True)
class Mistake:
    line: int
    column: int
    problem: dict[str, str]
    advice: dict[str, str]


_KEY_OR_ITEM = re.compile(r"\n[ \t]*(?:- |[^\s:#\"'][^:\n]*:(?:[ \t]|$))", re.MULTILINE)
_DASH_NO_SPACE = re.compile(r"^( *)-(?=[^\s\-0-9.])")
_EMPTY_COLLECTION = re.compile(r"^( *)(?:- )?([^\s:#][^:#]*?):[ \t]+(\[\]|\{\})[ \t]*(?:#.*)?$")


def find_mistake(error: yaml.MarkedYAMLError, text: str, loader: Any) -> Mistake | None:
    """The mistake that made libyaml fail, at the place where it starts."""
    line = error.problem_mark.line + 1 if error.problem_mark else 1
    lines = text.split("\n")
    return (_unclosed_quote(error, text, loader) or _unclosed_bracket(error)
            or _dash_without_space(lines, line) or _items_under_empty(lines, line))


_FLOW = {"while parsing a flow sequence": ("[", "]"), "while parsing a flow mapping": ("{", "}")}


def _unclosed_bracket(error: yaml.MarkedYAMLError) -> Mistake | None:
    """A ``[`` or ``{`` not closed on its line, found when libyaml reaches the next lines."""
    brackets = _FLOW.get(str(error.context))
    start, end = error.context_mark, error.problem_mark
    if brackets is None or start is None or end is None or start.line >= end.line:
        return None
    opening, closing = brackets
    return Mistake(start.line + 1, start.column + 1,
                   {"cs": f"závorka {opening} otevřená zde se na tomto řádku neuzavírá",
                    "en": f"the bracket {opening} opened here is not closed on its line"},
                   {"cs": f"Doplňte {closing} za poslední položku.",
                    "en": f"Add {closing} after the last item."})


def _unclosed_quote(error: yaml.MarkedYAMLError, text: str, loader: Any) -> Mistake | None:
    if error.context == "while scanning a quoted scalar" and error.context_mark is not None:
        return _quote_mistake(text, error.context_mark)
    for token in _tokens_until_error(text, loader):
        if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
            source = text[token.start_mark.index:token.end_mark.index]
            if _KEY_OR_ITEM.search(source):
                return _quote_mistake(text, token.start_mark)
    return None


def _tokens_until_error(text: str, loader: Any) -> list[Any]:
    tokens: list[Any] = []
    with contextlib.suppress(yaml.YAMLError):
        tokens.extend(yaml.scan(text, Loader=loader))
    return tokens


def _quote_mistake(text: str, mark: Any) -> Mistake:
    quote = text[mark.index]
    line_start = text.rfind("\n", 0, mark.index) + 1
    line_end = text.find("\n", mark.index)
    written = text[line_start:line_end if line_end >= 0 else len(text)].strip()
    fixed = written.split(" #", 1)[0].rstrip() + quote
    return Mistake(mark.line + 1, mark.column + 1,
                   {"cs": f"uvozovka {quote} otevřená zde se na tomto řádku neuzavírá",
                    "en": f"the quote {quote} opened here is not closed on this line"},
                   {"cs": f"Doplňte {quote} na konec hodnoty: „{fixed}“.",
                    "en": f"Add {quote} at the end of the value: '{fixed}'."})


def _dash_without_space(lines: list[str], line: int) -> Mistake | None:
    for number in range(min(line, len(lines)), max(line - 3, 0), -1):
        found = _DASH_NO_SPACE.match(lines[number - 1])
        if found:
            item = lines[number - 1][found.end():].strip()
            column = len(found.group(1)) + 1
            return Mistake(number, column,
                           {"cs": "za pomlčkou chybí mezera", "en": "a space is missing after "
                                                                   "the dash"},
                           {"cs": f"Napište „- {item}“; bez mezery to není položka seznamu.",
                            "en": f"Write '- {item}'; without the space it is not a list "
                                  "item."})
    return None


_EMPTY = {"[]": ("prázdný seznam", "an empty list"),
          "{}": ("prázdné mapování", "an empty mapping")}


def _items_under_empty(lines: list[str], line: int) -> Mistake | None:
    if not 1 <= line <= len(lines):
        return None
    current = lines[line - 1]
    indent = len(current) - len(current.lstrip(" "))
    for number in range(line - 1, 0, -1):
        previous = lines[number - 1]
        if not previous.strip() or previous.lstrip().startswith("#"):
            continue
        found = _EMPTY_COLLECTION.match(previous)
        if found is None or indent < len(found.group(1)):
            return None
        key, brackets = found.group(2), found.group(3)
        empty_cs, empty_en = _EMPTY[brackets]
        return Mistake(number, found.start(3) + 1,
                       {"cs": f"pod „{key}: {brackets}“ následují položky, ale {brackets} "
                              f"znamená {empty_cs}",
                        "en": f"items follow '{key}: {brackets}', but {brackets} means "
                              f"{empty_en}"},
                       {"cs": f"Smažte {brackets}: napište jen „{key}:“ a položky pod něj.",
                        "en": f"Delete the {brackets}: write just '{key}:' with the items "
                              "below it."})
    return None


def tab_indent(lines: list[str], number: int) -> int:
    """How many spaces the tab-indented line ``number`` meant, judged by the lines above."""
    current = lines[number - 1].lstrip(" \t")
    for previous in reversed(lines[:number - 1]):
        stripped = previous.lstrip(" ")
        if not stripped or stripped.startswith("#") or stripped.startswith("\t"):
            continue
        indent = len(previous) - len(stripped)
        content = stripped.split(" #", 1)[0].rstrip()
        if content.endswith(":"):
            return indent + 2
        if content.startswith("- ") and not current.startswith("-"):
            return indent + 2
        return indent
    return 2
