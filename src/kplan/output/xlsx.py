"""The plan as an Excel workbook for officials: one sheet a table of ``tables.py``.

Cells keep their types: dates are dates shown as ``30. 6. 2025``, amounts numbers shown as
``200 000 Kč``. Each sheet has a frozen header row, an autofilter and columns wide enough
for their content. Text that starts with ``=``, ``+``, ``-`` or ``@`` stays text (a string
cell with Excel's quote prefix): a title in a plan never runs as a formula.
"""

from __future__ import annotations

from datetime import date
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from kplan.i18n import Lang
from kplan.output.tables import FORMULA_START, Cell, Column, Table
from kplan.visible import printable_lines

DATE_FORMAT = "d. m. yyyy"
MAX_WIDTH = 60
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")


def money_format(currency: str) -> str:
    """``#,##0 "Kč"`` for CZK, else the currency's code."""
    shown = "Kč" if currency == "CZK" else currency
    return f'#,##0 "{shown}"'


def workbook_bytes(tables: list[Table], lang: Lang) -> bytes:
    """The workbook, written a row at a time (openpyxl's write-only mode): the cells of a
    big plan are never all held as objects."""
    book = Workbook(write_only=True)
    for data in tables:
        _sheet(book.create_sheet(data.title[:31]), data, lang)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet(sheet: WriteOnlyWorksheet, data: Table, lang: Lang) -> None:
    widths = [len(c.header(lang)) for c in data.columns]
    for row in data.rows:
        widths = [max(width, _width(value)) for width, value in zip(widths, row, strict=True)]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[  # type: ignore[attr-defined]
            get_column_letter(index)].width = min(width + 2, MAX_WIDTH)
    sheet.freeze_panes = "A2"
    last = get_column_letter(len(data.columns))
    sheet.auto_filter.ref = f"A1:{last}{max(len(data.rows) + 1, 2)}"  # type: ignore[attr-defined]
    sheet.append([_head(sheet, column.header(lang)) for column in data.columns])
    money = money_format(data.currency)
    for row in data.rows:
        sheet.append([_cell(sheet, column, value, money)
                      for column, value in zip(data.columns, row, strict=True)])


def _head(sheet: WriteOnlyWorksheet, text: str) -> SheetCell:
    head = WriteOnlyCell(sheet, value=text)
    head.font, head.fill = HEADER_FONT, HEADER_FILL
    head.alignment = Alignment(vertical="top")
    return head


def _cell(sheet: WriteOnlyWorksheet, column: Column, value: Cell, money: str) -> SheetCell:
    cell = WriteOnlyCell(sheet)
    if isinstance(value, str):
        text = printable_lines(value)
        cell.value = text
        if value.startswith(FORMULA_START):
            cell.data_type = "s"
            cell.quotePrefix = True
        if "\n" in text:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    else:
        cell.value = value
    if isinstance(value, date):
        cell.number_format = DATE_FORMAT
    elif column.kind == "money" and value is not None:
        cell.number_format = money
    return cell


def _width(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, date):
        return 11
    if isinstance(value, int | float):
        return len(f"{value:,.0f}") + 3
    return max((len(line) for line in str(value).splitlines()), default=0)
