"""A Word document's content as text, for golden files: each paragraph of the body with its
style, runs (bold in ``**``) and spacing after; each table with its style, column widths and
the paragraphs of every cell, in order. Read through python-docx, as a reader opens it."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph


def content(path: Path) -> str:
    document = docx.Document(str(path))
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines += _table(block)
        else:
            lines.append(_paragraph(block))
    return "\n".join(lines) + "\n"


def _table(table: Table) -> list[str]:
    style = table.style.name if table.style else None
    widths = ",".join(str(column.width) for column in table.columns)
    lines = [f"table [{style}] {len(table.rows)}x{len(table.columns)} widths {widths}"]
    for number, row in enumerate(table.rows, start=1):
        for column, cell in enumerate(row.cells, start=1):
            lines += [f"  {number}.{column} {_paragraph(p)}" for p in cell.paragraphs]
    return lines


def _paragraph(paragraph: Paragraph) -> str:
    style = paragraph.style.name if paragraph.style else None
    after = paragraph.paragraph_format.space_after
    spacing = "" if after is None else f" after={after.pt:g}"
    runs = [f"**{r.text!r}**" if r.bold else repr(r.text) for r in paragraph.runs]
    return f"[{style}{spacing}] " + " ".join(runs)
