"""Changing the plan, what every edit shares: the groups of commands (new, task, add), their
arguments, the values people type, and one run of an edit under the plan's lock.

The commands are in ``new`` (kplan new), ``change`` (done, set-status, task done, evaluate,
add, set) and ``fmt``."""


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
    LangOption,
    _console,
    _load,
    _root,
    _usage_error,
    app,
)
from kplan.cli.language import helps, named, speak
from kplan.cli.texts import refuse_blank_texts
from kplan.i18n import Lang, in_lang, resolve_lang, say

if TYPE_CHECKING:
    from kplan.diagnostics import Diagnostic
    from kplan.edit.change import Change
    from kplan.load.cache import DocumentCache
    from kplan.plan.model import Plan

new_app = typer.Typer(help=helps("Nový soubor plánu: karta aktivity, služba, zápis ze schůzky "
                                 "nebo analýza potřeb.",
                                 "A new file of the plan: an activity card, a service, the "
                                 "minutes of a meeting or a needs analysis."),
                      no_args_is_help=True)
task_app = typer.Typer(help=helps("Úkoly ze zápisů.", "Tasks of the minutes."),
                       no_args_is_help=True)
add_app = typer.Typer(help=helps("Přidat do karty krok harmonogramu, do zápisu úkol nebo "
                                 "usnesení.",
                                 "Add a milestone to a card, a task or a decision to the "
                                 "minutes."),
                      no_args_is_help=True)
app.add_typer(new_app, name="new")
app.add_typer(task_app, name="task")
app.add_typer(add_app, name="add")

DryRunFlag = Annotated[bool, typer.Option(
    "--dry-run", help=helps("Jen vypsat rozdíl (diff), nic nezapsat.",
                            "Only print the difference (a diff), write nothing."))]
RefArgument = Annotated[str, typer.Argument(
    metavar="AKTIVITA", show_default=False,
    help=helps("Aktivita: skupina/číslo, nebo číslo, které používá jen jedna skupina.",
               "The activity: group/number, or a number that only one group uses."))]
MilestoneArgument = Annotated[str, typer.Argument(
    metavar="KROK", show_default=False,
    help=helps("Krok harmonogramu: jeho pořadí (1, 2, …, jak je čísluje kplan show) nebo "
               "jednoznačná část názvu.",
               "The milestone: its place (1, 2, … as kplan show numbers them) or a part of "
               "its title that no other has."))]
GroupArgument = Annotated[str, typer.Argument(
    metavar="SKUPINA", show_default=False,
    help=helps("Pracovní skupina (její id z plan.yaml).",
               "The working group (its id in plan.yaml)."))]
MeetingArgument = Annotated[str, typer.Argument(
    metavar="SCHŮZKA", show_default=False,
    help=helps("Schůzka: název souboru bez .yaml (2016-11-22-protidrogova-prevence), nebo "
               "datum, byla-li ten den jen jedna.",
               "The meeting: its file name without .yaml (2016-11-22-protidrogova-prevence), "
               "or its date if it was the only one that day."))]
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
    "whole_plan_group": ("--whole-plan: karta plánu jako celku nemá skupinu; napište jen "
                         "číslo: kplan new activity {number} --whole-plan (nebo bez "
                         "--whole-plan kartu skupiny {group}).",
                         "--whole-plan: a card of the plan as a whole has no group; give the "
                         "number only: kplan new activity {number} --whole-plan (or drop "
                         "--whole-plan for a card of the group {group})."),
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
    from kplan.plan.dates import Due

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
    from kplan.plan.statuses import status_choices, status_from_words

    found = status_from_words(kind, value)
    if found is None:
        chosen = resolve_lang(lang, None)
        raise _usage_error(_say("bad_value", chosen, option=named(option, chosen), value=value,
                                allowed=status_choices(kind, chosen)))
    return found.value


def _run(path: Path | None, lang: LangOption | None, dry_run: bool, make: Make,
         whole: bool = False) -> None:
    """Under the plan's lock: load, make the change, check it, then show or write it.
    ``make`` is given the plan's cards as skeletons (``Plan.whole`` gives the card it
    changes), or with ``whole`` as whole models."""
    refuse_blank_texts(lang)
    root = _root(path, lang)
    try:
        _locked_run(root, lang, dry_run, partial(_with_whole_cards, make) if whole else make)
    except OSError as error:  # a full disk, a read-only folder: the atomic write kept the file
        typer.echo(_say("not_written", resolve_lang(lang, None), file=error.filename or root,
                        reason=error.strerror or type(error).__name__), err=True)
        raise typer.Exit(EXIT_DATA) from None


def _with_whole_cards(make: Make, root: Path, plan: "Plan", today: date) -> "Sequence[Change]":
    from dataclasses import replace

    return make(root, replace(plan, activities=[plan.whole(a) for a in plan.activities],
                              cards=None), today)


def _copy_cache(root: Path) -> "DocumentCache | None":
    from kplan.load.cache import CopyCache

    return None if os.environ.get("KPLAN_NO_CACHE") else CopyCache.for_plan(root)


def _checked(root: Path, lang: LangOption | None, make: Make, today: date
             ) -> "tuple[Sequence[Change], list[Diagnostic], list[Diagnostic], Lang]":
    """The changes, and the errors and warnings they would add. With the plan's cache,
    the plan is read from it (skeletons of cards, their remembered checks) and the changes
    are checked in place; the cache is saved once, when both loads are done."""
    from kplan.edit import change as edit
    from kplan.load.session import plan_cache
    from kplan.load.warm import load_checked

    cache = plan_cache(root)
    if cache is None:
        result, chosen = _load(root, lang, use_cache=False)
        changes = make(root, result.plan, today)
        return (changes, *edit.check_all(root, changes, today), chosen)
    try:
        result = load_checked(root, today, cache, save=False)
        meta = result.plan.meta
        chosen = speak(resolve_lang(lang, meta.locale.value if meta else None))
        changes = make(root, result.plan, today)
        return (changes, *edit.check_all(root, changes, today, cache, result.diagnostics),
                chosen)
    finally:
        cache.save()


def _locked_run(root: Path, lang: LangOption | None, dry_run: bool, make: Make) -> None:
    from contextlib import nullcontext

    from kplan.edit import change as edit
    from kplan.yamlio.write import plan_lock

    today = date.today()
    with nullcontext() if dry_run else plan_lock(root):
        changes, added, warnings, chosen = _checked(root, lang, make, today)
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
