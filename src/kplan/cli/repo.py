"""kplan init, changes and log: the plan as a git repository."""


import re
import sys
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kplan.cli.common import (
    EXIT_DATA,
    FormatFlag,
    GroupFlag,
    LangFlag,
    LangOption,
    PathArgument,
    _emit,
    _root,
    _usage_error,
    app,
)
from kplan.cli.language import english, helps
from kplan.i18n import resolve_lang, say

if TYPE_CHECKING:

    from kplan.i18n import Lang
    from kplan.load.history import Snapshot
    from kplan.output.history import Base

_MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("Chybí {options}: vstup není terminál, takže se nemohu zeptat. Zadejte je "
                "jako volby, např. kplan init {folder} --town Testov --start 2025 --end 2028.",
                "Missing {options}: input is not a terminal, so I cannot ask. Give them as "
                "options, e.g. kplan init {folder} --town Testov --start 2025 --end 2028."),
    "invalid": ("Z těchto hodnot nevznikne platný plan.yaml: {problems}",
                "These values do not make a valid plan.yaml: {problems}"),
    "exists": ("Tyto soubory už existují, nic jsem nezapsal(a):\n{files}",
               "These files already exist; nothing was written:\n{files}"),
    "created": ("Založen repozitář plánu v {folder} ({count} souborů). Dále:\n"
                "  cd {folder} && git init && git add . && git commit -m \"Založení plánu\"\n"
                "  kplan validate --strict",
                "Created a plan repository in {folder} ({count} files). Next:\n"
                "  cd {folder} && git init && git add . && git commit -m \"New plan\"\n"
                "  kplan validate --strict"),
    "unknown_group": ("Skupina „{detail}“ v plánu není; jsou: {known}.",
                      "There is no group '{detail}' in the plan; there are: {known}."),
    "no_card": ("Aktivita „{detail}“ v plánu není.", "There is no activity '{detail}'."),
    "several_cards": ("Číslo {detail} má více skupin; zadejte jednu z: {known}.",
                      "Several groups use number {detail}; name one of: {known}."),
    "ask_town": ("Obec nebo území", "Town or area"),
    "ask_start": ("První rok plánu", "First year"),
    "ask_end": ("Poslední rok plánu", "Last year"),
    "ask_group_name": ("Název skupiny", "Group name"),
}


_say = partial(say, _MESSAGES)


@app.command()
@english("""Sets up a plan's repository: plan.yaml, folders, README, schemas, CI and
    pre-commit.""")
def init(
    folder: Annotated[Path, typer.Argument(
        metavar="SLOŽKA", help=helps("Složka nového repozitáře plánu.",
                                     "The folder of the plan's new repository."))],
    town: Annotated[str | None, typer.Option("--town", help=helps(
        "Obec nebo území plánu.", "The plan's town or area."), show_default=False)] = None,
    start: Annotated[int | None, typer.Option("--start", help=helps(
        "První rok plánu.", "The plan's first year."), show_default=False)] = None,
    end: Annotated[int | None, typer.Option("--end", help=helps(
        "Poslední rok plánu.", "The plan's last year."), show_default=False)] = None,
    title: Annotated[str | None, typer.Option("--title", help=helps(
        "Název plánu; výchozí „Komunitní plán sociálních služeb OBEC ZAČÁTEK–KONEC“.",
        "The plan's title; by default 'Komunitní plán sociálních služeb TOWN START–END'."),
        show_default=False)] = None,
    group: Annotated[str | None, typer.Option("--group", help=helps(
        "Identifikátor první pracovní skupiny (nepovinné).",
        "The id of the first working group (optional)."), show_default=False)] = None,
    group_name: Annotated[str | None, typer.Option("--group-name", help=helps(
        "Název té skupiny.", "That group's name."), show_default=False)] = None,
    kplan_repo: Annotated[str | None, typer.Option("--kplan-repo", help=helps(
        "Repozitář kplanu pro pre-commit a CI.", "kplan's repository for pre-commit and CI."),
        show_default=False)] = None,
    lang: LangFlag = None,
) -> None:
    """Založí repozitář plánu: plan.yaml, složky, README, schémata, CI a pre-commit."""
    from kplan.edit.scaffold import PlanSettings, init_repository, plan_problems

    chosen = resolve_lang(lang, None)
    town, start, end, group_name = _ask(folder, chosen, town, start, end, group, group_name)
    settings = PlanSettings(town or "", start or 0, end or 0, title, group, group_name,
                            kplan_repo or None)
    problems = plan_problems(settings, chosen)
    if problems:
        raise _usage_error(_say("invalid", chosen, problems="; ".join(problems)))
    result = init_repository(folder, settings)
    if result.existing:
        typer.echo(_say("exists", chosen, files="\n".join(f"  {p}" for p in result.existing)),
                   err=True)
        raise typer.Exit(EXIT_DATA)
    from kplan.output.files import written

    for file in result.written:
        typer.echo(written(folder / file, chosen))
    typer.echo(_say("created", chosen, folder=folder.as_posix(), count=len(result.written)))


def _ask(folder: Path, lang: "Lang", town: str | None, start: int | None, end: int | None,
         group: str | None, group_name: str | None
         ) -> tuple[str | None, int | None, int | None, str | None]:
    """Ask for what is missing on a terminal; elsewhere, exit 2 naming the options."""
    missing = [name for name, value in (("--town", town), ("--start", start), ("--end", end),
                                        ("--group-name", group_name if group else ""))
               if value is None]
    if not missing:
        return town, start, end, group_name
    if not sys.stdin.isatty():
        raise _usage_error(_say("missing", lang, options=", ".join(missing),
                                folder=folder.as_posix()))
    town = town or typer.prompt(_say("ask_town", lang))
    start = start or typer.prompt(_say("ask_start", lang), type=int)
    end = end or typer.prompt(_say("ask_end", lang), type=int)
    if group and not group_name:
        group_name = typer.prompt(_say("ask_group_name", lang))
    return town, start, end, group_name


