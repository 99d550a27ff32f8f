"""The plan where people already work: kplan export ics|xlsx|docx|csv, kplan site, map."""


import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kplan.cli.common import (
    AsOfFlag,
    GroupFlag,
    LangFlag,
    PathArgument,
    _console,
    _root,
    _usage_error,
    _view,
    _write_file,
    app,
)
from kplan.cli.language import english, helps
from kplan.i18n import in_lang

if TYPE_CHECKING:
    from collections.abc import Sequence

    from kplan.i18n import Lang
    from kplan.query.collab import Link

export_app = typer.Typer(help=helps("Plán ve formátech, se kterými lidé pracují: kalendář, "
                                    "Excel, Word, CSV.",
                                    "The plan in the formats people work with: a calendar, "
                                    "Excel, Word, CSV."),
                         no_args_is_help=True, rich_markup_mode=None)
app.add_typer(export_app, name="export")


class TableName(StrEnum):
    ACTIVITIES = "activities"
    MILESTONES = "milestones"
    EVALUATIONS = "evaluations"
    BUDGET = "budget"
    SERVICES = "services"
    MEETINGS = "meetings"
    TASKS = "tasks"


class MapFormat(StrEnum):
    TEXT = "text"
    SVG = "svg"
    JSON = "json"


OutputFile = Annotated[str | None, typer.Option(
    "--output", "-o", help=helps("Soubor, nebo složka (končí / nebo existuje); výchozí "
                                 "standardní výstup.",
                                 "A file, or a folder (it ends in / or exists); by default "
                                 "the standard output."), show_default=False)]


def _write(output: str | None, default_name: str, data: bytes, lang: "Lang") -> None:
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    _write_file(output, default_name, data, lang)


@export_app.command("ics")
@english("""A calendar (iCalendar, RFC 5545): the milestones on the day they are due, and the
    meetings. Stable UIDs: a subscribed calendar updates, it does not double.""")
def export_ics(path: PathArgument = None, group: GroupFlag = None, output: OutputFile = None,
               lang: LangFlag = None) -> None:
    """Kalendář (iCalendar, RFC 5545): kroky harmonogramu v den jejich termínu a schůzky.
    Stálé UID: odebíraný kalendář se aktualizuje, nezdvojuje."""
    from datetime import UTC, datetime

    from kplan.output.ics import calendar_bytes

    plan, chosen, _, _ = _view(path, lang, group, None, parts=True)
    _write(output, "plan.ics", calendar_bytes(plan, group, datetime.now(UTC).replace(
        microsecond=0)), chosen)


@export_app.command("xlsx")
@english("""A workbook for officials: activities, schedule, evaluations, budget, services,
    meetings and tasks, with cell types, filters and frozen headers.""")
def export_xlsx(output: Annotated[str, typer.Option(
                    "--output", "-o", help=helps(
                        "Soubor sešitu, např. plan.xlsx, nebo složka (končí / nebo existuje; "
                        "pak plan.xlsx v ní).",
                        "The workbook's file, e.g. plan.xlsx, or a folder (it ends in / or "
                        "exists; then plan.xlsx in it)."))],
                path: PathArgument = None, lang: LangFlag = None) -> None:
    """Sešit pro úředníky: aktivity, harmonogram, hodnocení, rozpočet, služby, schůzky
    a úkoly, s typy buněk, filtry a ukotvenými záhlavími."""
    from kplan.output.tables import all_tables
    from kplan.output.xlsx import workbook_bytes

    plan, chosen, _, _ = _view(path, lang, None, None, parts=True)
    _write(output, "plan.xlsx", workbook_bytes(all_tables(plan, chosen), chosen), chosen)


@export_app.command("docx")
@english("""Activity cards as a Word document for officials: headings of priorities and
    measures and each card as a table of two columns; kplan import reads the cards back.""")
def export_docx(output: Annotated[str, typer.Option(
                    "--output", "-o", help=helps(
                        "Soubor dokumentu, např. karty.docx, nebo složka (končí / nebo "
                        "existuje; pak karty.docx v ní).",
                        "The document's file, e.g. karty.docx, or a folder (it ends in / or "
                        "exists; then karty.docx in it)."))],
                path: PathArgument = None, group: GroupFlag = None,
                lang: LangFlag = None) -> None:
    """Karty aktivit jako dokument Wordu pro úředníky: nadpisy priorit a opatření a karta
    jako tabulka o dvou sloupcích; kplan import z něj karty zase načte."""
    from kplan.output.docx import cards_document

    plan, chosen, _, _ = _view(path, lang, group, None, parts=True)
    _write(output, "karty.docx", cards_document(plan, group), chosen)


