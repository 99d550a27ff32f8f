"""A small document model for what kplan shows: headings, paragraphs, fields, bullet
lists and tables, written once and rendered twice: for the terminal (rich) and as a
Markdown section that a secretary pastes into the minutes.

On a terminal that speaks UTF-8, tables have rounded boxes and progress bars; piped, or
on a terminal in another encoding (cp1250 on an older Windows), only ASCII frames and
bars, so nothing turns into question marks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from operator import attrgetter

from rich.cells import cell_len
from rich.color import ColorSystem
from rich.console import Console, RenderableType
from rich.style import Style
from rich.table import Table as RichTable
from rich.text import Text

from kplan.output.terminal import ascii_only, terminal_shape
from kplan.visible import inline, printable, printable_lines

BAR_WIDTH = 8
MIN_COLUMN = 8
"""Narrower than this, a table turns into stacked ``Header: value`` lines."""
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START = re.compile(r"^(\s*)([#+=-]|[0-9]+[.)](?=\s|$))")
_NARROW = re.compile("[\x20-\x7e\u00a0-\u024f\u2010-\u2027]*")
"""Text of these characters (ASCII, Latin with Czech letters, dashes and quotes) takes a
terminal cell a character: measured without asking rich character by character."""


class _Part:
    """Pickled as a call of its constructor: a view of a thousand activities is loaded
    from the cache (``kplan.output.memo``) five times faster than with slots' own state."""

    __slots__ = ()

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        kind = type(self)
        return kind, _fields(kind)(self)


_GETTERS: dict[type, Callable[[object], tuple[object, ...]]] = {}


def _fields(kind: type) -> Callable[[object], tuple[object, ...]]:
    """The getter of a part's fields as a tuple, made once a kind: pickling a view of a
    thousand activities calls it for every cell."""
    getter = _GETTERS.get(kind)
    if getter is None:
        names: tuple[str, ...] = kind.__match_args__  # type: ignore[attr-defined]
        first = attrgetter(names[0])
        getter = attrgetter(*names) if len(names) > 1 else lambda part: (first(part),)
        _GETTERS[kind] = getter
    return getter


@dataclass(frozen=True, slots=True)
class Cell(_Part):
    text: str = ""
    style: str = ""
    progress: tuple[int, int] | None = None
    """``(done, total)``: a bar on a terminal, then ``text`` on a line of its own."""


@dataclass(frozen=True, slots=True)
class Column(_Part):
    header: str
    wrap: int = 0
    """Long text: wraps, and takes this share of the width the other columns leave."""
    right: bool = False
    clip: bool = False
    """With ``wrap``: takes its share of the width, but stays one line, cut with ``…``."""


@dataclass(frozen=True, slots=True)
class Row(_Part):
    cells: tuple[Cell, ...]
    style: str = ""


@dataclass(frozen=True, slots=True)
class Table(_Part):
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    compact: bool = False
    """No rule between rows: a row a line, for a view that must fit one screen."""


@dataclass(frozen=True, slots=True)
class Heading(_Part):
    text: str
    level: int = 1


@dataclass(frozen=True, slots=True)
class Para(_Part):
    text: str
    style: str = ""


@dataclass(frozen=True, slots=True)
class Fields(_Part):
    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Bullets(_Part):
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


# --- terminal -------------------------------------------------------------------------------

def render_rich(blocks: Sequence[Block], console: Console) -> None:
    """Print the blocks; piped, plain and without spaces at line ends."""
    if terminal_shape(console) is not None:
        for chunk in draw(blocks, console):
            console.file.write(chunk)
        return
    plain = ascii_only(console)  # a legacy Windows console: rich draws through its own API
    for index, block in enumerate(blocks):
        if index and isinstance(block, Heading | Table):
            console.file.write("\n")
        if isinstance(block, Table):
            console.file.write(_table_text(block, plain, console))
        else:
            console.print(_rich(block, plain), crop=False)


def draw(blocks: Sequence[Block], console: Console) -> Iterator[str]:
    """The blocks as ``console`` shows them (its width, colours, encoding), as text, a
    block at a time: a plan of 10,000 activities draws 150,000 lines."""
    plain = ascii_only(console)
    for index, block in enumerate(blocks):
        if index and isinstance(block, Heading | Table):
            yield "\n"
        if isinstance(block, Table):
            yield _table_text(block, plain, console)
            continue
        with console.capture() as captured:
            console.print(_rich(block, plain), crop=False)
        text = captured.get()
        if not console.is_terminal:
            text = "".join(line.rstrip() + "\n" for line in text.splitlines())
        yield text


def _rich(block: Block, plain: bool) -> RenderableType:
    if isinstance(block, Heading):
        return Text(inline(block.text), style="bold underline" if block.level == 1 else "bold")
    if isinstance(block, Para):
        return Text(printable_lines(block.text), style=block.style)
    if isinstance(block, Fields):
        grid = RichTable.grid(padding=(0, 1))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        for label, value in block.items:
            grid.add_row(Text(printable(label) + ":"), Text(printable_lines(value)))
        return grid
    if isinstance(block, Bullets):
        grid = RichTable.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for item in block.items:
            grid.add_row("-" if plain else "•", Text(printable_lines(item)))
        return grid
    raise TypeError(block)  # tables are drawn by _table_text


