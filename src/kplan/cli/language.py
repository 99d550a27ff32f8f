"""Help in the user's language, click's and typer's own words too, and help that hides nothing.

click and typer look their texts up through ``gettext`` (``_("Usage:")``); ``install``
gives those modules a lookup that answers in Czech unless the command line says
``--lang en`` (before or after the command) or ``KPLAN_LANG=en``. kplan's own help texts
are written as pairs beside their command: ``help=helps(cs, en)`` for an option, an
argument or a group of commands, ``@english(en)`` over a command whose docstring is the
Czech. click keeps the Czech; ``help`` says it in the chosen language when it is shown.
Commands list their whole descriptions, not cut with "...", and every argument keeps its
help (typer 0.24 loses it under click 8.5).
"""

from __future__ import annotations

import inspect
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click
import click.core
import click.decorators
import click.formatting
import typer.core
import typer.main

from kplan.errors import KplanError
from kplan.i18n import Lang, in_lang

_CZECH = {
    "Usage:": "Použití:",
    "Options": "Volby",
    "Arguments": "Argumenty",
    "Commands": "Příkazy",
    "Positional arguments": "Argumenty",
    "Show this message and exit.": "Zobrazí tuto nápovědu a skončí.",
    "required": "povinné",
    "default: {default}": "výchozí: {default}",
    "env var: {var}": "proměnná prostředí: {var}",
    "(dynamic)": "(proměnlivé)",
    "Aborted!": "Přerušeno.",
    "deprecated": "zastaralé",
    "Missing command.": "chybí příkaz.",
}
_PIECES = {"[OPTIONS]": "[VOLBY]", "COMMAND [ARGS]...": "PŘÍKAZ [ARGUMENTY]..."}

_chosen: list[Lang] = ["cs"]
_spoken: list[Lang | None] = [None]
"""The language the command answers in, once it is known (``--lang``, the plan's locale)."""


def choose(args: Sequence[str] | None) -> None:
    """The language of click's texts: ``--lang`` in ``args``, then ``KPLAN_LANG``, then Czech."""
    from kplan.i18n import resolve_lang

    _chosen[0] = resolve_lang(lang_in(sys.argv[1:] if args is None else args), None)


def speak(lang: Lang) -> Lang:
    """Remember the command's language for the mistake it may yet report; give it back."""
    _spoken[0] = lang
    return lang


def lang_in(args: Sequence[str]) -> str | None:
    """The last ``--lang`` of ``args``, as click takes the last of an option given twice."""
    found = None
    for index, arg in enumerate(args):
        if arg.startswith("--lang="):
            found = arg.partition("=")[2]
        elif arg == "--lang" and index + 1 < len(args):
            found = args[index + 1]
    return found


def translate(message: str) -> str:
    return in_lang((_CZECH.get(message, message), message), _chosen[0])


def _piece(text: str) -> str:
    return in_lang((_PIECES.get(text, text), text), _chosen[0])


_ENGLISH: dict[str, str] = {}
"""The English of each of kplan's help texts, by its Czech as click keeps it."""
F = TypeVar("F", bound=Callable[..., Any])


def helps(cs: str, en: str) -> str:
    """A help text for click in both languages: the Czech, its English remembered."""
    czech, said = inspect.cleandoc(cs), inspect.cleandoc(en)
    if _ENGLISH.setdefault(czech, said) != said:
        raise ValueError(f"one Czech help, two English ones: {czech!r}")
    return cs


def english(en: str) -> Callable[[F], F]:
    """The English of a command's help, whose Czech is the docstring; under ``@app.command()``."""
    def remember(command: F) -> F:
        helps(inspect.getdoc(command) or "", en)
        return command
    return remember


def in_chosen(text: str | None) -> str | None:
    """A help text as click keeps it (Czech) in the chosen language."""
    if not text:
        return text
    return in_lang((text, _ENGLISH.get(inspect.cleandoc(text), text)), _chosen[0])


class Helped:
    """``help`` of a command or a parameter, in the language chosen when it is shown."""

    _czech: str | None = None

    @property
    def help(self) -> str | None:
        return in_chosen(self._czech)

    @help.setter
    def help(self, text: str | None) -> None:
        self._czech = text


def first_paragraph(command: click.Command) -> str:
    """A command's description in the list of commands: its first paragraph, whole."""
    if command.short_help:
        return command.short_help
    paragraph = (command.help or "").strip().split("\n\n")[0]
    return " ".join(paragraph.split())


