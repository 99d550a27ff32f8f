"""A card whose file exists but did not load: every view names it, none leaves it out."""

from __future__ import annotations

from dataclasses import dataclass

from kplan.diagnostics import Diagnostic


@dataclass(frozen=True, slots=True)
class UnloadedCard:
    group: str
    """The group folder it is in; empty for a card of the plan as a whole."""
    number: str
    """The file's name without ``.yaml``: the number the card would have."""
    file: str
    error: Diagnostic | None
    """The file's first error (by line), or None when nothing names one."""

    @property
    def ref(self) -> str:
        return f"{self.group}/{self.number}" if self.group else self.number

    @property
    def line(self) -> int:
        return self.error.line if self.error is not None else 0
