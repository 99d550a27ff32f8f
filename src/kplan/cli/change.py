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
from kplan.cli.language import named
from kplan.i18n import resolve_lang

if TYPE_CHECKING:
    from kplan.yamlio.textedit import Scalar


@app.command()
def done(ref: RefArgument, milestone: MilestoneArgument, path: PathArgument = None,
         day: Annotated[str | None, typer.Option(
             "--date", metavar="DEN",
             help="Den splnění (15. 3. 2026 nebo 2026-03-15); výchozí dnes.")] = None,
         dry_run: DryRunFlag = False, lang: LangFlag = None) -> None:
    """Krok harmonogramu je splněn: status done a den splnění."""
    from kplan.edit import change as edit

    finished = _day(day, "--date", lang)
    _run(path, lang, dry_run, lambda root, plan, today: [
        edit.mark_done(root, plan, ref, milestone, finished)])


@app.command("set-status")
def set_status(ref: RefArgument, milestone: MilestoneArgument,
               status: Annotated[str, typer.Argument(
                   metavar="STAV", help="Nový stav, anglicky nebo česky: planned (plánováno), "
                   "in_progress (probíhá), done (splněno, hotovo), postponed (odloženo) nebo "
                   "cancelled (zrušeno).")],
               path: PathArgument = None, dry_run: DryRunFlag = False,
               lang: LangFlag = None) -> None:
    """Změní stav kroku harmonogramu (den splnění nechá, jak je)."""
    from kplan.edit import change as edit
    from kplan.plan.model import MilestoneStatus

    chosen = MilestoneStatus(_status("milestone", status, "STAV", lang))
    _run(path, lang, dry_run, lambda root, plan, today: [
        edit.set_status(root, plan, ref, milestone, chosen)])


@task_app.command("done")
def task_done(meeting: MeetingArgument,
              task: Annotated[str, typer.Argument(
                  metavar="ÚKOL", help="Úkol: pořadí (1, 2, …) nebo jednoznačná část názvu.")],
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
def evaluate(ref: RefArgument,
             year: Annotated[int, typer.Option(metavar="ROK", help="Hodnocený rok.",
                                               show_default=False)],
             status: Annotated[str | None, typer.Option(
                 metavar="STAV",
                 help="done (splněno), on_track (plní se), delayed (zpožděno), not_started "
                 "(nezahájeno), not_met (nesplněno) nebo cancelled (zrušeno); bez stavu "
                 "jen s --comment.",
                 show_default=False)] = None,
             path: PathArgument = None,
             spent: Annotated[list[str] | None, typer.Option(
                 metavar="ČÁSTKA",
                 help="Kolik se za rok vydalo, v celých korunách: 150000, „150 000 Kč“ "
                 "nebo „150 tis.“; po zdrojích opakovaně ZDROJ=ČÁSTKA (--spent SMO=100000 "
                 "--spent MPSV=50000).", show_default=False)] = None,
             comment: Annotated[str | None, typer.Option(help="Slovní hodnocení.")] = None,
             dry_run: DryRunFlag = False, lang: LangFlag = None) -> None:
    """Přidá roční hodnocení aktivity, nebo změní hodnocení téhož roku (co nezadáte,
    zůstane, jak je)."""
    from kplan.edit import change as edit
    from kplan.plan.model import EvaluationStatus

    chosen = EvaluationStatus(_status("evaluation", status, "--status", lang)) \
        if status is not None else None
    if chosen is None and comment is None:
        raise _usage_error(_say("status_or_comment", resolve_lang(lang, None)))
    crowns = _spent(spent, lang)
    _run(path, lang, dry_run, lambda root, plan, today: [
        edit.evaluate(root, plan, ref, year, chosen, crowns, comment)])


@add_app.command("milestone")
def add_milestone(ref: RefArgument,
                  title: Annotated[str, typer.Option(help="Krok harmonogramu.",
                                                     show_default=False)],
                  due: Annotated[str, typer.Option(
                      metavar="TERMÍN",
                      help="Termín: rok (2020), měsíc (2020-03, 3/2020) nebo den (2020-03-15, "
                      "15. 3. 2020), rozmezí (2019–2021) nebo průběžně.",
                      show_default=False)],
                  path: PathArgument = None,
                  status: Annotated[str, typer.Option(
                      metavar="STAV",
                      help="Stav kroku, anglicky nebo česky (plánováno, probíhá…).")] = "planned",
                  note: Annotated[str | None, typer.Option(help="Poznámka.")] = None,
                  dry_run: DryRunFlag = False, lang: LangFlag = None) -> None:
    """Přidá krok na konec harmonogramu aktivity."""
    from kplan.edit import change as edit
    from kplan.plan.model import MilestoneStatus

    chosen = MilestoneStatus(_status("milestone", status, "--status", lang))
    when = _due(due, "--due", lang)
    _run(path, lang, dry_run, lambda root, plan, today: [
        edit.add_milestone(root, plan, ref, title, when, chosen, note)])


@add_app.command("task")
def add_task(meeting: MeetingArgument,
             title: Annotated[str, typer.Option(help="Co se má udělat.", show_default=False)],
             path: PathArgument = None,
             owner: Annotated[str | None, typer.Option(help="Kdo úkol plní.")] = None,
             due: Annotated[str | None, typer.Option(
                 metavar="TERMÍN",
                 help="Termín: rok, měsíc (2025-03, 3/2025) nebo den (15. 3. 2025).")] = None,
             activity: Annotated[str | None, typer.Option(
                 metavar="ČÍSLO", help="Číslo aktivity, které se úkol týká (2.1.2).")] = None,
             dry_run: DryRunFlag = False, lang: LangFlag = None) -> None:
    """Přidá otevřený úkol na konec úkolů zápisu (splněný označí kplan task done)."""
    from kplan.edit import change as edit

    when = _due(due, "--due", lang) if due else None
    _run(path, lang, dry_run, lambda root, plan, today: [
        edit.add_task(root, plan, meeting, title, owner, when, activity)])


@add_app.command("decision")
def add_decision(meeting: MeetingArgument,
                 text: Annotated[str, typer.Argument(
                     metavar="TEXT", help="Znění usnesení (v uvozovkách).", show_default=False)],
                 path: PathArgument = None, dry_run: DryRunFlag = False,
                 lang: LangFlag = None) -> None:
    """Přidá usnesení na konec usnesení zápisu; dvojtečky a uvozovky v textu ošetří samo."""
    from kplan.edit import change as edit

    _run(path, lang, dry_run, lambda root, plan, today: [
        edit.add_decision(root, plan, meeting, text)])


@app.command("set")
def set_field(ref: RefArgument,
              field: Annotated[str, typer.Argument(
                  metavar="POLE", show_default=False,
                  help="Pole karty: title (název), responsible (odpovědná osoba), area (území), "
                  "measure (opatření); seznamy implementers (realizátor), partners, "
                  "description (popis), target_groups, outputs, risks.")],
              values: Annotated[list[str] | None, typer.Argument(
                  metavar="HODNOTA...", show_default=False,
                  help="Nová hodnota; u seznamů každá položka zvlášť. Bez hodnoty pole "
                  "vyprázdní.")] = None,
              path: Annotated[Path | None, typer.Option(
                  "--plan", metavar="SLOŽKA", show_default=False,
                  help="Složka plánu (s plan.yaml); výchozí ./data, jinak aktuální složka.")]
              = None,
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
