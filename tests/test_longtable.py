"""A long table printed a part at a time is the text of the whole table."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from rich.table import Table
from rich.text import Text

from kplan.output.longtable import print_table

WORDS = ["Krajský úřad", "Charita Ostrava", "SMO", "Slezská diakonie, o. p. s.", "x"]


def _table() -> Table:
    return Table("Organizace nebo služba", "Role", "Aktivita nebo služba")


def _rows(count: int) -> list[tuple[Text, str, Text]]:
    return [(Text(WORDS[n % 5] * (n % 3 + 1)), ["partner", "realizátor"][n % 2],
             Text(f"skupina-{n}/1.{n} Podpořit vznik krizového lůžka " * (n % 4 + 1)))
            for n in range(count)]


def _printed(width: int, color: bool, print_it: object) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=color, color_system="standard"
                      if color else None, legacy_windows=False)
    assert callable(print_it)
    print_it(console)
    return out.getvalue()


@pytest.mark.parametrize("width", [30, 80, 200])
@pytest.mark.parametrize("color", [False, True])
@pytest.mark.parametrize("count", [1, 3, 7, 8, 25])
def test_parts_print_the_whole_table(width: int, color: bool, count: int) -> None:
    rows = _rows(count)

    def whole(console: Console) -> None:
        table = _table()
        for row in rows:
            table.add_row(*row)
        console.print(table)

    expected = _printed(width, color, whole)
    assert _printed(width, color, lambda c: print_table(c, _table, rows, part=2)) == expected
    assert _printed(width, color, lambda c: print_table(c, _table, rows, part=3)) == expected
