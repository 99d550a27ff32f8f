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
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kplan.i18n import Lang
from kplan.output.tables import FORMULA_START, Table
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
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for data in tables:
        _sheet(book.create_sheet(data.title[:31]), data, lang)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet(sheet: Worksheet, data: Table, lang: Lang) -> None:
    widths = [len(c.header(lang)) for c in data.columns]
    for index, column in enumerate(data.columns, start=1):
        head = sheet.cell(row=1, column=index, value=column.header(lang))
        head.font, head.fill = HEADER_FONT, HEADER_FILL
        head.alignment = Alignment(vertical="top")
    money = money_format(data.currency)
    for row_index, row in enumerate(data.rows, start=2):
        for index, (column, value) in enumerate(zip(data.columns, row, strict=True), start=1):
            cell = sheet.cell(row=row_index, column=index)
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
            widths[index - 1] = max(widths[index - 1], _width(value))
    sheet.freeze_panes = "A2"
    last = get_column_letter(len(data.columns))
    sheet.auto_filter.ref = f"A1:{last}{max(len(data.rows) + 1, 2)}"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, MAX_WIDTH)


def _width(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, date):
        return 11
    if isinstance(value, int | float):
        return len(f"{value:,.0f}") + 3
    return max((len(line) for line in str(value).splitlines()), default=0)
