"""What every command shares: the app, options, loading the plan, output, usage errors."""


import os
import sys
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NamedTuple

import click
import typer

from kplan.cli import language
from kplan.cli.language import helps
from kplan.i18n import in_lang
from kplan.output.formats import VIEW_FORMATS

language.install()

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from rich.console import Console

    from kplan.i18n import Lang
    from kplan.load.cache import DocumentCache, Outcome
    from kplan.load.loader import LoadResult
    from kplan.output.blocks import Block
    from kplan.output.memo import Shown, ViewMemo
    from kplan.plan.model import Plan
    from kplan.query.timeframe import Scope, Span


app = typer.Typer(
    name="kplan",
    help=helps("Komunitní plán sociálních služeb v gitu: kontrola dat, stav plánu, vyhodnocení.",
               "A town's community plan of social services in git: data checks, the plan's "
               "status, evaluation."),
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
    typer.Argument(metavar="SLOŽKA", show_default=False,
                   help=helps("Složka plánu (s plan.yaml); výchozí ./data, jinak aktuální složka.",
                              "The plan's folder (with plan.yaml); by default ./data, else "
                              "the current folder.")),
]
NoCacheFlag = Annotated[
    bool, typer.Option("--no-cache", help=helps(
        "Nečíst ani nezapisovat mezipaměť (KPLAN_NO_CACHE).",
        "Neither read nor write the cache (KPLAN_NO_CACHE)."))]
LangFlag = Annotated[
    LangOption | None,
    typer.Option("--lang", help=helps(
        "Jazyk zpráv: cs nebo en (jinak KPLAN_LANG, jazyk plánu).",
        "The language of messages: cs or en (else KPLAN_LANG, the plan's language)."),
        show_default=False),
]


@app.callback()
def _before_the_command(lang: LangFlag = None) -> None:
    """``kplan --lang en …``: the language of the help and of the command after it."""


def _console(stream: object = None) -> "Console":
    from kplan.output.terminal import console_for

    return console_for(stream)


def _root(path: Path | None, lang: LangOption | None) -> Path:
    from kplan.i18n import resolve_lang
    from kplan.plan.layout import find_plan_root

    language.speak(resolve_lang(lang, None))
    return find_plan_root(path)


def _cache(root: Path, use_cache: bool) -> "DocumentCache | None":
    from kplan.load.cache import DocumentCache

    if not use_cache or os.environ.get("KPLAN_NO_CACHE"):
        return None
    return DocumentCache.for_plan(root)


def _load(path: Path | None, lang: LangOption | None,
          use_cache: bool = True) -> "tuple[LoadResult, Lang]":
    from kplan.i18n import resolve_lang
    from kplan.load.loader import load_plan

    root = _root(path, lang)
    result = load_plan(root, cache=_cache(root, use_cache))
    locale = result.plan.meta.locale.value if result.plan.meta else None
    return result, language.speak(resolve_lang(lang, locale))


def _outcome(path: Path | None, lang: LangOption | None,
             use_cache: bool) -> "tuple[Path, Outcome, Lang]":
    """The validation outcome: remembered from an earlier run when nothing changed."""
    from kplan.i18n import resolve_lang

    root = _root(path, lang)
    cache = _cache(root, use_cache)
    today = date.today()
    outcome = cache.outcome(today, cache.scan(root).fingerprint) if cache is not None else None
    if outcome is None:
        from kplan.load.loader import load_plan

        outcome = load_plan(root, today, cache=cache).outcome
    elif cache is not None:
        cache.save()  # what the scan learnt about files that stopped changing
    return root, outcome, language.speak(resolve_lang(lang, outcome.locale))


def _usage_error(text: str, notice: str | None = None) -> typer.Exit:
    """Say the mistake on stderr (after the notice that the plan has errors) and exit 2."""
    if notice:
        typer.echo(notice, err=True)
    typer.echo(text, err=True)
    raise typer.Exit(EXIT_USAGE)


# --- the meeting view: status, overdue, upcoming, show, list ---------------------------------

class ListWhat(StrEnum):
    ACTIVITIES = "activities"
    SERVICES = "services"
    MEETINGS = "meetings"
    TASKS = "tasks"


FormatFlag = Annotated[str, typer.Option(
    "--format", "-f", click_type=click.Choice(list(VIEW_FORMATS)),
    help=helps("text (pro lidi), md (oddíl do zápisu), json (pro nástroje).",
               "text (for people), md (a section of the minutes), json (for tools)."))]
GroupFlag = Annotated[str | None, typer.Option(
    "--group", "-g", help=helps("Jen jedna pracovní skupina (její identifikátor).",
                                "Only one working group (its id)."),
    show_default=False)]
AsOfFlag = Annotated[str | None, typer.Option(
    "--as-of", metavar="YYYY-MM-DD", help=helps("Stav ke dni; výchozí dnes.",
                                                "As of the day; by default today."),
    show_default=False)]
WithinFlag = Annotated[str | None, typer.Option(
    "--within", help=helps("Co končí do: 60d, 8w, 3m; výchozí do příští schůzky skupiny, "
                           "jinak 90 dní.",
                           "What ends within: 60d, 8w, 3m; by default until the group's next "
                           "meeting, else 90 days."), show_default=False)]


def _view(path: Path | None, lang: LangOption | None, group: str | None,
          as_of: str | None) -> "tuple[Plan, Lang, Scope, dict[str, str]]":
    """Load the plan, say on stderr when it has errors, check --group and --as-of."""
    root = _root(path, lang)
    opened = _opened(root, _cache(root, True), lang, group, as_of, date.today())
    if opened.notice:
        typer.echo(opened.notice, err=True)
    return opened.plan, opened.lang, opened.scope, opened.names