_NAMES: dict[str, tuple[str, str]] = {
    "INTEGER": ("ČÍSLO", "INTEGER"), "FLOAT": ("ČÍSLO", "FLOAT"), "PATH": ("CESTA", "PATH"),
    "FILENAME": ("SOUBOR", "FILENAME"), "BOOLEAN": ("ANO/NE", "BOOLEAN"),
    "DIRECTORY": ("SLOŽKA", "DIRECTORY"), "FILE": ("SOUBOR", "FILE"),
    "AKTIVITA": ("AKTIVITA", "ACTIVITY"), "KROK": ("KROK", "MILESTONE"),
    "SLOŽKA": ("SLOŽKA", "FOLDER"), "SKUPINA": ("SKUPINA", "GROUP"),
    "SCHŮZKA": ("SCHŮZKA", "MEETING"), "ÚKOL": ("ÚKOL", "TASK"), "ČÍSLO": ("ČÍSLO", "NUMBER"),
    "DEN": ("DEN", "DAY"), "STAV": ("STAV", "STATUS"), "POLE": ("POLE", "FIELD"),
    "HODNOTA": ("HODNOTA", "VALUE"), "CESTA": ("CESTA", "PATH"), "CO": ("CO", "WHAT"),
    "TABULKA": ("TABULKA", "TABLE"), "SOUBOR": ("SOUBOR", "FILE"), "ROK": ("ROK", "YEAR"),
    "TERMÍN": ("TERMÍN", "DUE"), "ČÁSTKA": ("ČÁSTKA", "AMOUNT"),
}
"""The words of placeholders in each language: click's type names, and the Czech ones
kplan's commands declare."""
_WORD = re.compile(r"[^\W\d_]+")


def named(metavar: str, lang: Lang) -> str:
    """``[SLOŽKA]`` as ``[FOLDER]`` in English, click's ``INTEGER`` as ``ČÍSLO`` in Czech."""
    return _WORD.sub(lambda word: in_lang(_NAMES.get(word[0], (word[0], word[0])), lang),
                     metavar)


class KplanArgument(Helped, typer.core.TyperArgument):
    def __init__(self, *, help: str | None = None, **kwargs: Any) -> None:
        super().__init__(help=help, **kwargs)
        self.help = help

    def make_metavar(self, ctx: click.Context) -> str:
        return named(super().make_metavar(ctx), _chosen[0])


class KplanOption(Helped, typer.core.TyperOption):
    def get_default(self, ctx: click.Context, call: bool = True) -> Any:
        """``kplan --lang en status``: a command's ``--lang`` is the one before it, if given."""
        before = ctx.find_root().params.get("lang") if self.opts == ["--lang"] else None
        return before if before is not None else super().get_default(ctx, call)

    def make_metavar(self, ctx: click.Context) -> str:
        return named(super().make_metavar(ctx), _chosen[0])


class KplanCommand(Helped, typer.core.TyperCommand):
    def format_arguments(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """typer lists the arguments with the options."""

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return [_piece(piece) for piece in super().collect_usage_pieces(ctx)]


class KplanGroup(Helped, typer.core.TyperGroup):
    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return [_piece(piece) for piece in super().collect_usage_pieces(ctx)]

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, first_paragraph(command)) for name in self.list_commands(ctx)
                if (command := self.get_command(ctx, name)) is not None and not command.hidden]
        if rows:
            with formatter.section(translate("Commands")):
                formatter.write_dl(rows)

    def main(self, args: Sequence[str] | None = None, *more: Any, **kwargs: Any) -> Any:
        choose(args)
        _spoken[0] = None
        return super().main(args, *more, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        """The one place a user's mistake (``KplanError``) is said and turned into its exit."""
        try:
            return super().invoke(ctx)
        except KplanError as error:
            click.echo(error.message(_spoken[0] or _chosen[0]), err=True)
            raise click.exceptions.Exit(error.exit_code) from None


def install() -> None:
    """Before any command is declared: typer builds them from these classes."""
    for module in (click.core, click.decorators, click.formatting, typer.core):
        module._ = translate  # type: ignore[attr-defined]
    for name, kind in (("TyperArgument", KplanArgument), ("TyperOption", KplanOption),
                       ("TyperCommand", KplanCommand), ("TyperGroup", KplanGroup)):
        setattr(typer.main, name, kind)
