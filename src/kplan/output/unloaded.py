"""Cards that did not load, as every view names them: their number, their file, "nelze
načíst" and the line of their first error (``kplan validate`` shows the rest)."""

from __future__ import annotations

from collections.abc import Sequence

from kplan.diagnostics.codes import message
from kplan.i18n import Lang, say
from kplan.output.blocks import Block, Cell, Column, Fields, Heading, Para, row, table
from kplan.plan.unloaded import UnloadedCard

CANNOT_LOAD = ("nelze načíst", "cannot be loaded")
"""What the views and the report say of a card that does not load; said nowhere else."""
_WORDS: dict[str, tuple[str, str]] = {
    "cannot_load": CANNOT_LOAD,
    "number": ("Číslo", "Number"),
    "card": ("Karta", "Card"),
    "first_error": ("První chyba", "First error"),
    "at_line": ("řádek {line}: {message}", "line {line}: {message}"),
    "no_error": ("chyby ukáže kplan validate", "kplan validate shows the errors"),
    "count": (f"{CANNOT_LOAD[0]}: {{count}}", f"{CANNOT_LOAD[1]}: {{count}}"),
    "title": (f"{{ref}} – {CANNOT_LOAD[0]}", f"{{ref}} – {CANNOT_LOAD[1]}"),
    "file": ("Soubor", "File"),
    "all_errors": ("Všechny chyby karty: kplan validate; po opravě se karta ukáže celá.",
                   "All of the card's errors: kplan validate; once fixed, the card is shown "
                   "whole."),
}


def words(key: str, lang: Lang, **args: object) -> str:
    return say(_WORDS, key, lang, **args)


def first_error(card: UnloadedCard, lang: Lang) -> str:
    """``řádek 4: Pole „titl“ …``: the line and message of the card's first error."""
    if card.error is None:
        return words("no_error", lang)
    return words("at_line", lang, line=card.error.line, message=message(card.error, lang))


def unloaded_line(card: UnloadedCard, lang: Lang) -> str:
    """``4.1 (activities/drogy/4.1.yaml): nelze načíst, řádek 1: …`` on one line."""
    return f"{card.number} ({card.file}): {words('cannot_load', lang)}, " \
        f"{first_error(card, lang)}"


def unloaded_table(cards: Sequence[UnloadedCard], lang: Lang) -> Block:
    lines = [row(Cell(c.number, "red"), f"{c.file}\n{words('cannot_load', lang)}",
                 Cell(first_error(c, lang), "red")) for c in cards]
    return table((words("number", lang), Column(words("card", lang), wrap=1),
                  Column(words("first_error", lang), wrap=2)), lines)


def unloaded_doc(card: UnloadedCard, lang: Lang) -> list[Block]:
    """What ``kplan show`` says of a card that did not load."""
    return [Heading(words("title", lang, ref=card.ref)),
            Fields(((words("file", lang), card.file),
                    (words("first_error", lang), first_error(card, lang)))),
            Para(words("all_errors", lang))]