class Opened(NamedTuple):
    plan: "Plan"
    lang: "Lang"
    scope: "Scope"
    names: dict[str, str]
    """Working group names by their id."""
    notice: str | None
    """For stderr: the plan has errors, only what loaded is shown."""


def _opened(root: Path, cache: "DocumentCache | None", lang: LangOption | None,
            group: str | None, as_of: str | None, today: date) -> Opened:
    from kplan.cli.usage import day_range, mistake, plan_errors
    from kplan.diagnostics import Severity
    from kplan.i18n import resolve_lang
    from kplan.load.loader import load_plan
    from kplan.output.views import WHOLE_PLAN
    from kplan.plan.entered import day as entered_day
    from kplan.query.status import known_groups
    from kplan.query.timeframe import Scope, day_in_range

    result = load_plan(root, today, cache=cache)
    chosen = language.speak(resolve_lang(lang, result.plan.meta.locale.value
                                         if result.plan.meta else None))
    errors = sum(d.severity == Severity.ERROR for d in result.diagnostics)
    notice = plan_errors(errors, root, chosen) if errors else None
    try:
        day = entered_day(as_of) if as_of else today
    except ValueError:
        raise mistake("bad_day", notice, value=as_of) from None
    if not day_in_range(day):
        raise day_range("--as-of", as_of, notice)
    known = known_groups(result.plan)
    if group is not None and group not in known:
        raise mistake("unknown_group", notice, value=group, known=", ".join(known))
    meta = result.plan.meta
    names = {g.id: g.name for g in meta.groups} if meta else {}
    names[""] = in_lang(WHOLE_PLAN, chosen)
    return Opened(result.plan, chosen, Scope(day, group), names, notice)


@dataclass(frozen=True)
class Answer:
    """What a meeting view shows: a document, data for JSON, the exit status."""


    blocks: "Callable[[], Sequence[Block]]"
    data: "Callable[[], object]"
    exit_code: int = EXIT_OK


def _present(question: tuple[object, ...], path: Path | None, lang: LangOption | None,
             group: str | None, as_of: str | None, output_format: str,
             answer: "Callable[[Opened], Answer]", no_cache: bool = False) -> None:
    """Show a meeting view. It is remembered (``kplan.output.memo``) while the plan and the day
    stay the same: as drawn for this very terminal, and as a document for any other."""
    from kplan.output.memo import ViewMemo
    from kplan.output.terminal import terminal_shape

    root = _root(path, lang)
    cache = _cache(root, not no_cache)
    today = date.today()
    memo = ViewMemo.for_plan(cache, root, today) if cache is not None else None
    key = (*question, root.as_posix(), group, as_of, output_format,
           lang.value if lang else None, os.environ.get("KPLAN_LANG"))
    console = _console() if output_format == "text" else None
    shape = terminal_shape(console) if console is not None else None
    drawn_key = (*key, shape)
    shown = (_recalled(memo, drawn_key) if shape is not None else None) \
        or _recalled(memo, key) \
        or _kept(memo, key, _made(_opened(root, cache, lang, group, as_of, today), answer,
                                  output_format))
    if cache is not None:
        cache.save()  # what the scan learnt about files that stopped changing
    if shown.notice:
        typer.echo(shown.notice, err=True)
    if isinstance(shown.payload, str):
        sys.stdout.write(shown.payload)
    elif console is not None and shape is not None:
        from kplan.output.drawing import draw

        pieces = draw(shown.payload, console)
        for piece in memo.passing(drawn_key, shown, pieces) if memo is not None else pieces:
            sys.stdout.write(piece)
    else:  # a legacy Windows console: rich draws on it through the Windows API
        from kplan.output.drawing import render_rich

        render_rich(shown.payload, console or _console())
    if shown.exit_code != EXIT_OK:
        raise typer.Exit(shown.exit_code)


def _recalled(memo: "ViewMemo | None", key: tuple[object, ...]) -> "Shown | None":
    return memo.get(key) if memo is not None else None


def _kept(memo: "ViewMemo | None", key: tuple[object, ...], shown: "Shown") -> "Shown":
    if memo is not None:
        memo.put(key, shown)
    return shown


def _made(opened: Opened, answer: "Callable[[Opened], Answer]",
          output_format: str) -> "Shown":
    """The view made; the plan and its models are let go on return, before it is drawn."""
    from kplan.output.memo import Shown

    made = answer(opened)
    return Shown(_payload(output_format, made), opened.notice, made.exit_code)


def _payload(output_format: str, made: Answer) -> "tuple[Block, ...] | str":
    return VIEW_FORMATS[output_format](made.blocks, made.data)


def _span(within: str | None, notice: str | None = None) -> "Span | None":
    from kplan.cli.usage import mistake
    from kplan.query.timeframe import parse_span

    try:
        return parse_span(within) if within is not None else None
    except ValueError:
        raise mistake("bad_within", notice, value=within) from None


def _emit(output_format: str, blocks: "Callable[[], Sequence[Block]]",
          data: "Callable[[], object]") -> None:
    from kplan.output.drawing import render_rich

    payload = _payload(output_format, Answer(blocks, data))
    if isinstance(payload, str):
        sys.stdout.write(payload)
    else:
        render_rich(payload, _console())




def _write_file(raw: str, default_name: str, data: bytes, lang: "Lang") -> None:
    """``-o``: a file, or a folder (a trailing ``/`` or one that exists) to write
    ``default_name`` in; written whole, never through a link, and told on stdout."""
    from kplan.output.files import output_target, write_output, written

    target = output_target(raw, default_name)
    try:
        write_output(target, data)
    except OSError as error:
        raise _usage_error(f"-o {raw}: {error.strerror or type(error).__name__}") from None
    typer.echo(written(target, lang))
