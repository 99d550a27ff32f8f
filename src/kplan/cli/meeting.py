"""The working-group meeting: status, overdue, upcoming, show, list, minutes."""

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kplan.cli.language import english, helps
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
@english("""The plan's status for a group's meeting: activities by priority and measure,
    what is overdue, what is coming, open tasks and the groups that meet less often than
    they should.

    A plan with errors shows what loaded and says how many errors it has (the exit status
    stays 0).
    """)
def status(path: PathArgument = None, group: GroupFlag = None, as_of: AsOfFlag = None,
           within: WithinFlag = None, output_format: FormatFlag = "text",
           brief: Annotated[bool, typer.Option(
               "--brief", help=helps(
                   "Na jednu obrazovku projektoru: aktivita na řádek, nejvýš čtyři položky z "
                   "toho, co je po termínu, co se blíží a otevřených úkolů.",
                   "For one projector screen: an activity a line, at most four items of what "
                   "is overdue, what is coming and the open tasks."))]
           = False,
           lang: LangFlag = None, no_cache: NoCacheFlag = False) -> None:
    """Stav plánu na schůzku skupiny: aktivity podle priorit a opatření, co je po termínu,
    co se blíží, otevřené úkoly a skupiny, které se scházejí méně, než mají.

    Plán s chybami ukáže, co se načetlo, a připíše, kolik chyb má (návratový kód zůstane 0).
    """

    def answer(opened: Opened) -> Answer:
        from kplan.output.brief import status_brief_doc
        from kplan.output.views import status_doc
        from kplan.output.warmview import status_text
        from kplan.query.status import status as plan_status

        span = _span(within, opened.notice)
        cards = opened.cards
        make = status_brief_doc if brief else status_doc

        def view() -> "Status":
            return plan_status(opened.plan, opened.scope, span,
                               cards.rows if cards is not None else None)

        def data() -> object:
            from kplan.output.jsondoc import status_json  # not for the text drawn in parts

            return status_json(view())

        return Answer(lambda: make(view(), opened.names, opened.lang), data,
                      drawn=None if cards is None or brief else lambda console, parts:
                      status_text(cards, opened.scope, span, opened.names, opened.lang,
                                  console, parts))

    _present(("status", within, brief), path, lang, group, as_of, output_format, answer,
             no_cache, rows=True)


@app.command()
@english("Milestones and tasks past their due date (for scripts and reminders).")
def overdue(path: PathArgument = None, group: GroupFlag = None, as_of: AsOfFlag = None,
            fail: Annotated[bool, typer.Option(
                "--fail", help=helps("Návratový kód 1, když je něco po termínu.",
                                     "Exit status 1 when anything is overdue."))] = False,
            output_format: FormatFlag = "text", lang: LangFlag = None,
            no_cache: NoCacheFlag = False) -> None:
    """Kroky harmonogramu a úkoly po termínu (pro skripty a připomínky)."""

    def answer(opened: Opened) -> Answer:
        from kplan.output.jsondoc import overdue_json
        from kplan.output.views import overdue_doc
        from kplan.output.warmview import due_rows
        from kplan.query.status import overdue_items

        cards = opened.cards
        items = overdue_items(opened.plan, opened.scope,
                              due_rows(cards, opened.scope, None) if cards else None)
        return Answer(lambda: overdue_doc(items, opened.scope, opened.names, opened.lang),
                      lambda: overdue_json(items, opened.scope),
                      EXIT_DATA if fail and items else EXIT_OK)

    _present(("overdue", fail), path, lang, group, as_of, output_format, answer, no_cache,
             rows=True)


@app.command()
@english("""Milestones and tasks that end within the horizon (--within, else until the
    group's next meeting, else 90 days).""")
def upcoming(path: PathArgument = None, group: GroupFlag = None, as_of: AsOfFlag = None,
             within: WithinFlag = None, output_format: FormatFlag = "text",
             lang: LangFlag = None, no_cache: NoCacheFlag = False) -> None:
    """Kroky harmonogramu a úkoly, které končí v horizontu (--within, jinak do příští
    schůzky skupiny, jinak 90 dní)."""

    def answer(opened: Opened) -> Answer:
        from kplan.output.jsondoc import upcoming_json
        from kplan.output.views import upcoming_doc
        from kplan.output.warmview import due_rows
        from kplan.query.status import horizon, upcoming_items

        plan, scope, cards = opened.plan, opened.scope, opened.cards
        until = horizon(plan, scope, _span(within, opened.notice))
        items = upcoming_items(plan, scope, until,
                               due_rows(cards, scope, until) if cards else None)
        return Answer(lambda: upcoming_doc(items, scope, until, opened.names, opened.lang),
                      lambda: upcoming_json(items, scope, until))

    _present(("upcoming", within), path, lang, group, as_of, output_format, answer, no_cache,
             rows=True)


