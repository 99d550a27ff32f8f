"""The kplan command line: parse, call, report, exit. Nothing else lives here.

One module a family of commands; each imports what it needs inside its commands, so
that ``kplan --help`` and a command that does not need them start fast.
"""


import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import typer

# Importing a command module registers its commands, in the order `kplan --help` lists them.
# isort: off
from kplan.cli import validate  # noqa: F401
from kplan.cli import meeting  # noqa: F401
from kplan.cli import change  # noqa: F401
from kplan.cli import fmt  # noqa: F401
from kplan.cli import new  # noqa: F401
from kplan.cli import needs  # noqa: F401
from kplan.cli import report  # noqa: F401
from kplan.cli import importing  # noqa: F401
from kplan.cli import repo  # noqa: F401
from kplan.cli import export  # noqa: F401
# isort: on
from kplan.cli.common import EXIT_OK, EXIT_USAGE, app

__all__ = ["app", "main"]


def main() -> None:
    """The console script: usage mistakes in the user's language, exit 2; bugs keep
    their traceback (without local variables: plan data holds contacts)."""
    from kplan.output.terminal import prepare_streams

    # kplan's models need no pydantic plugin, one installed beside kplan (an observability
    # tool's) would see the plan's contacts, and the search reads every package's metadata.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    prepare_streams()
    try:
        with only_the_invoked(sys.argv[1:]):
            result = app(standalone_mode=False, prog_name="kplan")
    except typer.Abort:
        raise SystemExit(130) from None
    except Exception as error:
        if getattr(error, "exit_code", None) != EXIT_USAGE or not hasattr(error, "ctx"):
            raise
        if type(error).__name__ == "NoArgsIsHelpError":
            error.show()  # type: ignore[attr-defined]
        else:
            typer.echo(_usage_message(error), err=True)
        raise SystemExit(EXIT_USAGE) from None
    raise SystemExit(result if isinstance(result, int) else EXIT_OK)


@contextmanager
def only_the_invoked(args: Sequence[str]) -> Iterator[None]:
    """While it runs, the app holds only the command that ``args`` name: typer builds every
    command's options on each run, and a run needs one. With no command or one it does not
    know (``kplan --help``, ``kplan stauts``), every command stays, for the list and for
    the guess of what was meant."""
    name = _command_named(args)
    commands, groups = list(app.registered_commands), list(app.registered_groups)
    kept = [c for c in commands if _name_of(c) == name]
    kept_groups = [g for g in groups if g.name == name]
    if kept or kept_groups:
        app.registered_commands[:], app.registered_groups[:] = kept, kept_groups
    try:
        yield
    finally:
        app.registered_commands[:], app.registered_groups[:] = commands, groups


def _command_named(args: Sequence[str]) -> str | None:
    """The first word after the root's own options (``--lang en``), if it comes before
    any other option."""
    words = iter(args)
    for word in words:
        if word == "--lang":
            next(words, None)
        elif not word.startswith("--lang="):
            return None if word.startswith("-") else word
    return None


def _name_of(command: typer.models.CommandInfo) -> str | None:
    if command.name:
        return command.name
    return typer.main.get_command_name(command.callback.__name__) if command.callback else None


def _usage_message(error: Exception) -> str:
    import re

    from kplan.cli.language import lang_in
    from kplan.i18n import in_lang, resolve_lang

    ctx = getattr(error, "ctx", None)
    command = ctx.command_path if ctx is not None else "kplan"
    param = getattr(error, "param", None)
    where = "/".join(getattr(param, "opts", None) or []) or getattr(param, "name", "") or ""
    original = getattr(error, "format_message", lambda: str(error))()
    option = getattr(error, "option_name", "")
    choice = re.search(r"'([^']*)' is not one of (.*?)\.?$", original)
    number = re.search(r"'([^']*)' is not a valid (integer|float)", original)
    if type(error).__name__ == "NoSuchOption":
        cs, en = f"neznámá volba {option}", f"no such option {option}"
    elif type(error).__name__ == "NoSuchCommand":
        cs, en = _no_such_command(error)
    elif type(error).__name__ == "MissingParameter":
        name = param.make_metavar(ctx) if _is_argument(param) else where  # type: ignore[union-attr]
        about = (getattr(param, "help", None) or "").rstrip(".")  # in the chosen language
        about = f" – {about[:1].lower()}{about[1:]}" if about else ""
        cs, en = f"chybí {name}{about}", f"missing {name}{about}"
    elif number:
        whole = number[2] == "integer"
        cs = f"{where}: „{number[1]}“ není {'celé číslo' if whole else 'číslo'}"
        en = f"{where}: '{number[1]}' is not {'a whole number' if whole else 'a number'}"
    elif choice:
        allowed = choice[2].replace("'", "")
        cs = f"{where}: hodnota „{choice[1]}“ není povolená; povolené jsou {allowed}"
        en = f"{where}: '{choice[1]}' is not allowed; use one of {allowed}"
    elif "unexpected extra argument" in original:
        extra = original.rpartition("(")[2].rstrip(")")
        cs, en = f"nadbytečný argument {extra}", f"unexpected extra argument {extra}"
    else:
        cs = en = original.rstrip(".")
    return in_lang((f"Chyba: {_ended(cs)}\nNápověda: {command} --help",
                    f"Error: {_ended(en)}\nHelp: {command} --help"),
                   resolve_lang(lang_in(sys.argv[1:]), None))


def _ended(sentence: str) -> str:
    return sentence if sentence.endswith("?") else f"{sentence}."


def _no_such_command(error: Exception) -> tuple[str, str]:
    """``neznámý příkaz „stauts“. Myslíte status, set-status nebo task?``"""
    name = getattr(error, "command_name", "")
    close = list(getattr(error, "possibilities", None) or [])
    cs, en = f"neznámý příkaz „{name}“", f"no such command '{name}'"
    if not close:
        return cs, en
    listed = ", ".join(close[:-1])
    return (f"{cs}. Myslíte {f'{listed} nebo ' if listed else ''}{close[-1]}?",
            f"{en}. Did you mean {f'{listed} or ' if listed else ''}{close[-1]}?")


def _is_argument(param: object) -> bool:
    return getattr(param, "param_type_name", "") == "argument"


