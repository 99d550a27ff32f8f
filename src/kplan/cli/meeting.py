"""The working-group meeting: status, overdue, upcoming, show, list, minutes."""

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kplan.i18n import in_lang

if TYPE_CHECKING:
    from kplan.i18n import Lang
    from kplan.plan.model import Plan
    from kplan.plan.unloaded import UnloadedCard
    from kplan.query.catalog import Filters, ListKind
    from kplan.query.status import Status

from kplan.cli.common import (
    EXIT_DATA,
    EXIT_OK,
    Answer,
    AsOfFlag,
    FormatFlag,
    GroupFlag,
    LangFlag,
    ListWhat,
    NoCacheFlag,
    Opened,
    PathArgument,
    WithinFlag,
    _present,
    _root,
    _span,
    _usage_error,
    _view,
    app,
)


@app.command()
def status(path: PathArgument = None, group: GroupFlag = None, as_of: AsOfFlag = None,
           within: WithinFlag = None, output_format: FormatFlag = "text",
           brief: Annotated[bool, typer.Option(
               "--brief", help="Na jednu obrazovku projektoru: aktivita na řádek, nejvýš "
               "čtyři položky z toho, co je po termínu, co se blíží a otevřených úkolů.")]
           = False,
           lang: LangFlag = None, no_cache: NoCacheFlag = False) -> None:
    """Stav plánu na schůzku skupiny: aktivity podle priorit a opatření, co je po termínu,
    co se blíží, otevřené úkoly a skupiny, které se scházejí méně, než mají.

    Plán s chybami ukáže, co se načetlo, a připíše, kolik chyb má (návratový kód zůstane 0).
    """

    def answer(opened: Opened) -> Answer:
        from kplan.output.jsondoc import status_json
        from kplan.output.views import status_brief_doc, status_doc
        from kplan.output.warmview import status_text
        from kplan.query.status import status as plan_status

        span = _span(within, opened.lang, opened.notice)
        cards = opened.cards
        make = status_brief_doc if brief else status_doc

        def view() -> "Status":
            return plan_status(opened.plan, opened.scope, span,
                               cards.rows if cards is not None else None)

        return Answer(lambda: make(view(), opened.names, opened.lang),
                      lambda: status_json(view()),
                      drawn=None if cards is None or brief else lambda console, parts:
                      status_text(cards, opened.scope, span, opened.names, opened.lang,
                                  console, parts))

    _present(("status", within, brief), path, lang, group, as_of, output_format, answer,
             no_cache, rows=True)


@app.command()
def overdue(path: PathArgument = None, group: GroupFlag = None, as_of: AsOfFlag = None,
            fail: Annotated[bool, typer.Option(
                "--fail", help="Návratový kód 1, když je něco po termínu.")] = False,
            output_format: FormatFlag = "text", lang: LangFlag = None,
            no_cache: NoCacheFlag = False) -> None:
    """Kroky harmonogramu a úkoly po termínu (pro skripty a připomínky)."""

    def answer(opened: Opened) -> Answer:
        from kplan.output.jsondoc import overdue_json
        from kplan.output.views import overdue_doc
        from kplan.query.status import overdue_items

        items = overdue_items(opened.plan, opened.scope)
        return Answer(lambda: overdue_doc(items, opened.scope, opened.names, opened.lang),
                      lambda: overdue_json(items, opened.scope),
                      EXIT_DATA if fail and items else EXIT_OK)

    _present(("overdue", fail), path, lang, group, as_of, output_format, answer, no_cache)


@app.command()
def upcoming(path: PathArgument = None, group: GroupFlag = None, as_of: AsOfFlag = None,
             within: WithinFlag = None, output_format: FormatFlag = "text",
             lang: LangFlag = None, no_cache: NoCacheFlag = False) -> None:
    """Kroky harmonogramu a úkoly, které končí v horizontu (--within, jinak do příští
    schůzky skupiny, jinak 90 dní)."""

    def answer(opened: Opened) -> Answer:
        from kplan.output.jsondoc import upcoming_json
        from kplan.output.views import upcoming_doc
        from kplan.query.status import horizon, upcoming_items

        plan, scope = opened.plan, opened.scope
        until = horizon(plan, scope, _span(within, opened.lang, opened.notice))
        items = upcoming_items(plan, scope, until)
        return Answer(lambda: upcoming_doc(items, scope, until, opened.names, opened.lang),
                      lambda: upcoming_json(items, scope, until))

    _present(("upcoming", within), path, lang, group, as_of, output_format, answer, no_cache)


