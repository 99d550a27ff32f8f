"""Plan data made harmless to show: control characters as visible stand-ins.

A title may hold ``\\x1b]0;…\\x07`` (renames the terminal window), ``\\x1b[2J`` (clears
the screen) or a line break that starts a Markdown heading or a GitHub workflow command.
Every text, Markdown, terminal, HTML, ICS and CSV output passes data through here: C0
controls and DEL become their Unicode control pictures (``\\x1b`` → ``␛``, ``\\x07`` →
``␇``), C1 controls and bidirectional overrides ``�``. Each stand-in is one character
wide, so tables keep their widths; a console without them (cp1250, ASCII) writes ``?``.
"""

from __future__ import annotations

import re

_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_STAND_INS = {**{code: chr(0x2400 + code) for code in range(0x20)}, 0x7F: "\u2421",
              **{code: "\ufffd" for code in range(0x80, 0xA0)},
              **{ord(ch): "\ufffd" for ch in _BIDI}}
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")
_UNSAFE_IN_LINES = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{_BIDI}]")
_IN_LINES = {**_STAND_INS, ord("\t"): " "}
del _IN_LINES[ord("\n")]
_LINE_BREAKS = re.compile(r"[ \t]*[\r\n]+[ \t]*")
_RAW_IN_JSON = re.compile(f"[\x7f-\x9f{_BIDI}]")


def printable(text: str) -> str:
    """One line: every control character, a tab and a line break too, as its stand-in."""
    if text.isprintable() or _UNSAFE.search(text) is None:
        return text
    return text.translate(_STAND_INS)


def printable_lines(text: str) -> str:
    """Text of several lines: line feeds kept, a tab as a space, the rest as stand-ins."""
    if text.isprintable() or _UNSAFE_IN_LINES.search(text) is None:
        return text
    return text.translate(_IN_LINES)


def json_text(document: str) -> str:
    """JSON as ``json.dumps(..., ensure_ascii=False)`` wrote it, with DEL, C1 controls and
    bidirectional overrides (which it leaves raw) as ``\\u`` escapes: the same data."""
    return _RAW_IN_JSON.sub(lambda found: f"\\u{ord(found.group()):04x}", document)


def inline(text: str) -> str:
    """One line made of any text: line breaks (and the blanks around them) and tabs as one
    space, other control characters as stand-ins. For headings and inline fields."""
    if text.isprintable() or _UNSAFE.search(text) is None:
        return text
    return printable(_LINE_BREAKS.sub(" ", text.strip("\r\n")).replace("\t", " "))