@app.command()
@english("""One activity card, service or meeting to read, with the meetings and tasks that
    mention it. A number that several groups use, or an unknown reference: exit status 2.""")
def show(ref: Annotated[str, typer.Argument(
             metavar="CO", show_default=False,
             help=helps("Aktivita (skupina/číslo nebo číslo), služba (id), schůzka (název "
                        "souboru bez .yaml, nebo datum) nebo potřeba (analýza/potřeba).",
                        "An activity (group/number or number), a service (id), a meeting "
                        "(its file name without .yaml, or its date) or a need "
                        "(analysis/need)."))],
         path: PathArgument = None, as_of: AsOfFlag = None,
         output_format: FormatFlag = "text", lang: LangFlag = None,
         no_cache: NoCacheFlag = False) -> None:
    """Jedna karta aktivity, služba nebo schůzka ke čtení, se schůzkami a úkoly, které ji
    zmiňují. Číslo, které používá víc skupin, nebo neznámý odkaz: návratový kód 2."""

    def answer(opened: Opened) -> Answer:
        from kplan.cli.usage import unknown_reference
        from kplan.output import card as cards
        from kplan.output import jsondoc
        from kplan.plan.activity import Activity
        from kplan.plan.service import Service
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
            raise unknown_reference(found, opened.notice)
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
@english("A list of activities, services, meetings or tasks, with filters.")
def list_(what: Annotated[ListWhat, typer.Argument(
              metavar="CO", help=helps("Co vypsat: activities (aktivity), services (služby), "
                                       "meetings (schůzky) nebo tasks (úkoly).",
                                       "What to list: activities, services, meetings or "
                                       "tasks."))],
          path: PathArgument = None, group: GroupFlag = None,
          responsible: Annotated[str | None, typer.Option(
              help=helps("Odpovědná osoba (u úkolů kdo ho plní); část jména.",
                         "The person responsible (for tasks, who does it); part of the "
                         "name."))] = None,
          implementer: Annotated[str | None, typer.Option(
              help=helps("Realizátor nebo spolupracující subjekt; u služeb poskytovatel.",
                         "An implementer or a partner; for services, the provider."))]
          = None,
          source: Annotated[str | None, typer.Option(help=helps(
              "Zdroj financování (SMO).", "A source of funding (SMO)."))] = None,
          status: Annotated[str | None, typer.Option(
              "--status", help=helps(
                  "Stav hodnocení aktivity (on_track, plní se…) nebo jejího kroku (postponed, "
                  "odloženo…), stav úkolu (open, otevřený…); anglicky nebo česky.",
                  "The status of an activity's evaluation (on_track…) or of its milestone "
                  "(postponed…), a task's status (open…); in English or Czech."))] = None,
          year: Annotated[int | None, typer.Option(help=helps(
              "Rok (termín, hodnocení, schůzka).",
              "A year (of a due date, an evaluation, a meeting)."))] = None,
          text: Annotated[str | None, typer.Option(
              help=helps("Text v názvu; bez ohledu na velikost písmen a diakritiku.",
                         "Text in the title, whatever the case and the accents."))] = None,
          as_of: AsOfFlag = None, output_format: FormatFlag = "text",
          lang: LangFlag = None, no_cache: NoCacheFlag = False) -> None:
    """Seznam aktivit, služeb, schůzek nebo úkolů, s filtry."""

    def answer(opened: Opened) -> Answer:
        from kplan.output import jsondoc, lists
        from kplan.query import catalog

        kind = catalog.ListKind(what.value)
        filters = catalog.Filters(group, responsible, implementer, source,
                                  _status_value(kind, status), year, text)
        _check_filters(kind, filters, opened.notice)
        cards = opened.cards
        items = catalog.listing(opened.plan, kind, filters, opened.scope.as_of,
                                cards.rows if cards is not None else None)
        return Answer(lambda: lists.list_doc(kind, items, filters, opened.names, opened.lang),
                      lambda: jsondoc.list_json(kind, items, filters, opened.scope.as_of))

    question = ("list", what.value, responsible, implementer, source, status, year, text)
    from kplan.query.catalog import Filters, ListKind, rows_suffice

    rows = rows_suffice(ListKind(what.value), Filters(group, responsible, implementer, source,
                                                      status, year, text))
    _present(question, path, lang, group, as_of, output_format, answer, no_cache, rows)


