"""Changes to the plan's files: kplan done, set-status, task done, evaluate, add, set."""


from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kplan.cli.common import LangFlag, LangOption, PathArgument, _usage_error, app
from kplan.cli.edit import (
    DryRunFlag,
    MeetingArgument,
    MilestoneArgument,
    RefArgument,
    _amount,
    _day,
    _due,
    _run,
    _say,
    _status,
    add_app,
    task_app,
)
from kplan.cli.language import english, helps, named
from kplan.i18n import resolve_lang

if TYPE_CHECKING:
    from kplan.yamlio.textedit import Scalar


@app.command()
@english("The milestone is done: status done and the day it was done.")
def done(ref: RefArgument, milestone: MilestoneArgument, path: PathArgument = None,
         day: Annotated[str | None, typer.Option(
             "--date", metavar="DEN",
             help=helps("Den splnění (15. 3. 2026 nebo 2026-03-15); výchozí dnes.",
                        "The day it was done (2026-03-15 or 15. 3. 2026); by default "
                        "today."))] = None,
         dry_run: DryRunFlag = False, lang: LangFlag = None) -> None:
    """Krok harmonogramu je splněn: status done a den splnění."""
    from kplan.edit import change as edit

    finished = _day(day, "--date", lang)
    _run(path, lang, dry_run, lambda root, plan, today: [
        edit.mark_done(root, plan, ref, milestone, finished)])


@app.command("set-status")
@english("Changes a milestone's status (the day it was done stays as it is).")
def set_status(ref: RefArgument, milestone: MilestoneArgument,
               status: Annotated[str, typer.Argument(
                   metavar="STAV", help=helps(
                       "Nový stav, anglicky nebo česky: planned (plánováno), in_progress "
                       "(probíhá), done (splněno, hotovo), postponed (odloženo) nebo cancelled "
                       "(zrušeno).",
                       "The new status, in English or Czech: planned, in_progress, done, "
                       "postponed or cancelled."))],
               path: PathArgument = None, dry_run: DryRunFlag = False,
               lang: LangFlag = None) -> None:
    """Změní stav kroku harmonogramu (den splnění nechá, jak je)."""
    from kplan.edit import change as edit
    from kplan.plan.statuses import MilestoneStatus

    chosen = MilestoneStatus(_status("milestone", status, "STAV", lang))
    _run(path, lang, dry_run, lambda root, plan, today: [
        edit.set_status(root, plan, ref, milestone, chosen)])


@task_app.command("done")
@english("A task of the minutes is done (status done).")
def task_done(meeting: MeetingArgument,
              task: Annotated[str, typer.Argument(
                  metavar="ÚKOL", help=helps(
                      "Úkol: pořadí (1, 2, …) nebo jednoznačná část názvu.",
                      "The task: its place (1, 2, …) or a part of its title that no other "
                      "has."))],
              path: PathArgument = None, dry_run: DryRunFlag = False,
              lang: LangFlag = None) -> None:
    """Úkol ze zápisu je splněn (status done)."""
    from kplan.edit import change as edit

    _run(path, lang, dry_run, lambda root, plan, today: [
        edit.task_done(root, plan, meeting, task)])


def _spent(values: list[str] | None,
           lang: LangOption | None) -> "int | dict[str, Scalar] | None":
    """``--spent 150000`` once, or ``--spent SMO=100000 --spent MPSV=50000`` by source."""
    if not values:
        return None
    if len(values) == 1 and "=" not in values[0]:
        return _amount(values[0], "--spent", lang)
    by_source: dict[str, Scalar] = {}
    for value in values:
        source, sign, amount = value.partition("=")
        crowns = _amount(amount, "--spent", lang) if sign and source.strip() else None
        if crowns is None:
            raise _usage_error(_say("bad_spent", resolve_lang(lang, None), value=value))
        by_source[source.strip()] = crowns
    return by_source


@app.command()
@english("""Adds an activity's evaluation of a year, or changes that year's evaluation (what
    you do not give stays as it is).""")
