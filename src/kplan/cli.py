"""The kplan command line: parse, call, report, exit. Nothing else lives here.

Imports of kplan's modules happen inside the commands, so that ``kplan --help`` and a
command that does not need them start fast.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from kplan.codes import Lang
    from kplan.loader import LoadResult

app = typer.Typer(
    name="kplan",
    help="Komunitní plán sociálních služeb v gitu: kontrola dat, stav plánu, vyhodnocení.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    add_completion=False,
)

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


class ValidateFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


class LangOption(StrEnum):
    CS = "cs"
    EN = "en"


PathArgument = Annotated[
    Path | None,
    typer.Argument(help="Složka plánu (s plan.yaml); výchozí ./data, jinak aktuální složka.",
                   show_default=False),
]
LangFlag = Annotated[
    LangOption | None,
    typer.Option("--lang", help="Jazyk zpráv: cs nebo en (jinak KPLAN_LANG, jazyk plánu).",
                 show_default=False),
]


def _console(stream: object = None) -> Console:
    from rich.console import Console

    out = stream or sys.stdout
    interactive = bool(getattr(out, "isatty", lambda: False)())
    return Console(file=out, width=None if interactive else 100,  # type: ignore[arg-type]
                   force_terminal=interactive, no_color=not interactive or "NO_COLOR" in
                   os.environ, highlight=False, soft_wrap=False)


def _load(path: Path | None, lang: LangOption | None) -> tuple[LoadResult, Lang]:
    from kplan.codes import resolve_lang
    from kplan.loader import NotAPlanError, find_plan_root, load_plan

    try:
        root = find_plan_root(path)
    except NotAPlanError as error:
        chosen = resolve_lang(lang, None)
        _usage_error(_not_a_plan(error.path, chosen))
    result = load_plan(root)
    locale = result.plan.meta.locale.value if result.plan.meta else None
    return result, resolve_lang(lang, locale)


def _not_a_plan(path: Path, lang: Lang) -> str:
    if lang == "en":
        return (f"'{path}' is not a plan: it has no plan.yaml. Name the plan folder, "
                "e.g. kplan validate data.")
    return (f"„{path}“ není složka plánu: chybí v ní plan.yaml. Zadejte složku plánu, "
            "např. kplan validate data.")


def _usage_error(text: str) -> typer.Exit:
    typer.echo(text, err=True)
    raise typer.Exit(EXIT_USAGE)


@app.command()
def validate(
    path: PathArgument = None,
    output_format: Annotated[
        ValidateFormat | None,
        typer.Option("--format", "-f", help="text (pro lidi), json (pro nástroje), github "
                     "(anotace v GitHub Actions; výchozí, když GITHUB_ACTIONS=true).",
                     show_default=False),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Neúspěch i při varováních.")] = False,
    lang: LangFlag = None,
) -> None:
    """Zkontroluje data plánu a vypíše každou chybu s místem a radou.

    Návratový kód: 0 v pořádku, 1 chyby v datech (s --strict i varování), 2 špatné použití.
    """
    from kplan.diagnostics import exit_status
    from kplan.reporters import STREAM_RENDERERS, ValidationReport, render_text

    result, chosen_lang = _load(path, lang)
    plan = result.plan
    report = ValidationReport(root=result.root, diagnostics=result.diagnostics, lang=chosen_lang,
                              counts={"activity": len(plan.activities),
                                      "service": len(plan.services),
                                      "meeting": len(plan.meetings)})
    chosen = output_format or (ValidateFormat.GITHUB if os.environ.get("GITHUB_ACTIONS") == "true"
                               else ValidateFormat.TEXT)
    if chosen is ValidateFormat.TEXT:
        render_text(report, _console())
    else:
        STREAM_RENDERERS[chosen.value](report, sys.stdout)
    raise typer.Exit(exit_status(result.diagnostics, strict=strict))


@app.command()
def schema(
    folder: Annotated[Path, typer.Argument(help="Kam zapsat schémata.")] = Path("schemas"),
) -> None:
    """Zapíše JSON Schémata souborů plánu pro napovídání v editoru.

    V souboru je propojí první řádek, např. pro kartu aktivity:
    # yaml-language-server: $schema=../../schemas/activity.schema.json
    """
    from kplan.schema import write_schemas

    for written in write_schemas(folder):
        typer.echo(written.as_posix())


def main() -> None:
    """The console script: usage mistakes in the user's language, exit 2; bugs keep
    their traceback (without local variables: plan data holds contacts)."""
    try:
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


def _usage_message(error: Exception) -> str:
    import re

    from kplan.codes import resolve_lang

    ctx = getattr(error, "ctx", None)
    command = ctx.command_path if ctx is not None else "kplan"
    param = getattr(error, "param", None)
    where = "/".join(getattr(param, "opts", None) or []) or getattr(param, "name", "") or ""
    original = getattr(error, "format_message", lambda: str(error))()
    option = getattr(error, "option_name", "")
    choice = re.search(r"'([^']*)' is not one of (.*?)\.?$", original)
    if type(error).__name__ == "NoSuchOption":
        cs, en = f"neznámá volba {option}", f"no such option {option}"
    elif type(error).__name__ == "MissingParameter":
        cs, en = f"chybí {where}", f"missing {where}"
    elif choice:
        allowed = choice[2].replace("'", "")
        cs = f"{where}: hodnota „{choice[1]}“ není povolená; povolené jsou {allowed}"
        en = f"{where}: '{choice[1]}' is not allowed; use one of {allowed}"
    elif "unexpected extra argument" in original:
        extra = original.rpartition("(")[2].rstrip(")")
        cs, en = f"nadbytečný argument {extra}", f"unexpected extra argument {extra}"
    else:
        cs = en = original.rstrip(".")
    if resolve_lang(_lang_in_argv(), None) == "en":
        return f"Error: {en}.\nHelp: {command} --help"
    return f"Chyba: {cs}.\nNápověda: {command} --help"


def _lang_in_argv() -> str | None:
    args = sys.argv[1:]
    for index, arg in enumerate(args):
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
        if arg == "--lang" and index + 1 < len(args):
            return args[index + 1]
    return None
