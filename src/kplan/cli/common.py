"""What every command shares: the app, options, loading the plan, output, usage errors."""


import os
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from rich.console import Console

    from kplan.cache import DocumentCache, Outcome
    from kplan.codes import Lang
    from kplan.doc import Block
    from kplan.loader import LoadResult
    from kplan.model import Plan
    from kplan.timeframe import Scope, Span


app = typer.Typer(
    name="kplan",
    help="Komunitní plán sociálních služeb v gitu: kontrola dat, stav plánu, vyhodnocení.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    no_args_is_help=True,
    add_completion=False,
)

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


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


def _console(stream: object = None) -> "Console":
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


def _cache(root: Path, use_cache: bool) -> "DocumentCache | None":
    from kplan.cache import DocumentCache

    if not use_cache or os.environ.get("KPLAN_NO_CACHE"):
        return None
    return DocumentCache.for_plan(root)


def _load(path: Path | None, lang: LangOption | None,
          use_cache: bool = True) -> "tuple[LoadResult, Lang]":
    from kplan.codes import resolve_lang
    from kplan.loader import load_plan

    root = _root(path, lang)
    result = load_plan(root, cache=_cache(root, use_cache))
    locale = result.plan.meta.locale.value if result.plan.meta else None
    return result, resolve_lang(lang, locale)


def _outcome(path: Path | None, lang: LangOption | None,
             use_cache: bool) -> "tuple[Path, Outcome, Lang]":
    """The validation outcome: remembered from an earlier run when nothing changed."""
    from kplan.codes import resolve_lang

    root = _root(path, lang)
    cache = _cache(root, use_cache)
    today = date.today()
    outcome = cache.outcome(today, cache.scan(root).fingerprint) if cache is not None else None
    if outcome is None:
        from kplan.loader import load_plan

        outcome = load_plan(root, today, cache=cache).outcome
    return root, outcome, resolve_lang(lang, outcome.locale)


def _not_a_plan(path: Path, lang: "Lang") -> str:
    if lang == "en":
        return (f"'{path}' is not a plan: it has no plan.yaml. Name the plan folder, "
                "e.g. kplan validate data.")
    return (f"„{path}“ není složka plánu: chybí v ní plan.yaml. Zadejte složku plánu, "
            "např. kplan validate data.")


def _usage_error(text: str) -> typer.Exit:
    typer.echo(text, err=True)
    raise typer.Exit(EXIT_USAGE)


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


def _view(path: Path | None, lang: LangOption | None, group: str | None,
          as_of: str | None) -> "tuple[Plan, Lang, Scope, dict[str, str]]":
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


def _span(within: str | None, lang: "Lang") -> "Span | None":
    from kplan.timeframe import parse_span
    from kplan.views import words

    try:
        return parse_span(within) if within is not None else None
    except ValueError:
        raise _usage_error(words("bad_within", lang, value=within)) from None


def _emit(output_format: OutputFormat, blocks: "Callable[[], Sequence[Block]]",
          data: "Callable[[], object]") -> None:
    import json

    from kplan.doc import render_md, render_rich

    if output_format is OutputFormat.JSON:
        sys.stdout.write(json.dumps(data(), ensure_ascii=False, indent=2) + "\n")
    elif output_format is OutputFormat.MD:
        sys.stdout.write(render_md(blocks()))
    else:
        render_rich(blocks(), _console())


