"""What the Word and the sheet readers share: labels in a line, headings, the card being read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kplan.edit.importing import labels, values
from kplan.edit.importing.source import Entry, Found, Heading, Line, Place, Source, Unmapped

_LABEL_BEFORE_NUMBER = re.compile(r"^([^\d:]{3,40}?)\s+(\d.*)$")
STARTS_CARD = frozenset({labels.NUMBER_TITLE, "number", "title"})
HEADINGS = frozenset({labels.PRIORITY, labels.MEASURE})


@dataclass(frozen=True, slots=True)
class Labelled:
    label: str
    value: str
    field: str | None


def labelled(text: str) -> Labelled | None:
    """``Realizátor aktivity: NNO, SMO``, ``Harmonogram:``, ``Aktivita 3.1.1 Podporovat …``;
    a short unknown label before a colon too (``Zápis zpracoval:``). None: not a label."""
    label, colon, value = text.partition(":")
    if colon and not label.strip().startswith(("-", "•", "–")):
        found = labels.field_of(label)
        if found or (len(label) <= 50 and len(label.split()) <= 6 and label.strip()):
            return Labelled(label.strip(), value.strip(), found)
    before = _LABEL_BEFORE_NUMBER.match(text.strip())
    if before and labels.field_of(before[1]) in HEADINGS | {labels.NUMBER_TITLE}:
        return Labelled(before[1], before[2], labels.field_of(before[1]))
    return None


@dataclass(slots=True)
class Reader:
    """Cards and headings in the order of the source; the headings above a card are its
    priority and measure."""

    source: Source = field(default_factory=Source)
    card: Found | None = None
    priority: str | None = None
    measure: str | None = None

    def heading(self, level: str, value: str, place: Place) -> bool:
        number, title = values.number_and_title(value)
        if number is None:
            return False
        parent = self.priority if level == labels.MEASURE else None
        self.source.headings.append(Heading(level, number, title or None, place, parent))
        if level == labels.PRIORITY:
            self.priority, self.measure = number, None
        else:
            self.measure = number
        self.card = None
        return True

    def start(self, place: Place) -> Found:
        self.card = Found(place, priority=self.priority, measure=self.measure)
        self.source.cards.append(self.card)
        return self.card

    def entry(self, label: str, field_name: str | None, place: Place) -> Entry:
        """A new entry, in a new card when this one starts a card."""
        card = self.card
        if card is None or (field_name in STARTS_CARD and _has(card, field_name)):
            card = self.start(place)
        added = Entry(label, place)
        card.entries.append(added)
        return added

    def unread(self, place: Place, text: str) -> None:
        self.source.unmapped.append(Unmapped(
            place, text, "Text mimo kartu aktivity; je-li součástí karty, doplňte ho ručně.",
            "Text outside any activity card; if it belongs to a card, add it by hand."))


def _has(card: Found, field_name: str | None) -> bool:
    wanted = {labels.NUMBER_TITLE, field_name} if field_name != "title" else \
        {labels.NUMBER_TITLE, "title"}
    if field_name == labels.NUMBER_TITLE:
        wanted |= {"number", "title"}
    return any(labels.field_of(e.label) in wanted for e in card.entries)


def add_line(entry: Entry, text: str, place: Place) -> None:
    if text.strip():
        entry.lines.append(Line(text.strip(), place))
