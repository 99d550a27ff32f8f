"""The blocks drawn for the terminal (rich): tables line by line, fitted to the width.

On a terminal that speaks UTF-8, tables have rounded boxes and progress bars; piped, or
on a terminal in another encoding (cp1250 on an older Windows), only ASCII frames and
bars, so nothing turns into question marks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from rich.cells import cell_len
from rich.color import ColorSystem
from rich.console import Console, RenderableType
from rich.style import Style
from rich.table import Table as RichTable
from rich.text import Text

from kplan.output.blocks import Block, Bullets, Cell, Column, Fields, Heading, Para, Table
from kplan.output.cells import NARROW, cell_width, cut, wrap
from kplan.output.terminal import ascii_only, terminal_shape
from kplan.visible import inline, printable, printable_lines

BAR_WIDTH = 8
MIN_COLUMN = 8
"""Narrower than this, a table turns into stacked ``Header: value`` lines."""


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
    padded = [justify(text, width) if text.isascii() or NARROW.fullmatch(text) else
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
                         cut(paragraph, width - 1) + "…")
    return lines


def _bar(done: int, total: int, plain: bool) -> str:
    if not total:
        return "-" if plain else "—"
    filled = round(BAR_WIDTH * done / total)
    full, empty = ("#", "-") if plain else ("█", "░")
    return full * filled + empty * (BAR_WIDTH - filled) + f" {done}/{total}"
