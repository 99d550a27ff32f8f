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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

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


def ascii_only(console: Console) -> bool:
    """Plain frames when piped, or when the terminal's encoding is not UTF-8."""
    return not console.is_terminal or not console.encoding.lower().replace("-", "") \
        .startswith("utf8")


def terminal_shape(console: Console) -> tuple[object, ...] | None:
    """All that text drawn for ``console`` depends on besides what is drawn; None for a
    legacy Windows console, which rich draws on through the Windows API, not as text."""
    if console.is_terminal and console.legacy_windows:
        return None
    return (console.width, console.is_terminal, console.color_system, console.no_color,
            ascii_only(console))


PIPED_SHAPE: tuple[object, ...] = (100, False, None, True, True)
"""``terminal_shape`` of the console ``console_for`` makes for a stream that is no terminal."""


def stream_shape(stream: object = None) -> tuple[object, ...] | None:
    """``terminal_shape(console_for(stream))``, known without a console (and rich) for a
    stream that is no terminal, outside Windows."""
    out = stream or sys.stdout
    if sys.platform != "win32" and not _interactive(out):
        return PIPED_SHAPE
    return terminal_shape(console_for(out))


def _interactive(stream: object) -> bool:
    return bool(getattr(stream, "isatty", lambda: False)())


def console_for(stream: object = None) -> Console:
    """A console for ``stream`` (stdout): colours and its width on a terminal, 100 columns
    and no colour elsewhere or with ``NO_COLOR``."""
    import os

    from rich.console import Console

    out = stream or sys.stdout
    interactive = _interactive(out)
    return Console(file=out, width=None if interactive else 100,  # type: ignore[arg-type]
                   force_terminal=interactive, no_color=not interactive or "NO_COLOR" in
                   os.environ, highlight=False, soft_wrap=False)
