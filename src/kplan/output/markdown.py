"""The blocks as a Markdown section that a secretary pastes into the minutes, and the
escapes that make Markdown show a text as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kplan.output.blocks import Block, Bullets, Cell, Fields, Heading, Para, Table
from kplan.visible import inline, printable_lines

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START = re.compile(r"^(\s*)([#+=-]|[0-9]+[.)](?=\s|$))")


def md_escape(text: str) -> str:
    """Text that Markdown shows as written: ``*``, ``_``, ``|``, ``<`` … backslash-escaped,
    control characters as stand-ins (line feeds stay)."""
    return _MD_SPECIAL.sub(r"\\\1", printable_lines(text))


def md_inline(text: str) -> str:
    """Escaped text that stays on its line (a heading, a bold title): line breaks as spaces,
    so a title cannot start a heading of its own."""
    return md_escape(inline(text))


def md_cell(text: str) -> str:
    """A table cell: escaped, ``|`` as ``\\|``, line breaks as ``<br>``."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").strip().split("\n")
    return "<br>".join(md_escape(line.strip()) for line in lines)


def render_md(blocks: Sequence[Block]) -> str:
    return "\n\n".join(_md(block) for block in blocks) + "\n"


def _md(block: Block) -> str:
    if isinstance(block, Heading):
        return "#" * (block.level + 1) + " " + md_inline(block.text)
    if isinstance(block, Para):
        lines: list[str] = []
        for line in block.text.strip().splitlines():
            escaped = _LINE_START.sub(r"\1\\\2", md_escape(line).rstrip())
            if lines and lines[-1] and escaped:
                lines[-1] += "  "
            lines.append(escaped)
        return _emphasis("\n".join(lines), block.style)
    if isinstance(block, Fields):
        return "\n".join(f"- **{md_inline(label)}:** {md_cell(value)}"
                         for label, value in block.items)
    if isinstance(block, Bullets):
        return "\n".join(f"- {md_cell(item)}" for item in block.items)
    return _md_table(block)


def _md_table(block: Table) -> str:
    header = "| " + " | ".join(md_cell(c.header) for c in block.columns) + " |"
    rule = "|" + "|".join("---:" if c.right else "---" for c in block.columns) + "|"
    lines = [header, rule]
    for line in block.rows:
        cells = [_md_value(cell) if cell.progress else
                 _emphasis(_md_value(cell), f"{line.style} {cell.style}") for cell in line.cells]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _md_value(cell: Cell) -> str:
    if cell.progress is None:
        return md_cell(cell.text)
    done, total = cell.progress
    shown = f"{done}/{total}" if total else "–"
    return f"{shown}<br>{_emphasis(md_cell(cell.text), cell.style)}" if cell.text else shown


def _emphasis(text: str, style: str) -> str:
    """Bold and italic survive into Markdown; colours do not."""
    words = style.split()
    if text and "bold" in words:
        return f"**{text}**"
    if text and "italic" in words:
        return f"*{text}*"
    return text