def _status_value(kind: "ListKind", status: str | None) -> str | None:
    """``--status`` in English or Czech as the English value (else as typed, for the check)."""
    from kplan.plan.statuses import status_from_words
    from kplan.query.catalog import ListKind

    words = {ListKind.ACTIVITIES: ("evaluation", "milestone"), ListKind.TASKS: ("task",)}
    found = [f for w in words.get(kind, ()) if status is not None
             and (f := status_from_words(w, status)) is not None]
    return found[0].value if found else status


def _check_filters(kind: "ListKind", filters: "Filters", notice: str | None) -> None:
    from kplan.cli.usage import mistake
    from kplan.query.catalog import FILTERS, STATUSES, unsupported

    wrong = unsupported(kind, filters)
    if wrong:
        raise mistake("bad_filter", notice, kind=kind.value,
                      options=", ".join("--" + name for name in wrong),
                      allowed=", ".join("--" + name for name in sorted(FILTERS[kind])))
    if filters.status is not None and filters.status not in STATUSES.get(kind, ()):
        raise mistake("bad_status", notice, value=filters.status, kind=kind.value,
                      allowed=(_statuses(kind, "cs"), _statuses(kind, "en")))


def _statuses(kind: "ListKind", lang: "Lang") -> str:
    """The statuses ``--status`` takes in a list of ``kind``, named in ``lang``."""
    from kplan.plan.statuses import status_choices
    from kplan.query.catalog import ListKind

    if kind is ListKind.TASKS:
        return status_choices("task", lang)
    return status_choices("evaluation", lang) + "; " + status_choices("milestone", lang)


class MinutesFormat(StrEnum):
    MD = "md"
    HTML = "html"


@app.command()
@english("""The minutes of a meeting to send round: subject, date, place, those present,
    agenda, decisions, tasks with their due dates and who does them, the next meeting and
    the group's status of the plan on the day of the meeting. Templates in the plan's
    templates/ folder come first. An error in a template: exit status 1.""")
def minutes(meeting: Annotated[str, typer.Argument(
                metavar="SCHŮZKA",
                help=helps("Schůzka: název souboru bez .yaml "
                           "(2019-01-25-protidrogova-prevence), nebo datum, když se ten den "
                           "sešla jen jedna skupina.",
                           "The meeting: its file name without .yaml "
                           "(2019-01-25-protidrogova-prevence), or its date when only one "
                           "group met that day."),
                show_default=False)],
            path: PathArgument = None,
            output_format: Annotated[MinutesFormat, typer.Option(
                "--format", "-f", help=helps(
                    "md (do repozitáře, do e-mailu) nebo html (k tisku).",
                    "md (for the repository, for an e-mail) or html (to print)."))]
            = MinutesFormat.MD,
            output: Annotated[Path | None, typer.Option(
                "--output", "-o", help=helps(
                    "Soubor, nebo složka (pak zapis-SCHŮZKA.md/.html); bez ní vypíše zápis do "
                    "terminálu.",
                    "A file, or a folder (then zapis-MEETING.md/.html in it); without it the "
                    "minutes go to the terminal."), show_default=False)] = None,
            lang: LangFlag = None) -> None:
    """Zápis z jednání k rozeslání: předmět, datum, místo, přítomní, program, usnesení,
    úkoly s termíny a kdo je plní, příští jednání a stav plánu skupiny ke dni jednání.
    Šablony ze složky templates/ plánu mají přednost. Chyba v šabloně: návratový kód 1."""
    from kplan.cli.usage import unknown_reference
    from kplan.plan.meeting import Meeting
    from kplan.query import catalog
    from kplan.query.minutes import build_minutes
    from kplan.render.environment import render_minutes

    root = _root(path, lang)
    plan, chosen, _, _ = _view(root, lang, None, None)
    found = catalog.find(plan, meeting)
    if isinstance(found, catalog.Ambiguous | catalog.NotFound):
        raise unknown_reference(found)
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
