"""``kplan import``: a town's Word or Excel plan → version-2 card files and headings.

``read_source`` reads a ``.docx``, ``.xlsx`` or ``.csv`` file into found cards and headings
(``docx``, ``sheet``); ``plan_import`` turns them into changes: a new file a card through
``kplan new``'s writer (``cards``), the headings into ``plan.yaml`` by the surgical edit
(``headings``), never a card that exists. Labels are the table in ``labels``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kplan.edit.change import Change, new_file
from kplan.edit.importing import cards, headings
from kplan.edit.importing.source import Source, SourceError, Unmapped
from kplan.edit.problem import EditProblem
from kplan.plan.layout import ACTIVITIES, YAML_SUFFIX
from kplan.plan.model import Plan

SUFFIXES = (".docx", ".xlsx", ".csv")

__all__ = ["SUFFIXES", "Imported", "SourceError", "Unmapped", "plan_import", "read_source"]


def read_source(path: Path) -> Source:
    from kplan.edit.importing import docx, sheet

    readers = {".docx": docx.read, ".xlsx": sheet.read_xlsx, ".csv": sheet.read_csv}
    try:
        return readers[path.suffix.lower()](path)
    except OSError as error:
        raise SourceError(f"Soubor {path} nelze přečíst: {error.strerror}.",
                          f"Cannot read {path}: {error.strerror}.") from None


@dataclass(slots=True)
class Imported:
    changes: list[Change] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """Card files that exist already: left as they are."""
    unmapped: list[Unmapped] = field(default_factory=list)


def card_file(group: str | None, number: str) -> str:
    folder = f"{ACTIVITIES}/{group}" if group else ACTIVITIES
    return f"{folder}/{number}{YAML_SUFFIX}"


def plan_import(root: Path, plan: Plan, source: Source, group: str | None,
                name: str) -> Imported:
    """The changes the import makes; ``name`` is the source file as the cards' comments
    name it."""
    result = Imported(unmapped=list(source.unmapped))
    numbers: set[str] = set()
    for found in source.cards:
        card = cards.read_card(found)
        result.unmapped += card.unmapped
        if card.number is None:
            _without_number(result, card)
            continue
        if card.number in numbers:
            _twice(result, card)
            continue
        numbers.add(card.number)
        _card(root, result, card, group, f"{name}, {found.place.cs}")
    heading_change = headings.change(root, plan, source.headings, group)
    if heading_change is not None:
        result.changes.insert(0, heading_change)
    return result


def _card(root: Path, result: Imported, card: cards.Card, group: str | None,
          where: str) -> None:
    assert card.number is not None
    file = card_file(group, card.number)
    try:
        change = new_file(root, file, cards.card_text(card, group or "", where))
    except EditProblem:
        result.skipped.append(file)
        return
    result.changes.append(change)


def _without_number(result: Imported, card: cards.Card) -> None:
    result.unmapped.append(Unmapped(
        card.place, card.title or "",
        "Karta bez čísla aktivity; doplňte číslo do podkladu, nebo ji založte: "
        "kplan new activity SKUPINA ČÍSLO.",
        "A card without an activity number; add the number in the source, or create it: "
        "kplan new activity GROUP NUMBER."))


def _twice(result: Imported, card: cards.Card) -> None:
    result.unmapped.append(Unmapped(
        card.place, f"{card.number} {card.title or ''}".strip(),
        "Číslo aktivity je v podkladu podruhé; zapsána je jen první karta.",
        "The activity number is in the source a second time; only the first card is "
        "written."))
