"""The one kind of user mistake: what to say in Czech and English, and the exit status.

Every mistake in a user's data or options that stops a command raises a ``KplanError``;
the command line's entry point prints it in the user's language and exits with its code.
"""

from __future__ import annotations

from kplan.i18n import Lang, in_lang

EXIT_DATA, EXIT_USAGE = 1, 2


class KplanError(Exception):
    """A mistake of the user's, said in both languages (exit 2 for usage, 1 for data)."""

    exit_code: int = EXIT_USAGE

    def __init__(self, cs: str, en: str, exit_code: int | None = None) -> None:
        super().__init__(en)
        self.texts = (cs, en)
        if exit_code is not None:
            self.exit_code = exit_code

    def message(self, lang: Lang) -> str:
        return in_lang(self.texts, lang)