SinceFlag = Annotated[str, typer.Option(
    "--since", "-s", help=helps(
        "S čím porovnat: last-meeting (stav na konci dne poslední schůzky před dneškem), den "
        "RRRR-MM-DD (poslední zápis v gitu před ním), nebo větev či značka v gitu "
        "(origin/main); výchozí HEAD, tj. poslední zápis v gitu: co ještě není uložené.",
        "What to compare with: last-meeting (the plan at the end of the day of the last "
        "meeting before today), a day YYYY-MM-DD (the last commit in git before it), or a "
        "branch or tag in git (origin/main); by default HEAD, the last commit in git: what "
        "is not committed yet."))]


@app.command()
@english("""What changed in the plan since the last meeting, since a given day or since the
    last commit in git.""")
def changes(
    path: PathArgument = None,
    since: SinceFlag = "HEAD",
    group: GroupFlag = None,
    output_format: FormatFlag = "text",
    lang: LangFlag = None,
) -> None:
    """Co se v plánu změnilo od poslední schůzky, od daného dne nebo od posledního zápisu
    v gitu."""
    from kplan.load import history
    from kplan.output.history import changes_blocks, changes_json
    from kplan.query.changes import compare

    root, now, chosen = _working(path, lang)
    repo = _repository(root)
    today = date.today()
    meetings = [m.date for m in now.plan.meetings
                if (group is None or m.group == group) and m.date < today]
    commit_hash = history.base_commit(repo, since, max(meetings, default=None))
    base = _base(repo, since, commit_hash)
    old = history.snapshot(history.files_at(repo, commit_hash, history.plan_prefix(repo, root)),
                           now)
    _check_group(group, old, now, chosen)
    rows = compare(old.plan, now.plan, group)
    currency = now.plan.meta.currency if now.plan.meta else "CZK"
    _emit(output_format,
          lambda: changes_blocks(rows, base, chosen, currency, old.skipped, now.skipped),
          lambda: changes_json(rows, base, group, old.skipped, now.skipped))


@app.command()
@english("""An activity card's history from git: when which milestone, budget or indicator
    changed, who changed it and where.""")
def log(
    activity: Annotated[str, typer.Argument(
        metavar="AKTIVITA", help=helps("Aktivita: skupina/číslo nebo číslo.",
                                       "The activity: group/number or number."))],
    path: PathArgument = None,
    output_format: FormatFlag = "text",
    lang: LangFlag = None,
) -> None:
    """Historie karty aktivity z gitu: kdy se který krok harmonogramu, rozpočet nebo ukazatel
    změnil, kdo a kde."""
    from kplan.load import history
    from kplan.output.history import LogEntry, log_blocks, log_json
    from kplan.plan.activity import Activity
    from kplan.query.changes import card_log

    root, now, chosen = _working(path, lang)
    card_file = _card_file(root, activity, chosen)
    repo = _repository(root)
    versions = history.file_history(repo, history.plan_prefix(repo, root) + card_file)
    cards = [history.validated(Activity, blob, card_file) if blob is not None else None
             for _, blob in versions]
    entries = [LogEntry(c.hash, c.short, c.author, c.when, change)
               for index, change in card_log(cards) for c in [versions[index][0]]]
    ref = card_file.removeprefix("activities/").removesuffix(".yaml")
    current = next((a for a in now.plan.activities if a.file == card_file), None)
    title = current.title if current else ""
    currency = now.plan.meta.currency if now.plan.meta else "CZK"
    _emit(output_format, lambda: log_blocks(ref, title, len(versions), entries, chosen,
                                            currency),
          lambda: log_json(ref, title, len(versions), entries))


def _working(path: Path | None,
             lang: LangOption | None) -> "tuple[Path, Snapshot, Lang]":
    """The plan folder, the plan as it is in the working tree, and the language to speak."""
    from kplan.load import history

    root = _root(path, lang)
    now = history.snapshot(history.working_files(root))
    return root, now, resolve_lang(lang, now.plan.meta.locale.value if now.plan.meta else None)


def _repository(root: Path) -> Path:
    from kplan.load.history import toplevel

    return toplevel(root)


def _base(repo: Path, since: str, commit_hash: str) -> "Base":
    from kplan.load.history import commit
    from kplan.output.history import Base

    found = commit(repo, commit_hash)
    return Base(since, found.hash, found.short, found.author, found.when)


def _check_group(group: str | None, old: "Snapshot", now: "Snapshot", lang: "Lang") -> None:
    known = sorted(old.plan.group_ids() | now.plan.group_ids())
    if group is not None and group not in known:
        raise _usage_error(_say("unknown_group", lang, detail=group, known=", ".join(known)))


def _card_file(root: Path, activity: str, lang: "Lang") -> str:
    """``activities/<group>/<number>.yaml`` of a full reference or an unambiguous number."""
    from kplan.plan.values import NUMBER_RE, SLUG_RE
    from kplan.plan.walker import walk

    group, _, number = activity.rpartition("/")
    found = sorted(d.rel for d in walk(root).documents if d.kind == "activity"
                   and d.stem == number and group in ("", d.group)
                   ) if re.fullmatch(rf"(?:{SLUG_RE}/)?{NUMBER_RE}", activity) else []
    if not found:
        raise _usage_error(_say("no_card", lang, detail=activity))
    if len(found) > 1:
        known = ", ".join(f.removeprefix("activities/").removesuffix(".yaml") for f in found)
        raise _usage_error(_say("several_cards", lang, detail=activity, known=known))
    return found[0]
