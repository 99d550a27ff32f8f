"""Changing the plan: kplan new, done, set-status, task done, evaluate, add milestone, fmt."""


import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from kplan.cli.common import (
    EXIT_DATA,
    EXIT_OK,
    LangFlag,
    LangOption,
    PathArgument,
    _console,
    _load,
    _root,
    _usage_error,
    app,
)
from kplan.cli.language import named
from kplan.i18n import Lang, in_lang, resolve_lang, say

if TYPE_CHECKING:
    from kplan.diagnostics import Diagnostic
    from kplan.edit.change import Change
    from kplan.load.cache import DocumentCache
    from kplan.plan.model import Plan
    from kplan.yamlio.textedit import Scalar

new_app = typer.Typer(help="Nový soubor plánu: karta aktivity, služba, zápis ze schůzky nebo "
                      "analýza potřeb.",
                      no_args_is_help=True)
task_app = typer.Typer(help="Úkoly ze zápisů.", no_args_is_help=True)
add_app = typer.Typer(help="Přidat do karty krok harmonogramu, do zápisu úkol nebo usnesení.",
                      no_args_is_help=True)
app.add_typer(new_app, name="new")
app.add_typer(task_app, name="task")
app.add_typer(add_app, name="add")

DryRunFlag = Annotated[bool, typer.Option(
    "--dry-run", help="Jen vypsat rozdíl (diff), nic nezapsat.")]
RefArgument = Annotated[str, typer.Argument(
    metavar="AKTIVITA", show_default=False,
    help="Aktivita: skupina/číslo, nebo číslo, které používá jen jedna skupina.")]
MilestoneArgument = Annotated[str, typer.Argument(
    metavar="KROK", show_default=False,
    help="Krok harmonogramu: jeho pořadí (1, 2, …, jak je čísluje kplan show) nebo "
    "jednoznačná část názvu.")]
GroupArgument = Annotated[str, typer.Argument(
    metavar="SKUPINA", show_default=False, help="Pracovní skupina (její id z plan.yaml).")]
MeetingArgument = Annotated[str, typer.Argument(
    metavar="SCHŮZKA", show_default=False,
    help="Schůzka: název souboru bez .yaml (2016-11-22-protidrogova-prevence), nebo datum, "
    "byla-li ten den jen jedna.")]
Make = Callable[[Path, "Plan", date], "Sequence[Change]"]

_WORDS = {
    "written": ("Zapsáno: {file}", "Written: {file}"),
    "written_what": ("Zapsáno: {file} ({what})", "Written: {file} ({what})"),
    "warned": ("Varování {code} v {file}: {message} {hint}",
               "Warning {code} in {file}: {message} {hint}"),
    "refused": ("Změna by do plánu přinesla chyby; nic se nezapsalo.",
                "The change would add errors to the plan; nothing was written."),
    "bad_value": ("{option}: hodnota „{value}“ není povolená; povolené jsou {allowed}.",
                  "{option}: '{value}' is not allowed; use one of {allowed}."),
    "bad_day": ("{option}: „{value}“ není den; pište 15. 3. 2026 nebo 2026-03-15.",
                "{option}: '{value}' is not a day; write 2026-03-15 or 15. 3. 2026."),
    "bad_due": ("{option}: „{value}“ není termín; pište rok (2025), měsíc (2025-06 nebo "
                "6/2025) nebo den (15. 6. 2025 nebo 2025-06-15).",
                "{option}: '{value}' is not a due date; write a year (2025), a month (2025-06 "
                "or 6/2025) or a day (2025-06-15 or 15. 6. 2025)."),
    "bad_amount": ("{option}: „{value}“ není částka v celých korunách; pište např. 150000, "
                   "150 000 Kč nebo 150 tis.",
                   "{option}: '{value}' is not an amount in whole crowns; write e.g. 150000, "
                   "150 000 Kč or 150 tis."),
    "bad_spent": ("--spent: „{value}“ není částka ani ZDROJ=ČÁSTKA; pište např. 150000, "
                  "nebo po zdrojích --spent SMO=100000 --spent MPSV=50000.",
                  "--spent: '{value}' is neither an amount nor SOURCE=AMOUNT; write e.g. "
                  "150000, or by source --spent SMO=100000 --spent MPSV=50000."),
    "status_or_comment": ("Zadejte --status, --comment, nebo obojí: hodnocení bez stavu "
                          "musí mít slovní komentář.",
                          "Give --status, --comment or both: an evaluation without a status "
                          "needs a comment."),
    "understood": ("Rozumím: {option} „{value}“ = {amount} Kč.",
                   "Understood: {option} '{value}' = {amount} CZK."),
    "bad_number": ("{option}: „{value}“ není číslo aktivity; pište 1 až 5 částí oddělených "
                   "tečkou (číslo, písmeno nebo číslo s písmenem), např. 2.1.3 nebo 1.1.1.A.",
                   "{option}: '{value}' is not an activity number; write 1 to 5 parts "
                   "separated by dots (a number, a letter or a number with a letter), e.g. "
                   "2.1.3 or 1.1.1.A."),
    "bad_id": ("{option}: „{value}“ nemůže být identifikátor; pište malá písmena bez "
               "diakritiky, číslice a pomlčky, např. renarkon-terenni-program.",
               "{option}: '{value}' cannot be an id; write lowercase letters without accents, "
               "digits and hyphens, e.g. renarkon-terenni-program."),
    "would_change": ("Soubory, které kplan fmt změní:", "Files kplan fmt would change:"),
    "skipped": ("Vynechán {file}: {reason}", "Skipped {file}: {reason}"),
    "read_only": ("soubor je jen pro čtení; kplan ho nezmění", "the file is read-only; kplan "
                  "leaves it as it is"),
    "not_written": ("Nelze zapsat do {file}: {reason}. Soubor zůstal beze změny.",
                    "Cannot write to {file}: {reason}. The file is unchanged."),
}


