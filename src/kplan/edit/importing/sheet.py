"""Action-plan tables in Excel and CSV: one row an activity under a header row in Czech,
found wherever it is on the sheet. Merged cells (a priority over several rows) give their
value to every cell they cover; numbers, amounts and dates come as the cells hold them."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from kplan.edit.importing import labels
from kplan.edit.importing.reading import HEADINGS, STARTS_CARD, Reader, add_line
from kplan.edit.importing.source import Entry, Place, Source, SourceError

Cell = str | int | float | date | None
Where = Callable[[int, int], Place]
"""The place of a cell by its 0-based row and column."""


def read_xlsx(path: Path) -> Source:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, data_only=True, read_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise SourceError(f"Soubor {path} není sešit Excelu (.xlsx): {error}.",
                          f"{path} is not an Excel workbook (.xlsx): {error}.") from None
    reader = Reader()
    for sheet in book.worksheets:
        rows = _filled(sheet)
        if header_row(rows) is not None:
            read_rows(reader, rows, _cell_place(sheet.title))
    return reader.source


def _cell_place(name: str) -> Where:
    def where(r: int, c: int) -> Place:
        return Place(f"list {name}!{_column(c)}{r + 1}", f"sheet {name}!{_column(c)}{r + 1}")
    return where


def _filled(sheet: object) -> list[list[str]]:
    """The sheet's cells as text, a merged range's value in each of its cells."""
    grid = [[text(cell.value) for cell in row] for row in sheet.iter_rows()]  # type: ignore[attr-defined]
    for merged in sheet.merged_cells.ranges:  # type: ignore[attr-defined]
        value = grid[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row - 1, merged.max_row):
            for c in range(merged.min_col - 1, merged.max_col):
                grid[r][c] = value
    return grid


def read_csv(path: Path) -> Source:
    """CSV as Czech Excel saves it: UTF-8 (with a BOM or without) or cp1250, ``;`` or ``,``."""
    raw = path.read_bytes()
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        content = raw.decode("cp1250", errors="replace")
    first = content.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    rows = [list(row) for row in csv.reader(io.StringIO(content), delimiter=delimiter)]
    reader = Reader()
    read_rows(reader, rows, lambda r, c: Place(f"řádek {r + 1}, sloupec {_column(c)}",
                                               f"row {r + 1}, column {_column(c)}"))
    return reader.source


def text(value: Cell) -> str:
    """A cell as text: a whole number without ``.0``, a date in ISO form."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def header_row(rows: list[list[str]]) -> int | None:
    """The first row with two known labels, one of them the activity's number or title."""
    for index, row in enumerate(rows):
        found = {labels.field_of(cell) for cell in row if cell.strip()}
        if len(found - {None}) >= 2 and found & STARTS_CARD:
            return index
    return None


def read_rows(reader: Reader, rows: list[list[str]], where: Where) -> None:
    start = header_row(rows)
    if start is None:
        return
    header = rows[start]
    for r in range(start + 1, len(rows)):
        _row(reader, header, rows[r], r, where)


def _row(reader: Reader, header: list[str], row: list[str], r: int, where: Where) -> None:
    cells = [(c, header[c], row[c]) for c in range(min(len(header), len(row)))
             if row[c].strip() and header[c].strip()]
    if not cells:
        return
    for c, label, value in cells:
        level = labels.field_of(label)
        if level in HEADINGS and _new_heading(reader, level, value):
            reader.heading(level, value, where(r, c))
    rest = [(c, label, value) for c, label, value in cells
            if labels.field_of(label) not in HEADINGS]
    if not rest:
        return
    card = reader.start(where(r, 0))
    for c, label, value in rest:
        entry = Entry(label, where(r, c))
        for line in value.split("\n"):
            add_line(entry, line, where(r, c))
        card.entries.append(entry)


def _new_heading(reader: Reader, level: str, value: str) -> bool:
    """A merged priority over several rows is one heading, not one a row."""
    from kplan.edit.importing import values

    number = values.number_and_title(value)[0]
    current = reader.priority if level == labels.PRIORITY else reader.measure
    return number is not None and number != current