@app.command()
def show(ref: Annotated[str, typer.Argument(
             metavar="CO", show_default=False,
             help="Aktivita (skupina/číslo nebo číslo), služba (id), schůzka (název "
                  "souboru bez .yaml, nebo datum) nebo potřeba (analýza/potřeba).")],
         path: PathArgument = None, as_of: AsOfFlag = None,
         output_format: FormatFlag = "text", lang: LangFlag = None,
         no_cache: NoCacheFlag = False) -> None:
    """Jedna karta aktivity, služba nebo schůzka ke čtení, se schůzkami a úkoly, které ji
    zmiňují. Číslo, které používá víc skupin, nebo neznámý odkaz: návratový kód 2."""

    def answer(opened: Opened) -> Answer:
        from kplan.output import card as cards
        from kplan.output import jsondoc
        from kplan.plan.model import Activity, Service
        from kplan.query import catalog

        plan, chosen, day = opened.plan, opened.lang, opened.scope.as_of
        need = _need(plan, ref, chosen)
        if need is not None:
            return need
        found = catalog.find(plan, ref)
        broken = catalog.unloaded_card(plan, found)
        if broken is not None:
            return _unloaded_answer(broken, chosen)
        if isinstance(found, catalog.Ambiguous | catalog.NotFound):
            raise _usage_error(cards.problem_message(found, chosen), opened.notice)
        if isinstance(found, Activity):
            card = catalog.activity_card(plan, found, day)
            return Answer(lambda: cards.activity_doc(card, chosen),
                          lambda: jsondoc.activity_card_json(card))
        if isinstance(found, Service):
            about = catalog.service_card(plan, found)
            return Answer(lambda: cards.service_doc(about, chosen),
                          lambda: jsondoc.service_card_json(about))
        held = catalog.meeting_card(plan, found, day)
        return Answer(lambda: cards.meeting_doc(held, chosen),
                      lambda: jsondoc.meeting_card_json(held, day))

    _present(("show", ref), path, lang, None, as_of, output_format, answer, no_cache)


def _need(plan: "Plan", ref: str, chosen: "Lang") -> Answer | None:
    """``<analysis>/<need>`` of ``needs/``: the need with what answers it."""
    from kplan.output.needs import need_card_doc, need_card_json
    from kplan.query.needs import find_need

    card = find_need(plan, ref)
    if card is None:
        return None
    return Answer(lambda: need_card_doc(card, chosen), lambda: need_card_json(card))


def _unloaded_answer(card: "UnloadedCard", lang: "Lang") -> Answer:
    """A card that did not load: its number, file and first error; exit status 1."""
    from kplan.output.jsondoc import unloaded_card_json
    from kplan.output.unloaded import unloaded_doc

    return Answer(lambda: unloaded_doc(card, lang), lambda: unloaded_card_json(card),
                  EXIT_DATA)


@app.command("list")
def list_(what: Annotated[ListWhat, typer.Argument(
              metavar="CO", help="Co vypsat: activities (aktivity), services (služby), "
              "meetings (schůzky) nebo tasks (úkoly).")],
          path: PathArgument = None, group: GroupFlag = None,
          responsible: Annotated[str | None, typer.Option(
              help="Odpovědná osoba (u úkolů kdo ho plní); část jména.")] = None,
          implementer: Annotated[str | None, typer.Option(
              help="Realizátor nebo spolupracující subjekt; u služeb poskytovatel.")] = None,
          source: Annotated[str | None, typer.Option(help="Zdroj financování (SMO).")] = None,
          status: Annotated[str | None, typer.Option(
              "--status", help="Stav hodnocení aktivity (on_track, plní se…) nebo jejího kroku "
              "(postponed, odloženo…), stav úkolu (open, otevřený…); anglicky nebo česky.")] = None,
          year: Annotated[int | None, typer.Option(help="Rok (termín, hodnocení, schůzka).")]
          = None,
          text: Annotated[str | None, typer.Option(
              help="Text v názvu; bez ohledu na velikost písmen a diakritiku.")] = None,
          as_of: AsOfFlag = None, output_format: FormatFlag = "text",
          lang: LangFlag = None, no_cache: NoCacheFlag = False) -> None:
    """Seznam aktivit, služeb, schůzek nebo úkolů, s filtry."""

    def answer(opened: Opened) -> Answer:
        from kplan.output import jsondoc, views
        from kplan.query import catalog

        kind = catalog.ListKind(what.value)
        filters = catalog.Filters(group, responsible, implementer, source,
                                  _status_value(kind, status), year, text)
        _check_filters(kind, filters, opened.lang, opened.notice)
        items = catalog.listing(opened.plan, kind, filters, opened.scope.as_of)
        return Answer(lambda: views.list_doc(kind, items, filters, opened.names, opened.lang),
                      lambda: jsondoc.list_json(kind, items, filters, opened.scope.as_of))

    question = ("list", what.value, responsible, implementer, source, status, year, text)
    _present(question, path, lang, group, as_of, output_format, answer, no_cache)


