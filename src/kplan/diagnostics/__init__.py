"""Problems as values: one diagnostic per problem, with its place in the plan."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

Loc = tuple[str | int, ...]
"""A path inside one document: keys and list indexes, e.g. ``("milestones", 2, "due")``."""


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem in the plan data.

    ``file`` is relative to the plan root, with forward slashes. ``line`` and ``column``
    are 1-based; they are 0 while only ``loc`` is known (a cross-file check speaks of a
    place in a document, and the loader turns it into a line once, at the end).
    The message and hint are rendered from ``code`` and ``args`` in the reader's language.
    """

    file: str
    line: int
    column: int
    code: str
    severity: Severity
    args: Mapping[str, Any] = field(default_factory=dict)
    loc: Loc | None = None
    part: str = "value"
    """Which part of ``loc`` to point at: ``"value"``, ``"key"`` or ``"parent"``."""
    source: str | None = None
    """The line it points at as the file has it, kept by the loader for the excerpt."""

    def at(self, line: int, column: int) -> Diagnostic:
        return replace(self, line=line, column=column)

    def quoting(self, lines: Sequence[str]) -> Diagnostic:
        """With its line of ``lines`` (the file's) as its source, when it has one there."""
        if self.source is not None or not 1 <= self.line <= len(lines):
            return self
        return replace(self, source=lines[self.line - 1])

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)


def sorted_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    unique = {(d.sort_key, repr(sorted(d.args.items()))): d for d in diagnostics}
    return sorted(unique.values(), key=lambda d: d.sort_key)


def count_by_severity(diagnostics: Iterable[Diagnostic]) -> dict[Severity, int]:
    counts = dict.fromkeys(Severity, 0)
    for diagnostic in diagnostics:
        counts[diagnostic.severity] += 1
    return counts


def exit_status(diagnostics: Iterable[Diagnostic], *, strict: bool) -> int:
    """0 when clean, 1 when the data has errors (or warnings, when strict)."""
    counts = count_by_severity(diagnostics)
    if counts[Severity.ERROR] or (strict and counts[Severity.WARNING]):
        return 1
    return 0
