"""A rich table of many rows, printed a part of its rows at a time.

Rich lays out and draws a table whole: on the collaboration map of 10,000 cards that is
80,000 lines held at once as segments. Here the columns' widths are found as rich finds
them, from a table of the header and, for each column, its widest cell and the cell with
its longest word (the widths depend on nothing else); each part is then drawn as a table
of those fixed widths, and of its lines only the rows are kept (the first part keeps the
top and the header, the last the bottom edge). The text is the same as of the whole table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from rich.console import Console, RenderableType
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

ROWS_A_PART = 2000
"""Rows drawn at once."""


def print_table(console: Console, make: Callable[[], Table],
                rows: Sequence[Sequence[RenderableType]], part: int = ROWS_A_PART) -> None:
    """Print the table that ``make`` gives (its columns and header) with ``rows``."""
    if len(rows) <= part:
        console.print(_filled(make(), rows))
        return
    widths = _widths(console, make, rows)
    for piece in _parts(console, make, rows, widths, part):
        console.file.write(piece)
    console.file.flush()


def _filled(table: Table, rows: Sequence[Sequence[RenderableType]]) -> Table:
    for row in rows:
        table.add_row(*row)
    return table


def _widths(console: Console, make: Callable[[], Table],
            rows: Sequence[Sequence[RenderableType]]) -> list[int]:
    """The widths rich gives the columns of the whole table, padding included."""
    proxy = make()
    count = len(proxy.columns)
    options = console.options
    for index in range(count):
        measured = [Measurement.get(console, options, row[index]) for row in rows]
        for widest in (_largest([m.minimum for m in measured]),
                       _largest([m.maximum for m in measured])):
            proxy.add_row(*[rows[widest][i] if i == index else Text("") for i in range(count)])
    inner = options.update_width(options.max_width - proxy._extra_width)
    return proxy._calculate_column_widths(console, inner)


def _largest(values: list[int]) -> int:
    return max(range(len(values)), key=values.__getitem__)


def _parts(console: Console, make: Callable[[], Table],
           rows: Sequence[Sequence[RenderableType]], widths: list[int],
           part: int) -> Iterator[str]:
    starts = range(0, len(rows), part)
    for start in starts:
        table = make()
        table.show_header = start == 0
        for index, (column, width) in enumerate(zip(table.columns, widths, strict=True)):
            column.width = width - table._get_padding_width(index)
        with console.capture() as captured:
            console.print(_filled(table, rows[start:start + part]))
        lines = captured.get().splitlines(keepends=True)
        first = 0 if start == 0 else 1
        last = len(lines) if start == starts[-1] else len(lines) - 1
        yield "".join(lines[first:last])