_ASCII = {"top": "+-++", "head": "+-++", "rule": "+-++", "bottom": "+-++", "side": "|"}
_ROUNDED = {"top": "╭─┬╮", "head": "├─┼┤", "rule": "├─┼┤", "bottom": "╰─┴╯", "side": "│"}
_COLOR_SYSTEMS = {"standard": ColorSystem.STANDARD, "256": ColorSystem.EIGHT_BIT,
                  "truecolor": ColorSystem.TRUECOLOR, "windows": ColorSystem.WINDOWS}
Paint = Callable[[str, str], str]
"""Text in a rich style (``""`` for none) as the terminal shows it."""


def _table_text(block: Table, plain: bool, console: Console) -> str:
    """The table drawn line by line: rich's own tables take seconds for a large plan."""
    color = _COLOR_SYSTEMS.get(console.color_system or "") if console.is_terminal and \
        not console.no_color else None
    lines = _table_lines(block, plain, console.width, _painter(color))
    return "\n".join(lines) + "\n"


def _unpainted(text: str, style: str) -> str:
    return text


def _painter(color: ColorSystem | None) -> Paint | None:
    """None without colours: plain text needs no painting at all."""
    if color is None:
        return None
    styles: dict[str, Style] = {}

    def paint(text: str, style: str) -> str:
        if not style or not text.strip():
            return text
        parsed = styles.get(style) or styles.setdefault(style, Style.parse(style))
        return parsed.render(text, color_system=color)

    return paint


def _table_lines(block: Table, plain: bool, width: int, paint: Paint | None) -> list[str]:
    frame = _ASCII if plain else _ROUNDED
    ink = paint or _unpainted
    widths = _column_widths(block, width)
    if sum(widths) + 3 * len(widths) + 1 > width or any(
            cell_width(column.header) > w for column, w in zip(block.columns, widths,
                                                               strict=True)):
        return _stacked_lines(block, plain, width, ink)
    side = ink(frame["side"], "dim")
    draw = _RowDrawer(widths, [c.right for c in block.columns], side + " ",
                      " " + side + " ", " " + side, paint)
    rule = ink(_border(frame["rule"], widths), "dim")
    lines = [ink(_border(frame["top"], widths), "dim")]
    draw([[column.header] for column in block.columns], ["bold"] * len(widths), lines)
    lines.append(ink(_border(frame["head"], widths), "dim"))
    columns = block.columns
    for index, line in enumerate(block.rows):
        if index and not block.compact:
            lines.append(rule)
        cells = [_cell_lines(cell, widths[i], columns[i], plain)
                 for i, cell in enumerate(line.cells)]
        styles = [f"{line.style} {cell.style}" if line.style and cell.style else
                  line.style or cell.style for cell in line.cells]
        draw(cells, styles, lines)
    lines.append(ink(_border(frame["bottom"], widths), "dim"))
    return lines


class _RowDrawer:
    """Draws one table row (cells of several lines) as text lines between the sides."""

    def __init__(self, widths: list[int], right: list[bool], start: str, between: str,
                 end: str, paint: Paint | None) -> None:
        self.columns = [(str.rjust if r else str.ljust, w) for r, w in zip(right, widths,
                                                                           strict=True)]
        self.paint = paint
        self.start, self.between, self.end = start, between, end

    def __call__(self, cells: list[list[str]], styles: list[str], into: list[str]) -> None:
        height = max(map(len, cells), default=1)
        columns = [_padded(cell, justify, width, height)
                   for cell, (justify, width) in zip(cells, self.columns, strict=True)]
        if self.paint is not None:
            paint = self.paint
            columns = [[paint(text, style) for text in column]
                       for column, style in zip(columns, styles, strict=True)]
        start, between, end = self.start, self.between, self.end
        into.extend(start + between.join(texts) + end for texts in zip(*columns, strict=True))


def _padded(lines: list[str], justify: Callable[[str, int], str], width: int,
            height: int) -> list[str]:
    """A cell's lines filled to the column's width in terminal cells, and to ``height``
    lines with blank ones."""
    padded = [justify(text, width) if text.isascii() or _NARROW.fullmatch(text) else
              justify(text, width + len(text) - cell_len(text)) for text in lines]
    return padded + [" " * width] * (height - len(lines))


def _stacked_lines(block: Table, plain: bool, width: int, paint: Paint) -> list[str]:
    """A terminal too narrow for the table: each row as ``Header: value`` lines."""
    rule = paint(("-" if plain else "─") * width, "dim")
    lines: list[str] = []
    for line in block.rows:
        lines.append(rule)
        for column, cell in zip(block.columns, line.cells, strict=True):
            label = f"{column.header}: "
            values = _cell_lines(cell, max(width - cell_width(label), MIN_COLUMN), Column("", 1),
                                 plain)
            style = " ".join(filter(None, (line.style, cell.style)))
            for number, value in enumerate(v for v in values if v.strip()):
                lines.append(paint(label if number == 0 else " " * cell_width(label), "bold")
                             + paint(value, style))
    lines.append(rule)
    return lines


