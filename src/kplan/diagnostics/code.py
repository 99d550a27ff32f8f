"""One diagnostic code of the registry: its severity and its texts in Czech and English."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kplan.diagnostics import Severity

E, W = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    severity: Severity
    cs: tuple[str, str]
    """Message and hint in Czech, as ``str.format`` templates over the diagnostic's args."""
    en: tuple[str, str]
    defaults: Mapping[str, Any] | None = None
    """Args a diagnostic of this code may leave out."""