_say = partial(say, _WORDS)


def _day(value: str | None, option: str, lang: LangOption | None) -> date:
    from kplan.plan import entered

    if value is None:
        return date.today()
    from kplan.cli.usage import day_range
    from kplan.query.timeframe import day_in_range

    try:
        day = entered.day(value)
    except ValueError:
        raise _usage_error(_say("bad_day", resolve_lang(lang, None), option=option,
                                value=value)) from None
    if not day_in_range(day):
        raise day_range(option, value)
    return day


def _amount(value: str | None, option: str, lang: LangOption | None) -> int | None:
    """Whole crowns as people write them; what was understood is said when it was not
    a plain number."""
    from kplan.plan import entered

    if value is None:
        return None
    try:
        crowns = entered.amount(value)
    except ValueError:
        raise _usage_error(_say("bad_amount", resolve_lang(lang, None), option=option,
                                value=value)) from None
    if not entered.is_plain_number(value):
        chosen = resolve_lang(lang, None)
        shown = f"{crowns:,}".replace(",", in_lang((" ", ","), chosen))
        typer.echo(_say("understood", chosen, option=option, value=value, amount=shown))
    return crowns


def _due(value: str, option: str, lang: LangOption | None) -> str:
    """A due date as people type it, as the files write it (``6/2025`` → ``2025-06``)."""
    from kplan.plan import entered
    from kplan.plan.values import Due

    try:
        written = entered.due(value)
        Due.parse(written)
    except ValueError:
        raise _usage_error(_say("bad_due", resolve_lang(lang, None), option=option,
                                value=value)) from None
    return written


E = TypeVar("E", bound=StrEnum)


def _choice(kind: type[E], value: str, option: str, lang: LangOption | None) -> E:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        chosen = resolve_lang(lang, None)
        raise _usage_error(_say("bad_value", chosen, option=named(option, chosen), value=value,
                                allowed=allowed)) from None


def _status(kind: str, value: str, option: str, lang: LangOption | None) -> str:
    """A status as people type it (``probíhá``, ``in_progress``) as the English value."""
    from kplan.plan.model import status_choices, status_from_words

    found = status_from_words(kind, value)
    if found is None:
        chosen = resolve_lang(lang, None)
        raise _usage_error(_say("bad_value", chosen, option=named(option, chosen), value=value,
                                allowed=status_choices(kind, chosen)))
    return found.value


def _run(path: Path | None, lang: LangOption | None, dry_run: bool, make: Make) -> None:
    """Under the plan's lock: load, make the change, check it, then show or write it."""
    root = _root(path, lang)
    try:
        _locked_run(root, lang, dry_run, make)
    except OSError as error:  # a full disk, a read-only folder: the atomic write kept the file
        typer.echo(_say("not_written", resolve_lang(lang, None), file=error.filename or root,
                        reason=error.strerror or type(error).__name__), err=True)
        raise typer.Exit(EXIT_DATA) from None


def _copy_cache(root: Path) -> "DocumentCache | None":
    from kplan.load.cache import CopyCache

    return None if os.environ.get("KPLAN_NO_CACHE") else CopyCache.for_plan(root)


