"""The yearly evaluation: kplan report."""


import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from kplan.i18n import Lang
    from kplan.plan.model import Plan

from kplan.cli.common import (
    AsOfFlag,
    LangFlag,
    PathArgument,
    _root,
    _view,
    _write_file,
    app,
)
from kplan.cli.language import english, helps
from kplan.i18n import say

_PERIOD_WORDS = {
    "outside": ("Pozor: rok {year} je mimo období plánu {start}–{end}; vyhodnocení "
                "nebude mít co hodnotit. Zvolte --year {start} až {end}.",
                "Warning: {year} is outside the plan's period {start}–{end}; the report "
                "will have nothing to evaluate. Choose --year {start} to {end}."),
    "clamped": ("Vyhodnocení za rok {year}: loňský rok {last} je mimo období plánu "
                "{start}–{end} (jiný rok: --year).",
                "The report of {year}: last year, {last}, is outside the plan's period "
                "{start}–{end} (another year: --year)."),
}


def _mention_period(plan: "Plan", year: int, by_default: bool, last: int,
                    lang: "Lang") -> None:
    """A word on stderr when the year is outside the plan's period, or the default
    year is not last year."""
    if plan.meta is None:
        return
    start, end = plan.meta.period.start, plan.meta.period.end
    key = "clamped" if by_default and year != last else \
        "outside" if not start <= year <= end else None
    if key is not None:
        typer.echo(say(_PERIOD_WORDS, key, lang, year=year, last=last, start=start, end=end),
                   err=True)


class ReportFormat(StrEnum):
    MD = "md"
    HTML = "html"


@app.command()
@english("""The yearly evaluation of the community plan for the town council: a summary,
    activities by group, priority and measure, services and meetings. Templates in the
    plan's templates/ folder come before the built-in ones. An error in a template: exit
    status 1.""")
def report(path: PathArgument = None,
           year: Annotated[int | None, typer.Option(
               "--year", "-y", help=helps(
                   "Hodnocený rok; výchozí loňský rok (podle --as-of), je-li v období plánu, "
                   "jinak nejbližší rok období.",
                   "The year evaluated; by default last year (by --as-of) if it is in the "
                   "plan's period, else the period's nearest year."),
               show_default=False)] = None,
           output_format: Annotated[ReportFormat, typer.Option(
               "--format", "-f", help=helps(
                   "md (do repozitáře) nebo html (jedna stránka, i k tisku).",
                   "md (for the repository) or html (one page, to print too)."))]
           = ReportFormat.MD,
           output: Annotated[str | None, typer.Option(
               "--output", "-o", help=helps(
                   "Soubor, nebo složka (končí / nebo existuje; pak vyhodnoceni-ROK.md/.html "
                   "v ní); bez ní vypíše zprávu do terminálu.",
                   "A file, or a folder (it ends in / or exists; then vyhodnoceni-YEAR.md/.html "
                   "in it); without it the report goes to the terminal."),
               show_default=False)] = None,
           as_of: AsOfFlag = None, lang: LangFlag = None) -> None:
    """Vyhodnocení plnění komunitního plánu za rok pro zastupitelstvo: souhrn, aktivity
    podle skupin, priorit a opatření, služby a schůzky. Šablony ze složky templates/ plánu
    mají přednost před vestavěnými. Chyba v šabloně: návratový kód 1."""
    from kplan.cli.usage import year_range
    from kplan.query.timeframe import year_in_range
    from kplan.render.context import build_report
    from kplan.render.environment import render_report
    from kplan.render.site import report_year

    root = _root(path, lang)
    plan, chosen, scope, _ = _view(root, lang, None, as_of, parts=True)
    if year is not None and not year_in_range(year):
        raise year_range(year)
    chosen_year = year if year is not None else report_year(plan, scope.as_of)
    _mention_period(plan, chosen_year, year is None, scope.as_of.year - 1, chosen)
    context = build_report(plan, chosen_year, scope.as_of, chosen)
    text = render_report(context, output_format.value, root / "templates")
    if output is None:
        sys.stdout.write(text)
        return
    _write_file(output, f"vyhodnoceni-{chosen_year}.{output_format.value}",
                text.encode("utf-8"), chosen)
