"""The yearly evaluation: kplan report."""


import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kplan.cli.common import (
    EXIT_DATA,
    AsOfFlag,
    LangFlag,
    PathArgument,
    _root,
    _usage_error,
    _view,
    app,
)


class ReportFormat(StrEnum):
    MD = "md"
    HTML = "html"


@app.command()
def report(path: PathArgument = None,
           year: Annotated[int | None, typer.Option(
               "--year", "-y", help="Hodnocený rok; výchozí loňský rok (podle --as-of).",
               show_default=False)] = None,
           output_format: Annotated[ReportFormat, typer.Option(
               "--format", "-f", help="md (do repozitáře) nebo html (jedna stránka, i k tisku).")]
           = ReportFormat.MD,
           output: Annotated[Path | None, typer.Option(
               "--output", "-o", help="Soubor, nebo složka (pak vyhodnoceni-ROK.md/.html); "
               "výchozí standardní výstup.", show_default=False)] = None,
           as_of: AsOfFlag = None, lang: LangFlag = None) -> None:
    """Vyhodnocení plnění komunitního plánu za rok pro zastupitelstvo: souhrn, aktivity
    podle skupin, priorit a opatření, služby a schůzky. Šablony ze složky templates/ plánu
    mají přednost před vestavěnými. Chyba v šabloně: návratový kód 1."""
    from kplan.output.views import year_range
    from kplan.query.report import build_report
    from kplan.query.timeframe import year_in_range
    from kplan.render.environment import TemplateProblem, render_report

    root = _root(path, lang)
    plan, chosen, scope, _ = _view(root, lang, None, as_of)
    chosen_year = year if year is not None else scope.as_of.year - 1
    if year is not None and not year_in_range(year):
        raise _usage_error(year_range(year, chosen))
    context = build_report(plan, chosen_year, scope.as_of, chosen)
    try:
        text = render_report(context, output_format.value, root / "templates")
    except TemplateProblem as problem:
        typer.echo(problem.message(chosen), err=True)
        raise typer.Exit(EXIT_DATA) from None
    if output is None:
        sys.stdout.write(text)
        return
    target = output / f"vyhodnoceni-{chosen_year}.{output_format.value}" if output.is_dir() \
        else output
    try:
        target.write_text(text, encoding="utf-8", newline="\n")
    except OSError as error:
        raise _usage_error(f"-o {output}: {error.strerror}") from None
