"""What the readers find in a Word or Excel file, before it is mapped to card fields: cards
as labelled values, headings, and what could not be read, each with its place in the source."""

from __future__ import annotations

from dataclasses import dataclass, field

from kplan.errors import EXIT_DATA, KplanError


@dataclass(frozen=True, slots=True)
class Place:
    """Where something stood, for the user: „tabulka 2, řádek 7“, „list Akční plán!F12“."""

    cs: str
    en: str


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    place: Place


@dataclass(slots=True)
class Entry:
    """A label and its value, one line a paragraph (or a line of a cell)."""

    label: str
    place: Place
    lines: list[Line] = field(default_factory=list)

    def texts(self) -> list[str]:
        return [line.text for line in self.lines if line.text.strip()]


@dataclass(slots=True)
class Found:
    """One activity card of the source, with the headings it stood under."""

    place: Place
    entries: list[Entry] = field(default_factory=list)
    priority: str | None = None
    measure: str | None = None


@dataclass(frozen=True, slots=True)
class Heading:
    level: str
    """``priority`` or ``measure``."""
    number: str
    title: str | None
    place: Place
    parent: str | None = None
    """A measure's priority: the heading it stood under."""


@dataclass(frozen=True, slots=True)
class Unmapped:
    """Something of the source that no card field holds, and what the user should do."""

    place: Place
    text: str
    todo_cs: str
    todo_en: str


@dataclass(slots=True)
class Source:
    cards: list[Found] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    unmapped: list[Unmapped] = field(default_factory=list)


class SourceError(KplanError):
    """The file cannot be read as a Word, Excel or CSV file (exit 1)."""

    exit_code = EXIT_DATA
