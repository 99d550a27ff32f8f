"""Activity cards in a Word file: a two-column table a card (label | value), or labelled
paragraphs as in the seed's minutes („Realizátor aktivity: NNO, SMO“, lists as bullet
paragraphs); headings above them („Priorita 2 …“, „Opatření 2.1 …“) give the hierarchy."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph

from kplan.edit.importing import labels, sheet
from kplan.edit.importing.reading import HEADINGS, Reader, add_line, labelled
from kplan.edit.importing.source import Entry, Place, Source, SourceError


def read(path: Path) -> Source:
    reader = Reader()
    paragraphs = tables = 0
    current: Entry | None = None
    for block in _document(path).iter_inner_content():
        if isinstance(block, Table):
            tables += 1
            _table(reader, block, tables)
            current = None
            continue
        paragraphs += 1
        current = _paragraph(reader, block, current, Place(
            f"odstavec {paragraphs}", f"paragraph {paragraphs}"))
    return reader.source


def _document(path: Path) -> Document:
    try:
        return docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError) as error:
        raise SourceError(f"Soubor {path} není dokument Wordu (.docx): {error}.",
                          f"{path} is not a Word document (.docx): {error}.") from None


def _is_list(paragraph: Paragraph) -> bool:
    style = paragraph.style.name if paragraph.style is not None else ""
    return "list" in (style or "").casefold() or "seznam" in (style or "").casefold()


def _paragraph(reader: Reader, paragraph: Paragraph, current: Entry | None,
               place: Place) -> Entry | None:
    text = paragraph.text.strip()
    if not text:
        return current
    found = None if _is_list(paragraph) else labelled(text)
    if found and found.field in HEADINGS and reader.heading(found.field, found.value, place):
        return None
    if found and (found.field or reader.card is not None) and \
            (reader.card is not None or found.field in {labels.NUMBER_TITLE, "number", "title"}):
        entry = reader.entry(found.label, found.field, place)
        add_line(entry, found.value, place)
        return entry
    if current is not None:
        add_line(current, text, place)
    return current


def _table(reader: Reader, table: Table, index: int) -> None:
    rows = [_cells(row.cells) for row in table.rows]
    if sheet.header_row(rows) is not None and max(len(r) for r in rows) > 2:
        sheet.read_rows(reader, rows, lambda r, c: Place(
            f"tabulka {index}, řádek {r + 1}, sloupec {c + 1}",
            f"table {index}, row {r + 1}, column {c + 1}"))
        return
    card_rows = [r for r in rows if len(r) >= 2 and labels.field_of(r[0])]
    if not card_rows:
        reader.unread(Place(f"tabulka {index}", f"table {index}"),
                      " | ".join(rows[0]) if rows else "")
        return
    card = reader.start(Place(f"tabulka {index}", f"table {index}"))
    for number, row in enumerate(rows, 1):
        place = Place(f"tabulka {index}, řádek {number}", f"table {index}, row {number}")
        if len(row) < 2 or not row[0].strip():
            continue
        entry = Entry(row[0].strip().rstrip(":"), place)
        card.entries.append(entry)
        for line in row[1].split("\n"):
            add_line(entry, line, place)
    reader.card = None


def _cells(cells: list[object]) -> list[str]:
    """The texts of a row's cells, a merged cell once."""
    texts: list[str] = []
    seen: list[object] = []
    for cell in cells:
        if any(cell is s for s in seen):
            continue
        seen.append(cell)
        texts.append("\n".join(p.text for p in getattr(cell, "paragraphs", [])))
    return texts
