"""The commands that read the whole plan and have no row of their own in ``run.py``, so
that the benchmark shows the time and peak memory of every command.

Each is timed with the cache warm and one card changed before each run, as in a
meeting: a remembered view does not answer, the plan is read from the cache. The
arguments name the plan ``{plan}``, the day ``{as_of}``, a card of the plan ``{card}``,
one of its meetings ``{meeting}`` and a folder for what a command writes ``{out}``.
"""

from __future__ import annotations

COMMANDS: dict[str, list[str]] = {
    "kplan status -f md": ["status", "{plan}", "--as-of", "{as_of}", "-f", "md"],
    "kplan status -f json": ["status", "{plan}", "--as-of", "{as_of}", "-f", "json"],
    "kplan status --brief": ["status", "{plan}", "--as-of", "{as_of}", "--brief"],
    "kplan overdue": ["overdue", "{plan}", "--as-of", "{as_of}"],
    "kplan upcoming": ["upcoming", "{plan}", "--as-of", "{as_of}"],
    "kplan show": ["show", "{card}", "{plan}", "--as-of", "{as_of}"],
    "kplan show -f json": ["show", "{card}", "{plan}", "--as-of", "{as_of}", "-f", "json"],
    "kplan list tasks": ["list", "tasks", "{plan}", "--as-of", "{as_of}"],
    "kplan list services": ["list", "services", "{plan}", "--as-of", "{as_of}"],
    "kplan list meetings": ["list", "meetings", "{plan}", "--as-of", "{as_of}"],
    "kplan minutes": ["minutes", "{meeting}", "{plan}"],
    "kplan needs": ["needs", "{plan}"],
    "kplan map": ["map", "{plan}"],
    "kplan export ics": ["export", "ics", "{plan}", "-o", "{out}/plan.ics"],
    "kplan export xlsx": ["export", "xlsx", "{plan}", "-o", "{out}/plan.xlsx"],
    "kplan export docx": ["export", "docx", "{plan}", "-o", "{out}/plan.docx"],
    "kplan export csv milestones": ["export", "csv", "milestones", "{plan}"],
    "kplan fmt --check": ["fmt", "--check", "{plan}"],
    "kplan changes": ["changes", "{plan}"],
    "kplan log": ["log", "{card}", "{plan}"],
    "kplan site": ["site", "{plan}", "-o", "{out}/site", "--as-of", "{as_of}"],
}
"""By the row's name: the arguments after ``kplan``."""
IN_GIT = {"kplan changes", "kplan log"}
"""Rows that need the plan in a git repository."""


def arguments(name: str, **values: str) -> list[str]:
    return [argument.format(**values) for argument in COMMANDS[name]]
