"""The mistakes an edit stops at: what was asked cannot be done, or a file changed meanwhile."""

from __future__ import annotations

from kplan.errors import EXIT_DATA, KplanError


class EditProblem(KplanError):
    """A user's mistake: what was asked cannot be done (exit 2 for usage, 1 for data)."""


class Conflict(KplanError):
    """A file changed on disk between reading and writing: nothing was written."""

    exit_code = EXIT_DATA
    _TEXTS = ("Soubor {file} se mezitím změnil, spusťte příkaz znovu.",
              "{file} changed in the meantime; run the command again.")

    def __init__(self, file: str, shown: str) -> None:
        cs, en = self._TEXTS
        super().__init__(cs.format(file=shown), en.format(file=shown))
        self.file = file
