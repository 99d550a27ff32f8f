"""Mistakes in the options of the plan's views (``--as-of``, ``--within``, ``--group``,
``--year``, the filters of ``kplan list``) and in a reference to a card (``kplan show``,
``kplan minutes``), and the note that the plan has errors.

A mistake is a ``UsageMistake``: a ``KplanError`` with its Czech and English text, exit 2,
said by the one handler around every command (``cli.language``) after the note, when
there is one, that the plan has errors and only what loaded is shown.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kplan.errors import EXIT_USAGE, KplanError
from kplan.i18n import LANGS, Lang, counted, in_lang, say
from kplan.query.timeframe import FIRST_DAY, LAST_DAY

if TYPE_CHECKING:
    from kplan.query.catalog import Ambiguous, NotFound

_WORDS: dict[str, tuple[str, str]] = {
    "plan_errors": ("Plán má {errors}; ukazuji jen to, co se načetlo. Podrobnosti: "
                    "kplan validate {root}",
                    "The plan has {errors}; showing only what loaded. Details: "
                    "kplan validate {root}"),
    "bad_day": ("--as-of: „{value}“ není den; pište RRRR-MM-DD, např. 2021-01-01.",
                "--as-of: '{value}' is not a day; write YYYY-MM-DD, e.g. 2021-01-01."),
    "bad_within": ("--within: „{value}“ není doba; pište např. 60d (dní), 8w (týdnů), "
                   "3m (měsíců).",
                   "--within: '{value}' is not a length of time; write e.g. 60d (days), "
                   "8w (weeks), 3m (months)."),
    "day_range": ("{option}: den {value} je mimo rozsah, se kterým kplan počítá "
                  "({first} až {last}).",
                  "{option}: the day {value} is outside the range kplan works with "
                  "({first} to {last})."),
    "year_range": ("--year: rok {value} je mimo rozsah, se kterým kplan počítá ({first}–{last}).",
                   "--year: the year {value} is outside the range kplan works with "
                   "({first}–{last})."),
    "unknown_group": ("--group: skupina „{value}“ v plánu není; skupiny: {known}.",
                      "--group: there is no group '{value}' in the plan; groups: {known}."),
    "bad_filter": ("{options}: v seznamu {kind} se nepoužívá; lze použít {allowed}.",
                   "{options}: does not apply to {kind}; use {allowed}."),
    "bad_status": ("--status: „{value}“ v seznamu {kind} není; povolené jsou {allowed}.",
                   "--status: '{value}' is not a status of {kind}; use one of {allowed}."),
    "ambiguous": ("„{query}“ odpovídá více věcem; napište celý odkaz: {matches}",
                  "'{query}' matches more than one thing; write the full reference: {matches}"),
    "not_found": ("„{query}“ v plánu není (aktivita, služba ani schůzka).",
                  "'{query}' is not in the plan (no activity, service or meeting)."),
    "broken": ("Soubor pro „{ref}“ má chyby a nenačetl se; podrobnosti ukáže kplan validate.",
               "The file for '{ref}' has errors and did not load; kplan validate shows them."),
    "similar": ("Podobné: {names}", "Similar: {names}"),
}


class UsageMistake(KplanError):
    """A mistake in a command's options: its text in both languages, exit 2."""

    exit_code = EXIT_USAGE

    def __init__(self, texts: tuple[str, str], notice: str | None = None) -> None:
        super().__init__(*texts)
        self.notice = notice
        """The note that the plan has errors, said first (in the command's language)."""

    def message(self, lang: Lang) -> str:
        said = super().message(lang)
        return f"{self.notice}\n{said}" if self.notice else said


def mistake(key: str, notice: str | None = None, **args: object) -> UsageMistake:
    """The mistake ``key``; an argument that differs by language is a ``(cs, en)`` pair."""
    cs, en = (say(_WORDS, key, lang, **{name: in_lang(value, lang) if isinstance(value, tuple)
                                         else value for name, value in args.items()})
              for lang in LANGS)
    return UsageMistake((cs, en), notice)


def day_range(option: str, value: object, notice: str | None = None) -> UsageMistake:
    """A day outside ``timeframe.FIRST_DAY`` … ``LAST_DAY``."""
    return mistake("day_range", notice, option=option, value=value,
                   first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat())


def year_range(value: int) -> UsageMistake:
    return mistake("year_range", value=value, first=FIRST_DAY.year, last=LAST_DAY.year)


def plan_errors(errors: int, root: Path, lang: Lang) -> str:
    """The note on stderr before a view of a plan with ``errors`` errors."""
    return say(_WORDS, "plan_errors", lang, errors=counted(errors, "error_object", lang),
               root=root.as_posix())


def unknown_reference(result: Ambiguous | NotFound, notice: str | None = None) -> UsageMistake:
    """A reference that matches several things or nothing: what matched, or what is close."""
    cs, en = (_reference_text(result, lang) for lang in LANGS)
    return UsageMistake((cs, en), notice)


def _reference_text(result: Ambiguous | NotFound, lang: Lang) -> str:
    from kplan.query.catalog import Ambiguous

    if isinstance(result, Ambiguous):
        return say(_WORDS, "ambiguous", lang, query=result.query,
                   matches=", ".join(result.matches))
    if result.broken:
        return say(_WORDS, "broken", lang, ref=result.broken)
    text = say(_WORDS, "not_found", lang, query=result.query)
    if result.suggestions:
        text += "\n" + say(_WORDS, "similar", lang, names=", ".join(result.suggestions))
    return text
