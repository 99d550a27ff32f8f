"""kplan validate and kplan schema: is the plan right, and editor support."""


import os
import sys
from pathlib import Path
from typing import Annotated

import click
import typer

from kplan.cli.common import (
    LangFlag,
    NoCacheFlag,
    PathArgument,
    _outcome,
    _usage_error,
    app,
)
from kplan.cli.language import english, helps
from kplan.output.formats import REPORTERS


@app.command()
@english("""Checks the plan's data and prints every error with its place and a hint.

    Exit status: 0 all right, 1 errors in the data (with --strict warnings too), 2 wrong use.
    """)
def validate(
    path: PathArgument = None,
    output_format: Annotated[
        str | None,
        typer.Option("--format", "-f", click_type=click.Choice(list(REPORTERS)),
                     help=helps("text (pro lidi), json (pro nástroje), github (anotace v GitHub "
                                "Actions; výchozí, když GITHUB_ACTIONS=true), gitlab "
                                "(zpráva Code Quality pro GitLab).",
                                "text (for people), json (for tools), github (annotations in "
                                "GitHub Actions; the default when GITHUB_ACTIONS=true), gitlab "
                                "(a Code Quality report for GitLab)."),
                     show_default=False),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help=helps(
        "Neúspěch i při varováních.", "Fail on warnings too."))] = False,
    lang: LangFlag = None,
    no_cache: NoCacheFlag = False,
) -> None:
    """Zkontroluje data plánu a vypíše každou chybu s místem a radou.

    Návratový kód: 0 v pořádku, 1 chyby v datech (s --strict i varování), 2 špatné použití.
    """
    from kplan.diagnostics import exit_status
    from kplan.output.reporters import ValidationReport

    root, outcome, chosen_lang = _outcome(path, lang, use_cache=not no_cache)
    report = ValidationReport(root=root, diagnostics=outcome.diagnostics, lang=chosen_lang,
                              counts=outcome.counts)
    chosen = output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true"
                               else "text")
    REPORTERS[chosen](report, sys.stdout)
    raise typer.Exit(exit_status(outcome.diagnostics, strict=strict))


@app.command()
@english("""Writes the JSON Schemas of the plan's files, for completion in an editor.

    A file's first line links it to its schema, e.g. for an activity card:
    # yaml-language-server: $schema=../../schemas/activity.schema.json
    """)
def schema(
    folder: Annotated[Path, typer.Argument(
        metavar="SLOŽKA", help=helps("Kam zapsat schémata.", "Where to write the schemas."))]
    = Path("schemas"),
    lang: LangFlag = None,
) -> None:
    """Zapíše JSON Schémata souborů plánu pro napovídání v editoru.

    V souboru je propojí první řádek, např. pro kartu aktivity:
    # yaml-language-server: $schema=../../schemas/activity.schema.json
    """
    from kplan.i18n import resolve_lang
    from kplan.output.files import write_schemas, written

    chosen = resolve_lang(lang, None)
    try:
        paths = write_schemas(folder)
    except OSError as error:
        raise _usage_error(f"{folder.as_posix()}: {error.strerror or type(error).__name__}") \
            from None
    for path in paths:
        typer.echo(written(path, chosen))