def _border(chars: str, widths: list[int]) -> str:
    return chars[0] + chars[2].join(chars[1] * (w + 2) for w in widths) + chars[3]


def _column_widths(block: Table, width: int) -> list[int]:
    """Natural widths, then wrapping columns shrink, then the others get an ellipsis."""
    natural = [max([cell_width(column.header), *(_natural(row.cells[i]) for row in block.rows)])
               for i, column in enumerate(block.columns)]
    room = width - 3 * len(natural) - 1
    if sum(natural) <= room:
        return natural
    widths = list(natural)
    spare = room - sum(n for n, c in zip(natural, block.columns, strict=True) if not c.wrap)
    pending = [i for i, column in enumerate(block.columns) if column.wrap]
    while pending:  # columns that fit in their share keep their width; the rest share the rest
        ratios = sum(block.columns[i].wrap for i in pending)
        shares = {i: max(spare, 0) * block.columns[i].wrap // ratios for i in pending}
        fitting = [i for i in pending if natural[i] <= shares[i]]
        if not fitting:
            for i in pending:
                widths[i] = max(shares[i], 12)
            break
        spare -= sum(natural[i] for i in fitting)
        pending = [i for i in pending if i not in fitting]
    while sum(widths) > room and max(widths) > MIN_COLUMN:
        widest = widths.index(max(widths))
        widths[widest] -= 1
    return widths


def _natural(cell: Cell) -> int:
    text = cell.text
    longest = max(map(cell_width, text.split("\n"))) if "\n" in text else cell_width(text)
    if cell.progress is None:
        return longest
    return max(longest, BAR_WIDTH + len(f" {cell.progress[0]}/{cell.progress[1]}"))


def _cell_lines(cell: Cell, width: int, column: Column, plain: bool) -> list[str]:
    text = printable_lines(cell.text)
    if cell.progress is None and cell_width(text) <= width and "\n" not in text:
        if not text:
            return []
        return [" ".join(text.split())] if column.wrap or column.clip else [text]
    lines: list[str] = []
    if cell.progress is not None:
        lines.append(_bar(*cell.progress, plain))
    for paragraph in text.split("\n") if text else []:
        if column.clip:
            clipped = " ".join(paragraph.split())
            lines.append(clipped if len(clipped) <= width else clipped[:width - 1] + "…")
            break
        if column.wrap:
            lines.extend(wrap(paragraph, width))
        else:
            lines.append(paragraph if cell_width(paragraph) <= width else
                         _cut(paragraph, width - 1) + "…")
    return lines


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap by terminal cells; a word longer than the width is cut. Several
    times faster than ``textwrap``, which matters for a table of a thousand activities."""
    lines = _wrap(text, width, len)
    if text.isascii() or _NARROW.fullmatch(text) or \
            list(map(cell_len, lines)) == list(map(len, lines)):
        return lines
    return _wrap(text, width, cell_width)


def _wrap(text: str, width: int, measure: Callable[[str], int]) -> list[str]:
    lines: list[str] = []
    current, used = "", 0
    for word in text.split():
        size = measure(word)
        while size > width:
            if current:
                lines.append(current)
                current, used = "", 0
            head = word[:width] if measure is len else _cut(word, width) or word[:1]
            lines.append(head)
            word = word[len(head):]
            size = measure(word)
        if not current:
            current, used = word, size
        elif used + 1 + size <= width:
            current += " " + word
            used += 1 + size
        else:
            lines.append(current)
            current, used = word, size
    lines.append(current)
    return lines


def cell_width(text: str) -> int:
    """The terminal cells ``text`` takes: none for a combining accent, two for a wide
    character or an emoji; ASCII and precomposed Czech one a character."""
    return len(text) if text.isascii() or _NARROW.fullmatch(text) else cell_len(text)


def _cut(text: str, width: int) -> str:
    """The longest start of ``text`` that fits in ``width`` cells, with the accents and
    joined parts of its last character."""
    if text.isascii() or _NARROW.fullmatch(text):
        return text[:width]
    end = min(width, len(text))
    while end and cell_len(text[:end]) > width:
        end -= 1
    while end < len(text) and cell_len(text[:end + 1]) <= width:
        end += 1
    return text[:end]


def _bar(done: int, total: int, plain: bool) -> str:
    if not total:
        return "-" if plain else "—"
    filled = round(BAR_WIDTH * done / total)
    full, empty = ("#", "-") if plain else ("█", "░")
    return full * filled + empty * (BAR_WIDTH - filled) + f" {done}/{total}"


# --- Markdown -------------------------------------------------------------------------------

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