def evaluate(ref: RefArgument,
             year: Annotated[int, typer.Option(
                 metavar="ROK", help=helps("Hodnocený rok.", "The year evaluated."),
                 show_default=False)],
             status: Annotated[str | None, typer.Option(
                 metavar="STAV",
                 help=helps("done (splněno), on_track (plní se), delayed (zpožděno), "
                            "not_started (nezahájeno), not_met (nesplněno) nebo cancelled "
                            "(zrušeno); bez stavu jen s --comment.",
                            "done, on_track, delayed, not_started, not_met or cancelled; "
                            "without a status only with --comment."),
                 show_default=False)] = None,
             path: PathArgument = None,
             spent: Annotated[list[str] | None, typer.Option(
                 metavar="ČÁSTKA",
                 help=helps("Kolik se za rok vydalo, v celých korunách: 150000, „150 000 Kč“ "
                            "nebo „150 tis.“; po zdrojích opakovaně ZDROJ=ČÁSTKA (--spent "
                            "SMO=100000 --spent MPSV=50000).",
                            "What was spent in the year, in whole crowns: 150000, "
                            "'150 000 Kč' or '150 tis.'; by source, repeated SOURCE=AMOUNT "
                            "(--spent SMO=100000 --spent MPSV=50000)."),
                 show_default=False)] = None,
             comment: Annotated[str | None, typer.Option(help=helps(
                 "Slovní hodnocení.", "The evaluation in words."))] = None,
             dry_run: DryRunFlag = False, lang: LangFlag = None) -> None:
    """Přidá roční hodnocení aktivity, nebo změní hodnocení téhož roku (co nezadáte,
    zůstane, jak je)."""
    from kplan.edit import change as edit
    from kplan.plan.statuses import EvaluationStatus

    chosen = EvaluationStatus(_status("evaluation", status, "--status", lang)) \
        if status is not None else None
    if chosen is None and comment is None:
        raise _usage_error(_say("status_or_comment", resolve_lang(lang, None)))
    crowns = _spent(spent, lang)
    _run(path, lang, dry_run, lambda root, plan, today: [
        edit.evaluate(root, plan, ref, year, chosen, crowns, comment)])


@add_app.command("milestone")
@english("Adds a milestone at the end of an activity's schedule.")
def add_milestone(ref: RefArgument,
                  title: Annotated[str, typer.Option(
                      help=helps("Krok harmonogramu.", "The milestone."),
                      show_default=False)],
                  due: Annotated[str, typer.Option(
                      metavar="TERMÍN",
                      help=helps("Termín: rok (2020), měsíc (2020-03, 3/2020) nebo den "
                                 "(2020-03-15, 15. 3. 2020), rozmezí (2019–2021) nebo "
                                 "průběžně.",
                                 "The due date: a year (2020), a month (2020-03, 3/2020) or a "
                                 "day (2020-03-15, 15. 3. 2020), a range (2019–2021) or "
                                 "průběžně (ongoing)."),
                      show_default=False)],
                  path: PathArgument = None,
                  status: Annotated[str, typer.Option(
                      metavar="STAV",
                      help=helps("Stav kroku, anglicky nebo česky (plánováno, probíhá…).",
                                 "The milestone's status, in English or Czech (planned, "
                                 "in_progress…)."))] = "planned",
                  note: Annotated[str | None, typer.Option(help=helps(
                      "Poznámka.", "A note."))] = None,
                  dry_run: DryRunFlag = False, lang: LangFlag = None) -> None:
    """Přidá krok na konec harmonogramu aktivity."""
    from kplan.edit import change as edit
    from kplan.plan.statuses import MilestoneStatus

    chosen = MilestoneStatus(_status("milestone", status, "--status", lang))
    when = _due(due, "--due", lang)
    _run(path, lang, dry_run, lambda root, plan, today: [
        edit.add_milestone(root, plan, ref, title, when, chosen, note)])


@add_app.command("task")
@english("""Adds an open task at the end of the minutes' tasks (kplan task done marks it
    done).""")
