"""A small document model for what kplan shows: headings, paragraphs, fields, bullet
lists and tables, written once and rendered twice: for the terminal
(``kplan.output.drawing``) and as a Markdown section that a secretary pastes into the
minutes (``kplan.output.markdown``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kplan.pickled import Tupled


@dataclass(frozen=True, slots=True)
class Cell(Tupled):
    text: str = ""
    style: str = ""
    progress: tuple[int, int] | None = None
    """``(done, total)``: a bar on a terminal, then ``text`` on a line of its own."""


@dataclass(frozen=True, slots=True)
class Column(Tupled):
    header: str
    wrap: int = 0
    """Long text: wraps, and takes this share of the width the other columns leave."""
    right: bool = False
    clip: bool = False
    """With ``wrap``: takes its share of the width, but stays one line, cut with ``…``."""


@dataclass(frozen=True, slots=True)
class Row(Tupled):
    cells: tuple[Cell, ...]
    style: str = ""


@dataclass(frozen=True, slots=True)
class Table(Tupled):
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    compact: bool = False
    """No rule between rows: a row a line, for a view that must fit one screen."""


@dataclass(frozen=True, slots=True)
class Heading(Tupled):
    text: str
    level: int = 1


@dataclass(frozen=True, slots=True)
class Para(Tupled):
    text: str
    style: str = ""


@dataclass(frozen=True, slots=True)
class Fields(Tupled):
    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Bullets(Tupled):
    items: tuple[str, ...]


Block = Heading | Para | Fields | Bullets | Table


def row(*cells: Cell | str | None, style: str = "") -> Row:
    return Row(tuple(c if isinstance(c, Cell) else Cell(c or "") for c in cells), style)


def table(columns: Iterable[Column | str], rows: Iterable[Row], compact: bool = False) -> Table:
    """A table whose short rows (headings) are padded with empty cells."""
    heads = tuple(c if isinstance(c, Column) else Column(c) for c in columns)
    padding = (Cell(),) * len(heads)
    return Table(heads, tuple(Row((r.cells + padding)[:len(heads)], r.style) for r in rows),
                 compact)