@export_app.command("csv")
@english("""One table as CSV in UTF-8 with a BOM. Cells that begin with = + - @, a tab or CR
    get an apostrophe in front, so that a spreadsheet does not run them as a formula.""")
def export_csv(table: Annotated[TableName, typer.Argument(
                   metavar="TABULKA", help=helps(
                       "Která tabulka: activities, milestones, evaluations, budget, services, "
                       "meetings nebo tasks.",
                       "Which table: activities, milestones, evaluations, budget, services, "
                       "meetings or tasks."))],
               path: PathArgument = None,
               sep: Annotated[str, typer.Option(
                   "--sep", help=helps("Oddělovač: ; (český Excel) nebo , (pro nástroje).",
                                       "The separator: ; (Czech Excel) or , (for tools)."))]
               = ";",
               output: OutputFile = None, lang: LangFlag = None) -> None:
    """Jedna tabulka jako CSV v UTF-8 s BOM. Buňky začínající = + - @, tabulátorem nebo CR
    dostanou na začátek
    apostrof, aby je tabulkový procesor nespustil jako vzorec."""
    from kplan.output.tables import csv_bytes
    from kplan.output.tables import table as build_table

    if len(sep) != 1 or sep in "\"\r\n":
        raise _usage_error(f"--sep: {sep!r}")
    plan, chosen, _, _ = _view(path, lang, None, None, parts=True)
    _write(output, f"{table.value}.csv", csv_bytes(build_table(plan, table.value, chosen), sep,
                                                   chosen), chosen)


@app.command()
@english("""The plan's static site: a status overview, a page for each group, activity and
    service, a searchable directory of services, meetings, the collaboration map, the last
    evaluation and the calendar.""")
def site(output: Annotated[Path, typer.Option(
             "--output", "-o", help=helps(
                 "Složka webu (vytvoří se; jiné soubory v ní zůstanou).",
                 "The site's folder (made if needed; other files in it stay)."))],
         path: PathArgument = None, as_of: AsOfFlag = None, lang: LangFlag = None) -> None:
    """Statický web plánu: přehled stavu, stránka každé skupiny, aktivity a služby, adresář
    služeb s hledáním, schůzky, mapa spolupráce, poslední vyhodnocení a kalendář."""
    from kplan.output.files import written
    from kplan.render.site import site_files, write_site

    root = _root(path, lang)
    plan, chosen, scope, _ = _view(root, lang, None, as_of, parts=True)
    done: dict[str, Path] = {}
    try:
        for name, written_path in write_site(site_files(plan, scope.as_of, root / "templates"),
                                             output):
            done[name] = written_path
    except OSError as error:
        raise _usage_error(f"-o {output}: {error.strerror}") from None
    finally:
        for name in sorted(done):
            typer.echo(written(done[name], chosen))


@app.command("map")
@english("""The collaboration map: which organisations implement activities or work on them
    as partners, and who provides which services.""")
def map_(path: PathArgument = None,
         output_format: Annotated[MapFormat, typer.Option(
             "--format", "-f", help=helps("text (tabulka), svg (graf) nebo json.",
                                          "text (a table), svg (a graph) or json."))]
         = MapFormat.TEXT,
         lang: LangFlag = None) -> None:
    """Mapa spolupráce: které organizace realizují aktivity nebo na nich spolupracují
    a kdo poskytuje které služby."""
    import json

    from kplan.query import collab
    from kplan.visible import json_text

    plan, chosen, _, _ = _view(path, lang, None, None, parts=True)
    graph = collab.collab_map(plan)
    if output_format is MapFormat.JSON:
        sys.stdout.write(json_text(json.dumps(collab.as_json(graph), ensure_ascii=False,
                                              indent=2)) + "\n")
    elif output_format is MapFormat.SVG:
        title = in_lang(("Mapa spolupráce", "Collaboration map"), chosen)
        for piece in collab.svg_pieces(graph, title, chosen):
            sys.stdout.write(piece)
        sys.stdout.write("\n")
    else:
        _map_table(collab.links(graph), chosen)


def _map_table(rows: "Sequence[Link]", lang: str) -> None:
    from rich.table import Table
    from rich.text import Text

    from kplan.output.longtable import print_table
    from kplan.query.collab import ROLE_WORDS
    from kplan.visible import printable

    def table() -> Table:
        return Table(in_lang(("Organizace nebo služba", "Organisation or service"), lang),
                     "Role", in_lang(("Aktivita nebo služba", "Activity or service"), lang))

    print_table(_console(), table, [(Text(printable(row.organisation)),
                                     in_lang(ROLE_WORDS[row.role], lang),
                                     Text(printable(row.label))) for row in rows])
