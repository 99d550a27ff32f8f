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
    from collections.abc import Callable, Iterable, Iterator, Sequence

    from rich.console import Console

    from kplan.i18n import Lang
    from kplan.load.cache import DocumentCache, Outcome
    from kplan.load.loader import LoadResult
    from kplan.output.blocks import Block
    from kplan.output.memo import Parts, Shown, ViewSession
    from kplan.output.warmview import RememberedCards
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


def _load(path: Path | None, lang: LangOption | None,
          use_cache: bool = True) -> "tuple[LoadResult, Lang]":
    from kplan.i18n import resolve_lang
    from kplan.load.loader import load_plan
    from kplan.load.session import plan_cache

    root = _root(path, lang)
    result = load_plan(root, cache=plan_cache(root, use_cache))
    locale = result.plan.meta.locale.value if result.plan.meta else None
    return result, language.speak(resolve_lang(lang, locale))


def _outcome(path: Path | None, lang: LangOption | None,
             use_cache: bool) -> "tuple[Path, Outcome, Lang]":
    from kplan.i18n import resolve_lang
    from kplan.load.session import plan_cache, validation_outcome

    root = _root(path, lang)
    outcome = validation_outcome(root, date.today(), plan_cache(root, use_cache))
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
          as_of: str | None, parts: bool = False) -> "tuple[Plan, Lang, Scope, dict[str, str]]":
    """Load the plan, say on stderr when it has errors, check --group and --as-of. With
    ``parts`` (a view that shows no warnings and reads each card through ``Plan.whole``),
    the cards are skeletons and each whole model is unpickled for a moment only, so that
    a big plan's whole models are never all held at once."""
    from kplan.load.session import plan_cache

    root = _root(path, lang)
    cache = plan_cache(root)
    opened = _opened(root, cache, lang, group, as_of, date.today(), skeletons=parts)
    if parts and cache is not None:
        cache.save()
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
    cards: "RememberedCards | None" = None
    """Where the status view takes each card's rows from (``kplan.output.warmview``)."""


def _opened(root: Path, cache: "DocumentCache | None", lang: LangOption | None,
            group: str | None, as_of: str | None, today: date, rows: bool = False,
            skeletons: bool = False) -> Opened:
    """``skeletons``: with a cache, the plan's cards are their skeletons and
    ``Plan.whole`` gives a card's whole model for a moment (for an output that takes the
    cards a part at a time and shows no warnings)."""
    from kplan.cli.usage import day_range, mistake, plan_errors
    from kplan.diagnostics import Severity
    from kplan.i18n import resolve_lang
    from kplan.output.views import WHOLE_PLAN
    from kplan.output.warmview import opened_plan
    from kplan.plan.entered import day as entered_day
    from kplan.query.status import known_groups
    from kplan.query.timeframe import Scope, day_in_range

    result, cards_for = opened_plan(root, cache, today, rows or skeletons,
                                    _expected(as_of, today, group) if rows else None)
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
    return Opened(result.plan, chosen, Scope(day, group), names, notice,
                  cards_for(day) if cards_for is not None else None)


def _expected(as_of: str | None, today: date, group: str | None) -> "Scope | None":
    """The scope a view will show, as far as it is known before the plan is read."""
    from kplan.plan.entered import day as entered_day
    from kplan.query.timeframe import Scope

    try:
        return Scope(entered_day(as_of) if as_of else today, group)
    except ValueError:
        return None


@dataclass(frozen=True)
class Answer:
    """What a meeting view shows: a document, data for JSON, the exit status."""


    blocks: "Callable[[], Sequence[Block]]"
    data: "Callable[[], object]"
    exit_code: int = EXIT_OK
    drawn: "Callable[[Console, Parts], Iterable[str]] | None" = None
    """The document as text, drawn in parts remembered apart (``kplan.output.warmview``)."""


def _present(question: tuple[object, ...], path: Path | None, lang: LangOption | None,
             group: str | None, as_of: str | None, output_format: str,
             answer: "Callable[[Opened], Answer]", no_cache: bool = False,
             rows: bool = False) -> None:
    """Show a meeting view, remembered while the plan and the day stay the same
    (``kplan.output.memo``); ``rows``: the view is made of card rows and shows no warnings."""
    from kplan.output.memo import ViewSession
    from kplan.output.terminal import stream_shape

    root = _root(path, lang)
    key = (*question, root.as_posix(), group, as_of, output_format,
           lang.value if lang else None, os.environ.get("KPLAN_LANG"))
    shape = stream_shape() if output_format == "text" else None
    session = ViewSession(root, not no_cache, date.today(), key, shape)
    recalled = session.recalled()
    shown: Shown | None = recalled[0] if recalled is not None else None
    drawn: Iterable[str] | None = recalled[1] if recalled is not None else None
    console = None
    if shown is None or not isinstance(shown.payload, str):
        console = _console() if output_format == "text" else None
    if shown is None:
        opened = _opened(root, session.cache, lang, group, as_of, session.today, rows)
        shown, drawn = _made(session, opened, answer, output_format, console)
    if shown.notice:
        typer.echo(shown.notice, err=True)
    if drawn is not None:
        for piece in drawn:
            sys.stdout.write(piece)
    elif isinstance(shown.payload, str):
        sys.stdout.write(shown.payload)
    elif console is not None and shape is not None:
        from kplan.output.drawing import draw

        for piece in session.passing(shown, draw(shown.payload, console)):
            sys.stdout.write(piece)
    else:  # a legacy Windows console: rich draws on it through the Windows API
        from kplan.output.drawing import render_rich

        render_rich(shown.payload, console or _console())
    session.close()
    if shown.exit_code != EXIT_OK:
        raise typer.Exit(shown.exit_code)


def _made(session: "ViewSession", opened: Opened, answer: "Callable[[Opened], Answer]",
          output_format: str, console: "Console | None") -> "tuple[Shown, Iterable[str] | None]":
    """The view made, or the parts it is drawn from; the plan and its models are let go
    on return, before a made view is drawn."""
    from kplan.output.memo import Shown

    made = answer(opened)
    header = Shown("", opened.notice, made.exit_code)
    parts = session.parts() if made.drawn is not None and console is not None else None
    if made.drawn is not None and console is not None and parts is not None:
        parts.shown = header  # the parts keep the view's order, and this with it
        return header, made.drawn(console, parts)
    payload = _payload(output_format, made)
    if not isinstance(payload, str | tuple):  # a document in pieces, kept as it is written
        return header, session.passing(header, payload)
    return session.kept(Shown(payload, opened.notice, made.exit_code)), None


def _payload(output_format: str, made: Answer) -> "tuple[Block, ...] | str | Iterator[str]":
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
    elif isinstance(payload, tuple):
        render_rich(payload, _console())
    else:
        for piece in payload:
            sys.stdout.write(piece)




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
