"""The kplan command line: parse, call, report, exit. Nothing else lives here.

Imports of kplan's modules happen inside the commands, so that ``kplan --help`` and a
command that does not need them start fast.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from kplan.cache import DocumentCache, Outcome
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
NoCacheFlag = Annotated[
    bool, typer.Option("--no-cache", help="Nečíst ani nezapisovat mezipaměť (KPLAN_NO_CACHE).")]
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


def _root(path: Path | None, lang: LangOption | None) -> Path:
    from kplan.codes import resolve_lang
    from kplan.layout import NotAPlanError, find_plan_root

    try:
        return find_plan_root(path)
    except NotAPlanError as error:
        raise _usage_error(_not_a_plan(error.path, resolve_lang(lang, None))) from None


def _cache(root: Path, use_cache: bool) -> DocumentCache | None:
    from kplan.cache import DocumentCache

    if not use_cache or os.environ.get("KPLAN_NO_CACHE"):
        return None
    return DocumentCache.for_plan(root)


def _load(path: Path | None, lang: LangOption | None,
          use_cache: bool = True) -> tuple[LoadResult, Lang]:
    from kplan.codes import resolve_lang
    from kplan.loader import load_plan

    root = _root(path, lang)
    result = load_plan(root, cache=_cache(root, use_cache))
    locale = result.plan.meta.locale.value if result.plan.meta else None
    return result, resolve_lang(lang, locale)


def _outcome(path: Path | None, lang: LangOption | None,
             use_cache: bool) -> tuple[Path, Outcome, Lang]:
    """The validation outcome: remembered from an earlier run when nothing changed."""
    from kplan.cache import fingerprint
    from kplan.codes import resolve_lang

    root = _root(path, lang)
    cache = _cache(root, use_cache)
    today = date.today()
    outcome = cache.outcome(today, fingerprint(root)) if cache is not None else None
    if outcome is None:
        from kplan.loader import load_plan

        outcome = load_plan(root, today, cache=cache).outcome
    return root, outcome, resolve_lang(lang, outcome.locale)


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
    no_cache: NoCacheFlag = False,
) -> None:
    """Zkontroluje data plánu a vypíše každou chybu s místem a radou.

    Návratový kód: 0 v pořádku, 1 chyby v datech (s --strict i varování), 2 špatné použití.
    """
    from kplan.diagnostics import exit_status
    from kplan.reporters import STREAM_RENDERERS, ValidationReport, render_text

    root, outcome, chosen_lang = _outcome(path, lang, use_cache=not no_cache)
    report = ValidationReport(root=root, diagnostics=outcome.diagnostics, lang=chosen_lang,
                              counts=outcome.counts)
    chosen = output_format or (ValidateFormat.GITHUB if os.environ.get("GITHUB_ACTIONS") == "true"
                               else ValidateFormat.TEXT)
    if chosen is ValidateFormat.TEXT:
        render_text(report, _console())
    else:
        STREAM_RENDERERS[chosen.value](report, sys.stdout)
    raise typer.Exit(exit_status(outcome.diagnostics, strict=strict))


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


# --- the meeting view: status, overdue, upcoming, show, list ---------------------------------

class OutputFormat(StrEnum):
    TEXT = "text"
    MD = "md"
    JSON = "json"


class ListWhat(StrEnum):
    ACTIVITIES = "activities"
    SERVICES = "services"
    MEETINGS = "meetings"
    TASKS = "tasks"


FormatFlag = Annotated[OutputFormat, typer.Option(
    "--format", "-f", help="text (pro lidi), md (oddíl do zápisu), json (pro nástroje).")]
GroupFlag = Annotated[str | None, typer.Option(
    "--group", "-g", help="Jen jedna pracovní skupina (její identifikátor).",
    show_default=False)]
AsOfFlag = Annotated[str | None, typer.Option(
    "--as-of", metavar="YYYY-MM-DD", help="Stav ke dni; výchozí dnes.", show_default=False)]
WithinFlag = Annotated[str | None, typer.Option(
    "--within", help="Co končí do: 60d, 8w, 3m; výchozí do příští schůzky skupiny, "
    "jinak 90 dní.", show_default=False)]


if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from kplan.catalog import Filters, ListKind
    from kplan.doc import Block
    from kplan.model import Plan
    from kplan.timeframe import Scope, Span


def _view(path: Path | None, lang: LangOption | None, group: str | None,
          as_of: str | None) -> tuple[Plan, Lang, Scope, dict[str, str]]:
    """Load the plan, say on stderr when it has errors, check --group and --as-of."""
    from datetime import date

    from kplan.diagnostics import Severity
    from kplan.fmt import counted
    from kplan.queries import known_groups
    from kplan.timeframe import Scope
    from kplan.views import words

    result, chosen = _load(path, lang)
    errors = sum(d.severity == Severity.ERROR for d in result.diagnostics)
    if errors:
        typer.echo(words("plan_errors", chosen, errors=counted(errors, "error_object", chosen),
                         root=result.root.as_posix()), err=True)
    try:
        day = date.fromisoformat(as_of) if as_of else date.today()
    except ValueError:
        raise _usage_error(words("bad_day", chosen, value=as_of)) from None
    known = known_groups(result.plan)
    if group is not None and group not in known:
        raise _usage_error(words("unknown_group", chosen, value=group, known=", ".join(known)))
    meta = result.plan.meta
    names = {g.id: g.name for g in meta.groups} if meta else {}
    return result.plan, chosen, Scope(day, group), names


def _span(within: str | None, lang: Lang) -> Span | None:
    from kplan.timeframe import parse_span
    from kplan.views import words

    try:
        return parse_span(within) if within is not None else None
    except ValueError:
        raise _usage_error(words("bad_within", lang, value=within)) from None


def _emit(output_format: OutputFormat, blocks: Callable[[], Sequence[Block]],
          data: Callable[[], object]) -> None:
    import json

    from kplan.doc import render_md, render_rich

    if output_format is OutputFormat.JSON:
        sys.stdout.write(json.dumps(data(), ensure_ascii=False, indent=2) + "\n")
    elif output_format is OutputFormat.MD:
        sys.stdout.write(render_md(blocks()))
    else:
        render_rich(blocks(), _console())


@app.command()
def status(path: PathArgument = None, group: GroupFlag = None, as_of: AsOfFlag = None,
           within: WithinFlag = None, output_format: FormatFlag = OutputFormat.TEXT,
           lang: LangFlag = None) -> None:
    """Stav plánu na schůzku skupiny: aktivity podle priorit a opatření, co je po termínu,
    co se blíží, otevřené úkoly a skupiny, které se scházejí méně, než mají.

    Plán s chybami ukáže, co se načetlo, a na stderr napíše, kolik chyb má. Návratový kód 0.
    """
    from kplan.jsondoc import status_json
    from kplan.queries import status as plan_status
    from kplan.views import status_doc

    plan, chosen, scope, names = _view(path, lang, group, as_of)
    view = plan_status(plan, scope, _span(within, chosen))
    _emit(output_format, lambda: status_doc(view, names, chosen), lambda: status_json(view))


@app.command()
def overdue(path: PathArgument = None, group: GroupFlag = None, as_of: AsOfFlag = None,
            fail: Annotated[bool, typer.Option(
                "--fail", help="Návratový kód 1, když je něco po termínu.")] = False,
            output_format: FormatFlag = OutputFormat.TEXT, lang: LangFlag = None) -> None:
    """Kroky harmonogramu a úkoly po termínu (pro skripty a připomínky)."""
    from kplan.jsondoc import overdue_json
    from kplan.queries import overdue_items
    from kplan.views import overdue_doc

    plan, chosen, scope, names = _view(path, lang, group, as_of)
    items = overdue_items(plan, scope)
    _emit(output_format, lambda: overdue_doc(items, scope, names, chosen),
          lambda: overdue_json(items, scope))
    raise typer.Exit(EXIT_DATA if fail and items else EXIT_OK)


@app.command()
def upcoming(path: PathArgument = None, group: GroupFlag = None, as_of: AsOfFlag = None,
             within: WithinFlag = None, output_format: FormatFlag = OutputFormat.TEXT,
             lang: LangFlag = None) -> None:
    """Kroky harmonogramu a úkoly, které končí v horizontu (--within, jinak do příští
    schůzky skupiny, jinak 90 dní)."""
    from kplan.jsondoc import upcoming_json
    from kplan.queries import horizon, upcoming_items
    from kplan.views import upcoming_doc

    plan, chosen, scope, names = _view(path, lang, group, as_of)
    until = horizon(plan, scope, _span(within, chosen))
    items = upcoming_items(plan, scope, until)
    _emit(output_format, lambda: upcoming_doc(items, scope, until, names, chosen),
          lambda: upcoming_json(items, scope, until))


@app.command()
def show(ref: Annotated[str, typer.Argument(
             help="Aktivita (skupina/číslo nebo číslo), služba (id) nebo schůzka (název "
                  "souboru bez .yaml, nebo datum).", show_default=False)],
         path: PathArgument = None, as_of: AsOfFlag = None,
         output_format: FormatFlag = OutputFormat.TEXT, lang: LangFlag = None) -> None:
    """Jedna karta aktivity, služba nebo schůzka ke čtení, se schůzkami a úkoly, které ji
    zmiňují. Číslo, které používá víc skupin, nebo neznámý odkaz: návratový kód 2."""
    from kplan import cards, catalog, jsondoc
    from kplan.model import Activity, Service

    plan, chosen, scope, _ = _view(path, lang, None, as_of)
    found = catalog.find(plan, ref)
    if isinstance(found, catalog.Ambiguous | catalog.NotFound):
        raise _usage_error(cards.problem_message(found, chosen))
    if isinstance(found, Activity):
        card = catalog.activity_card(plan, found, scope.as_of)
        _emit(output_format, lambda: cards.activity_doc(card, chosen),
              lambda: jsondoc.activity_card_json(card))
    elif isinstance(found, Service):
        about = catalog.service_card(plan, found)
        _emit(output_format, lambda: cards.service_doc(about, chosen),
              lambda: jsondoc.service_card_json(about))
    else:
        held = catalog.meeting_card(plan, found, scope.as_of)
        _emit(output_format, lambda: cards.meeting_doc(held, chosen),
              lambda: jsondoc.meeting_card_json(held, scope.as_of))


@app.command("list")
def list_(what: Annotated[ListWhat, typer.Argument(help="Co vypsat.")],
          path: PathArgument = None, group: GroupFlag = None,
          responsible: Annotated[str | None, typer.Option(
              help="Odpovědná osoba (u úkolů kdo ho plní); část jména.")] = None,
          implementer: Annotated[str | None, typer.Option(
              help="Realizátor nebo spolupracující subjekt; u služeb poskytovatel.")] = None,
          source: Annotated[str | None, typer.Option(help="Zdroj financování (SMO).")] = None,
          status: Annotated[str | None, typer.Option(
              "--status", help="Stav hodnocení aktivity nebo stav úkolu.")] = None,
          year: Annotated[int | None, typer.Option(help="Rok (termín, hodnocení, schůzka).")]
          = None,
          text: Annotated[str | None, typer.Option(
              help="Text v názvu; bez ohledu na velikost písmen a diakritiku.")] = None,
          as_of: AsOfFlag = None, output_format: FormatFlag = OutputFormat.TEXT,
          lang: LangFlag = None) -> None:
    """Seznam aktivit, služeb, schůzek nebo úkolů, s filtry."""
    from kplan import catalog, jsondoc, views

    plan, chosen, scope, names = _view(path, lang, group, as_of)
    kind = catalog.ListKind(what.value)
    filters = catalog.Filters(group, responsible, implementer, source, status, year, text)
    _check_filters(kind, filters, chosen)
    items = catalog.listing(plan, kind, filters, scope.as_of)
    _emit(output_format, lambda: views.list_doc(kind, items, filters, names, chosen),
          lambda: jsondoc.list_json(kind, items, filters, scope.as_of))


def _check_filters(kind: ListKind, filters: Filters, lang: Lang) -> None:
    from kplan.catalog import FILTERS, STATUSES, unsupported
    from kplan.views import words

    wrong = unsupported(kind, filters)
    if wrong:
        raise _usage_error(words("bad_filter", lang, kind=kind.value,
                           options=", ".join("--" + name for name in wrong),
                           allowed=", ".join("--" + name for name in sorted(FILTERS[kind]))))
    allowed = STATUSES.get(kind, ())
    if filters.status is not None and filters.status not in allowed:
        raise _usage_error(words("bad_status", lang, value=filters.status, kind=kind.value,
                           allowed=", ".join(allowed)))