def _locked_run(root: Path, lang: LangOption | None, dry_run: bool, make: Make) -> None:
    from contextlib import nullcontext

    from kplan.edit import change as edit
    from kplan.yamlio.write import plan_lock

    today = date.today()
    with nullcontext() if dry_run else plan_lock(root):
        result, chosen = _load(root, lang)
        changes = make(root, result.plan, today)
        added, warnings = edit.check_all(root, changes, today, _copy_cache(root))
        if added:
            _refuse(root, changes, added, chosen)
            raise typer.Exit(EXIT_DATA)
        if dry_run:
            sys.stdout.write(edit.diff(changes))
            raise typer.Exit(EXIT_OK)
        edit.write(root, changes)
    for change in changes:
        file = (root / change.file).as_posix()
        what = in_lang(change.what, chosen) if change.what else None
        typer.echo(_say("written_what", chosen, file=file, what=what) if what
                   else _say("written", chosen, file=file))
    _mention(root, warnings, chosen)


def _mention(root: Path, warnings: "Sequence[Diagnostic]", lang: "Lang") -> None:
    """Warnings the change added: written anyway, but the user should know."""
    from kplan.diagnostics.codes import hint, message

    for warning in warnings:
        typer.echo(_say("warned", lang, file=(root / warning.file).as_posix(),
                        code=warning.code, message=message(warning, lang),
                        hint=hint(warning, lang)), err=True)


def _refuse(root: Path, changes: "Sequence[Change]", added: "Sequence[Diagnostic]",
            lang: "Lang") -> None:
    from dataclasses import dataclass

    from kplan.edit import change as edit
    from kplan.output.reporters import ValidationReport, render_text

    @dataclass(frozen=True, slots=True)
    class Shown(ValidationReport):
        """Source lines from the preview, paths under the plan as the user named it."""

        shown_root: Path = Path(".")

        def shown_path(self, file: str) -> str:
            return (self.shown_root / file).as_posix() if str(self.shown_root) != "." \
                else file

    typer.echo(_say("refused", lang))
    with edit.preview(root, changes, added) as preview:
        render_text(Shown(root=preview, diagnostics=added, lang=lang, counts={},
                          shown_root=root), _console())


# --- kplan new ---------------------------------------------------------------------------------

@new_app.command("activity")
def new_activity(group: GroupArgument,
                 number: Annotated[str, typer.Argument(
                     metavar="ČÍSLO", help="Číslo aktivity, např. 2.1.3.")],
                 path: PathArgument = None,
                 title: Annotated[str | None, typer.Option(help="Název aktivity.")] = None,
                 implementer: Annotated[list[str] | None, typer.Option(
                     "--implementer", help="Realizátor (organizace); volbu lze opakovat.",
                     show_default=False)] = None,
                 partner: Annotated[list[str] | None, typer.Option(
                     "--partner", help="Spolupracující subjekt nebo id služby; lze opakovat.",
                     show_default=False)] = None,
                 responsible: Annotated[list[str] | None, typer.Option(
                     "--responsible", help="Odpovědná osoba; lze opakovat (zapíší se za sebou "
                     "oddělené čárkou).", show_default=False)] = None,
                 dry_run: DryRunFlag = False, lang: LangFlag = None) -> None:
    """Nová karta aktivity activities/SKUPINA/ČÍSLO.yaml s komentáři ke každému poli."""
    import re

    from kplan.edit import change as edit
    from kplan.edit import new as templates_new
    from kplan.plan.values import NUMBER_RE
    from kplan.query.status import known_groups

    if not re.fullmatch(NUMBER_RE, number):
        chosen = resolve_lang(lang, None)
        raise _usage_error(_say("bad_number", chosen, option=named("ČÍSLO", chosen),
                                value=number))

    def make(root: Path, plan: "Plan", today: date) -> "list[Change]":
        if group not in known_groups(plan):
            raise edit.EditProblem(
                f"Skupina „{group}“ v plan.yaml není; známé: {', '.join(known_groups(plan))}.",
                f"No group '{group}' in plan.yaml; known: {', '.join(known_groups(plan))}.")
        text = templates_new.activity_text(group, number, title, implementer or (),
                                           partner or (), ", ".join(responsible or ()) or None)
        return [edit.new_file(root, edit.activity_file(group, number), text)]

    _run(path, lang, dry_run, make)