def _status_value(kind: "ListKind", status: str | None) -> str | None:
    """``--status`` in English or Czech as the English value (else as typed, for the check)."""
    from kplan.plan.model import status_from_words
    from kplan.query.catalog import ListKind

    words = {ListKind.ACTIVITIES: ("evaluation", "milestone"), ListKind.TASKS: ("task",)}
    found = [f for w in words.get(kind, ()) if status is not None
             and (f := status_from_words(w, status)) is not None]
    return found[0].value if found else status


def _check_filters(kind: "ListKind", filters: "Filters", lang: "Lang",
                   notice: str | None) -> None:
    from kplan.output.views import words
    from kplan.query.catalog import FILTERS, STATUSES, ListKind, unsupported

    wrong = unsupported(kind, filters)
    if wrong:
        raise _usage_error(words("bad_filter", lang, kind=kind.value,
                           options=", ".join("--" + name for name in wrong),
                           allowed=", ".join("--" + name for name in sorted(FILTERS[kind]))),
                           notice)
    from kplan.plan.model import status_choices

    allowed = STATUSES.get(kind, ())
    if filters.status is not None and filters.status not in allowed:
        named = status_choices("task", lang) if kind is ListKind.TASKS else \
            status_choices("evaluation", lang) + "; " + status_choices("milestone", lang)
        raise _usage_error(words("bad_status", lang, value=filters.status, kind=kind.value,
                           allowed=named), notice)



class MinutesFormat(StrEnum):
    MD = "md"
    HTML = "html"


@app.command()
def minutes(meeting: Annotated[str, typer.Argument(
                metavar="SCHŮZKA",
                help="Schůzka: název souboru bez .yaml (2019-01-25-protidrogova-prevence), "
                     "nebo datum, když se ten den sešla jen jedna skupina.",
                show_default=False)],
            path: PathArgument = None,
            output_format: Annotated[MinutesFormat, typer.Option(
                "--format", "-f", help="md (do repozitáře, do e-mailu) nebo html (k tisku).")]
            = MinutesFormat.MD,
            output: Annotated[Path | None, typer.Option(
                "--output", "-o", help="Soubor, nebo složka (pak zapis-SCHŮZKA.md/.html); "
                "bez ní vypíše zápis do terminálu.", show_default=False)] = None,
            lang: LangFlag = None) -> None:
    """Zápis z jednání k rozeslání: předmět, datum, místo, přítomní, program, usnesení,
    úkoly s termíny a kdo je plní, příští jednání a stav plánu skupiny ke dni jednání.
    Šablony ze složky templates/ plánu mají přednost. Chyba v šabloně: návratový kód 1."""
    from kplan.output import card as cards
    from kplan.plan.model import Meeting
    from kplan.query import catalog
    from kplan.query.minutes import build_minutes
    from kplan.render.environment import render_minutes

    root = _root(path, lang)
    plan, chosen, _, _ = _view(root, lang, None, None)
    found = catalog.find(plan, meeting)
    if isinstance(found, catalog.Ambiguous | catalog.NotFound):
        raise _usage_error(cards.problem_message(found, chosen))
    if not isinstance(found, Meeting):
        raise _usage_error(_not_a_meeting(meeting, chosen))
    context = build_minutes(plan, found, chosen)
    text = render_minutes(context, output_format.value, root / "templates")
    if output is None:
        sys.stdout.write(text)
        return
    target = output / f"zapis-{context.id}.{output_format.value}" if output.is_dir() \
        else output
    try:
        target.write_text(text, encoding="utf-8", newline="\n")
    except OSError as error:
        raise _usage_error(f"-o {output}: {error.strerror}") from None


def _not_a_meeting(ref: str, lang: "Lang") -> str:
    return in_lang((f"„{ref}“ není schůzka; zadejte název souboru schůzky bez .yaml, nebo její "
                    "datum.",
                    f"'{ref}' is not a meeting; give a meeting's file name without .yaml or its "
                    "date."), lang)
