"""Acknowledged warnings: ``# kplan: disable=KP401 reason`` comments in plan files.

A trailing comment covers its own line; a comment alone on a line covers the next
line; ``# kplan: disable-file=KP401 reason`` covers the whole file. Only warnings can be
acknowledged: an error always fails validation. A comment naming a code that is not a
warning is itself reported (KP410), so a typo does not hide anything silently; a retired
code gets KP410 saying so and that the comment can go.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from kplan.diagnostics import Diagnostic, Severity
from kplan.diagnostics.codes import CODES, RETIRED, RETIRED_PROBLEM, diag

_DIRECTIVE = re.compile(
    r"#\s*kplan:\s*(disable|disable-file)\s*=\s*([A-Za-z0-9]+(?:\s*,\s*[A-Za-z0-9]+)*)")
MARKER = "kplan:"
"""Text without this marker has no directives: the loader skips parsing it."""


@dataclass(slots=True)
class Suppressions:
    by_line: dict[int, set[str]] = field(default_factory=dict)
    whole_file: set[str] = field(default_factory=set)
    unknown: list[Diagnostic] = field(default_factory=list)

    def covers(self, diagnostic: Diagnostic) -> bool:
        if diagnostic.severity is not Severity.WARNING:
            return False
        return diagnostic.code in self.whole_file or \
            diagnostic.code in self.by_line.get(diagnostic.line, ())


def parse_suppressions(file: str, lines: Iterable[str]) -> Suppressions:
    found = Suppressions()
    for number, content in enumerate(lines, start=1):
        match = _DIRECTIVE.search(content)
        if not match:
            continue
        codes = {code.strip().upper() for code in match[2].split(",") if code.strip()}
        found.unknown += (_not_disabled(file, number, match.start() + 1, code)
                          for code in sorted(codes)
                          if code not in CODES or CODES[code].severity is not Severity.WARNING)
        if match[1] == "disable-file":
            found.whole_file |= codes
            continue
        target = number + 1 if content.lstrip().startswith("#") else number
        found.by_line.setdefault(target, set()).update(codes)
    return found


def _not_disabled(file: str, line: int, column: int, code: str) -> Diagnostic:
    """KP410 for a code no comment can disable: an error, an unknown or a retired code."""
    if code in RETIRED:
        advice = {lang: text.format(rule=code) for lang, text in RETIRED[code].items()}
        return diag(file, "KP410", line=line, column=column, rule=code,
                    problem=RETIRED_PROBLEM, advice=advice)
    return diag(file, "KP410", line=line, column=column, rule=code)