@new_app.command("service")
def new_service(service_id: Annotated[str, typer.Argument(
                    metavar="ID", help="Identifikátor služby, např. renarkon-terenni-program.")],
                path: PathArgument = None,
                name: Annotated[str | None, typer.Option(help="Název služby.")] = None,
                kind: Annotated[str, typer.Option(
                    help="Druh podle zákona 108/2006 Sb., např. terenni-programy.")]
                = "odborne-socialni-poradenstvi",
                dry_run: DryRunFlag = False, lang: LangFlag = None) -> None:
    """Nová služba services/ID.yaml s komentáři ke každému poli."""
    import re

    from kplan.edit import change as edit
    from kplan.edit import new as templates_new
    from kplan.plan.model import ServiceKind
    from kplan.plan.values import SLUG_RE

    if not re.fullmatch(SLUG_RE, service_id):
        raise _usage_error(_say("bad_id", resolve_lang(lang, None), option="ID",
                                value=service_id))
    chosen = _choice(ServiceKind, kind, "--kind", lang)

    def make(root: Path, plan: "Plan", today: date) -> "list[Change]":
        text = templates_new.service_text(service_id, name, chosen.value)
        return [edit.new_file(root, edit.service_file(service_id), text)]

    _run(path, lang, dry_run, make)


@new_app.command("meeting")
def new_meeting(group: GroupArgument,
                path: PathArgument = None,
                day: Annotated[str | None, typer.Option(
                    "--date", metavar="DEN",
                    help="Den schůzky (15. 3. 2026 nebo 2026-03-15); výchozí dnes.")] = None,
                title: Annotated[str | None, typer.Option(help="Název jednání.")] = None,
                dry_run: DryRunFlag = False, lang: LangFlag = None) -> None:
    """Nový zápis meetings/DATUM-SKUPINA.yaml (druhý téhož dne -2) s programem
    předvyplněným tím, co je po termínu, co končí do příští schůzky, a otevřenými úkoly."""
    from kplan.edit import change as edit
    from kplan.edit import new as templates_new
    from kplan.query.status import known_groups

    held = _day(day, "--date", lang)

    def make(root: Path, plan: "Plan", today: date) -> "list[Change]":
        if group not in known_groups(plan):
            raise edit.EditProblem(
                f"Skupina „{group}“ v plan.yaml není; známé: {', '.join(known_groups(plan))}.",
                f"No group '{group}' in plan.yaml; known: {', '.join(known_groups(plan))}.")
        text = templates_new.meeting_text(plan, group, held, title)
        return [edit.new_file(root, edit.free_meeting_file(root, held, group), text)]

    _run(path, lang, dry_run, make)


# --- updates -----------------------------------------------------------------------------------

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


# --- kplan fmt ---------------------------------------------------------------------------------

@app.command()
def fmt(path: Annotated[Path | None, typer.Argument(
            metavar="CESTA", help="Soubor nebo složka; výchozí složka plánu.",
            show_default=False)] = None,
        check: Annotated[bool, typer.Option(
            "--check", help="Nic neměnit; návratový kód 1 a seznam souborů, které by se "
                            "změnily (pro CI a pre-commit).")] = False,
        lang: LangFlag = None) -> None:
    """Sjednotí zápis souborů YAML (odsazení, konce řádků) beze změny obsahu a komentářů."""
    from kplan.diagnostics.codes import message
    from kplan.edit.restyle import Refused, Restyled, plan_documents, plan_root, restyle_all
    from kplan.plan.files import read_only
    from kplan.plan.layout import shown_name
    from kplan.yamlio.write import atomic_write

    chosen = resolve_lang(lang, None)
    given = path if path is not None and (path.is_file() or path.is_dir()) else None
    root = plan_root(given) if given is not None else None
    if root is None or given is None:
        root = given = _root(path, lang)
    documents, problems = plan_documents(root, given)
    for problem in problems:
        typer.echo(_say("skipped", chosen, file=shown_name((root / problem.file).as_posix()),
                        reason=message(problem, chosen)), err=True)
    results: list[Restyled] = []
    for result in restyle_all(root, documents):
        if isinstance(result, Refused):
            typer.echo(_say("skipped", chosen, file=shown_name(result.path.as_posix()),
                            reason=message(result.diagnostic, chosen)), err=True)
            continue
        if result.problem:
            typer.echo(_say("skipped", chosen, file=shown_name(result.path.as_posix()),
                            reason=result.problem), err=True)
        results.append(result)
    changed = [r for r in results if r.changed]
    if check:
        if changed:
            typer.echo(_say("would_change", chosen))
            for result in changed:
                typer.echo(f"  {shown_name(result.path.as_posix())}")
        raise typer.Exit(EXIT_DATA if changed else EXIT_OK)
    for result in changed:
        assert result.new is not None and result.target is not None
        if read_only(result.target):
            typer.echo(_say("skipped", chosen, file=shown_name(result.path.as_posix()),
                            reason=_say("read_only", chosen)), err=True)
            continue
        atomic_write(result.target, result.new)
        typer.echo(_say("written", chosen, file=shown_name(result.path.as_posix())))
