"""Output that any terminal can show: symbols a legacy encoding lacks get ASCII stand-ins.

A Czech Windows console may still be cp1250, a CI log or a serial console ASCII. Rather
than crash on ``→`` or print question marks for every box corner, kplan registers an
encoding error handler that writes ``->`` for an arrow, ``+``/``-``/``|`` for frames,
``"`` for Czech quotes and, on ASCII, letters without their accents.
"""

from __future__ import annotations

import codecs
import sys
import unicodedata

HANDLER = "kplan-fallback"
_STAND_INS = {
    "→": "->", "←": "<-", "—": "-", "–": "-", "„": '"', "“": '"', "”": '"', "‚": "'",
    "‘": "'", "’": "'", "…": "...", "•": "-", "█": "#", "░": "-", "×": "x", "§": "par.",
    "\u00a0": " ", "\u202f": " ",
}
_FRAME = {"─": "-", "│": "|", "╭": "+", "╮": "+", "╰": "+", "╯": "+", "├": "+", "┤": "+",
          "┬": "+", "┴": "+", "┼": "+"}


def _stand_in(character: str) -> str:
    if character in _STAND_INS:
        return _STAND_INS[character]
    if character in _FRAME:
        return _FRAME[character]
    plain = unicodedata.normalize("NFKD", character).encode("ascii", "ignore").decode()
    return plain or "?"


def _fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = "".join(_stand_in(ch) for ch in error.object[error.start:error.end])
    encoded = text.encode(error.encoding, errors="replace").decode(error.encoding)
    return encoded, error.end


def prepare_streams() -> None:
    """Make stdout and stderr write stand-ins instead of failing on unknown symbols."""
    try:
        codecs.lookup_error(HANDLER)
    except LookupError:
        codecs.register_error(HANDLER, _fallback)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors=HANDLER)