def add_task(meeting: MeetingArgument,
             title: Annotated[str, typer.Option(
                 help=helps("Co se má udělat.", "What is to be done."), show_default=False)],
             path: PathArgument = None,
             owner: Annotated[str | None, typer.Option(help=helps(
                 "Kdo úkol plní.", "Who does the task."))] = None,
             due: Annotated[str | None, typer.Option(
                 metavar="TERMÍN",
                 help=helps("Termín: rok, měsíc (2025-03, 3/2025) nebo den (15. 3. 2025).",
                            "The due date: a year, a month (2025-03, 3/2025) or a day "
                            "(2025-03-15, 15. 3. 2025)."))] = None,
             activity: Annotated[str | None, typer.Option(
                 metavar="ČÍSLO", help=helps(
                     "Číslo aktivity, které se úkol týká (2.1.2).",
                     "The number of the activity the task is about (2.1.2)."))] = None,
             dry_run: DryRunFlag = False, lang: LangFlag = None) -> None:
    """Přidá otevřený úkol na konec úkolů zápisu (splněný označí kplan task done)."""
    from kplan.edit import change as edit

    when = _due(due, "--due", lang) if due else None
    _run(path, lang, dry_run, lambda root, plan, today: [
        edit.add_task(root, plan, meeting, title, owner, when, activity)])


@add_app.command("decision")
@english("""Adds a decision at the end of the minutes' decisions; colons and quotes in the text
    are taken care of.""")
def add_decision(meeting: MeetingArgument,
                 text: Annotated[str, typer.Argument(
                     metavar="TEXT", help=helps("Znění usnesení (v uvozovkách).",
                                                "The decision's wording (in quotes)."),
                     show_default=False)],
                 path: PathArgument = None, dry_run: DryRunFlag = False,
                 lang: LangFlag = None) -> None:
    """Přidá usnesení na konec usnesení zápisu; dvojtečky a uvozovky v textu ošetří samo."""
    from kplan.edit import change as edit

    _run(path, lang, dry_run, lambda root, plan, today: [
        edit.add_decision(root, plan, meeting, text)])


@app.command("set")
@english("""Changes a simple field of an activity card (the person responsible, the
    implementers, the area, the title…); the rest of the file stays as it is.""")
def set_field(ref: RefArgument,
              field: Annotated[str, typer.Argument(
                  metavar="POLE", show_default=False,
                  help=helps("Pole karty: title (název), responsible (odpovědná osoba), area "
                             "(území), measure (opatření); seznamy implementers (realizátor), "
                             "partners, description (popis), target_groups, outputs, risks.",
                             "The card's field: title, responsible, area, measure; the lists "
                             "implementers, partners, description, target_groups, outputs, "
                             "risks."))],
              values: Annotated[list[str] | None, typer.Argument(
                  metavar="HODNOTA...", show_default=False,
                  help=helps("Nová hodnota; u seznamů každá položka zvlášť. Bez hodnoty pole "
                             "vyprázdní.",
                             "The new value; for a list each item on its own. Without a value "
                             "the field is emptied."))] = None,
              path: Annotated[Path | None, typer.Option(
                  "--plan", metavar="SLOŽKA", show_default=False,
                  help=helps("Složka plánu (s plan.yaml); výchozí ./data, jinak aktuální "
                             "složka.",
                             "The plan's folder (with plan.yaml); by default ./data, else the "
                             "current folder."))] = None,
              dry_run: DryRunFlag = False, lang: LangFlag = None) -> None:
    """Změní jednoduché pole karty aktivity (odpovědnou osobu, realizátory, území, název…);
    zbytek souboru zůstane beze změny."""
    from kplan.edit import change as edit

    key = edit.card_field(field)
    if key is None:
        chosen = resolve_lang(lang, None)
        raise _usage_error(_say("bad_value", chosen, option=named("POLE", chosen), value=field,
                                allowed=", ".join({**edit.TEXT_FIELDS, **edit.LIST_FIELDS})))
    _run(path, lang, dry_run, lambda root, plan, today: [
        edit.set_field(root, plan, ref, key, values or [])])
