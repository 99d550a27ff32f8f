"""kplan import: a town's Word or Excel plan into card files and plan.yaml headings."""


from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kplan.cli.common import (
    EXIT_DATA,
    EXIT_OK,
    LangFlag,
    PathArgument,
    _load,
    _root,
    _usage_error,
    app,
)
from kplan.cli.edit import _copy_cache, _mention, _refuse
from kplan.cli.language import english, helps
from kplan.i18n import in_lang, resolve_lang, say

if TYPE_CHECKING:
    from kplan.edit.importing import Imported
    from kplan.i18n import Lang
    from kplan.plan.model import Plan

_WORDS = {
    "unmapped_item": ("  {place}: „{text}“\n    {todo}", "  {place}: '{text}'\n    {todo}"),
    "suffix": ("SOUBOR: „{file}“ není .docx, .xlsx ani .csv; kplan pozná druh podle přípony.",
               "SOUBOR: '{file}' is not a .docx, .xlsx or .csv file; kplan goes by its "
               "extension."),
    "missing": ("SOUBOR: „{file}“ neexistuje.", "SOUBOR: '{file}' does not exist."),
    "no_group": ("Plán má pracovní skupiny; řekněte, do které karty patří: --group {groups}.",
                 "The plan has working groups; say which one the cards belong to: "
                 "--group {groups}."),
    "bad_group": ("Skupina „{group}“ v plan.yaml není; známé: {groups}.",
                  "No group '{group}' in plan.yaml; known: {groups}."),
    "written": ("Zapsáno: {file}", "Written: {file}"),
    "would": ("Zapsalo by se: {file}", "Would write: {file}"),
    "skipped": ("Vynecháno, soubor už existuje: {file}", "Skipped, the file exists: {file}"),
    "none": ("V podkladu není žádná karta aktivity.", "The source has no activity card."),
    "unmapped": ("Nepřeneseno ({count}):", "Not mapped ({count}):"),
    "all": ("Přeneseno vše, co podklad obsahuje.", "Everything in the source was mapped."),
}


_say = partial(say, _WORDS)


@app.command("import")
@english("""Takes activity cards over from Word or Excel: writes the new cards and the missing
    priorities and measures into plan.yaml, leaves an existing card as it is and says what
    could not be taken over and where it stands in the source.""")
def import_source(
        source: Annotated[Path, typer.Argument(
            metavar="SOUBOR", show_default=False,
            help=helps("Plán ve Wordu (.docx), v Excelu (.xlsx) nebo v CSV (.csv).",
                       "The plan in Word (.docx), in Excel (.xlsx) or in CSV (.csv)."))],
        path: PathArgument = None,
        group: Annotated[str | None, typer.Option(
            "--group", "-g", show_default=False,
            help=helps("Pracovní skupina, do které karty patří (plán bez skupin ji "
                       "nepotřebuje).",
                       "The working group the cards belong to (a plan without groups needs "
                       "none)."))]
        = None,
        dry_run: Annotated[bool, typer.Option(
            "--dry-run", help=helps(
                "Jen ukázat, co by se zapsalo (i text souborů), nic nezapsat.",
                "Only show what would be written (the files' text too), write nothing."))]
        = False,
        lang: LangFlag = None) -> None:
    """Převezme karty aktivit z Wordu nebo Excelu: zapíše nové karty a chybějící priority
    a opatření do plan.yaml, existující kartu nepřepíše a vypíše, co přenést nešlo a kde
    to v podkladu stojí."""
    from kplan.edit.importing import SUFFIXES, read_source

    chosen = resolve_lang(lang, None)
    if source.suffix.lower() not in SUFFIXES:
        raise _usage_error(_say("suffix", chosen, file=source))
    if not source.is_file():
        raise _usage_error(_say("missing", chosen, file=source))
    root = _root(path, lang)
    found = read_source(source)
    _locked(root, found, source.name, group, dry_run, lang)


def _locked(root: Path, found: object, name: str, group: str | None, dry_run: bool,
            lang: LangFlag) -> None:
    from contextlib import nullcontext

    from kplan.edit import change as edit
    from kplan.edit.importing import plan_import
    from kplan.yamlio.write import plan_lock

    with nullcontext() if dry_run else plan_lock(root):
        result, chosen = _load(root, lang)
        _check_group(result.plan, group, chosen)
        imported = plan_import(root, result.plan, found, group, name)  # type: ignore[arg-type]
        added, warnings = edit.check_all(root, imported.changes, date.today(),
                                         _copy_cache(root))
        if added:
            _refuse(root, imported.changes, added, chosen)
            raise typer.Exit(EXIT_DATA)
        if not dry_run:
            edit.write(root, imported.changes)
    _report(root, imported, dry_run, chosen)
    if not dry_run:
        _mention(root, warnings, chosen)
    raise typer.Exit(EXIT_DATA if imported.skipped else EXIT_OK)


def _check_group(plan: "Plan", group: str | None, lang: "Lang") -> None:
    known = sorted(plan.group_ids())
    if group is None and known:
        raise _usage_error(_say("no_group", lang, groups=" | ".join(known)))
    if group is not None and group not in known:
        raise _usage_error(_say("bad_group", lang, group=group, groups=", ".join(known)))


def _report(root: Path, imported: "Imported", dry_run: bool, lang: "Lang") -> None:
    out = _Echo()
    for change in imported.changes:
        shown = (root / change.file).as_posix()
        out.write(_say("would" if dry_run else "written", lang, file=shown) + "\n")
        if dry_run:
            out.write(_preview(change) + "\n")
    for file in imported.skipped:
        out.write(_say("skipped", lang, file=(root / file).as_posix()) + "\n")
    if not imported.changes and not imported.skipped:
        out.write(_say("none", lang) + "\n")
    if not imported.unmapped:
        out.write(_say("all", lang) + "\n")
        return
    out.write(_say("unmapped", lang, count=len(imported.unmapped)) + "\n")
    for item in imported.unmapped:
        out.write(_say("unmapped_item", lang, place=in_lang((item.place.cs, item.place.en), lang),
                       text=item.text, todo=in_lang((item.todo_cs, item.todo_en), lang)) + "\n")


class _Echo:
    """Lines to stdout in the order of the warnings on stderr."""

    def write(self, text: str) -> None:
        typer.echo(text, nl=False)


def _preview(change: object) -> str:
    """A new file whole, an edited one as a diff."""
    from kplan.edit import change as edit

    assert isinstance(change, edit.Change)
    if change.old is None:
        return "\n".join("  " + line if line else "" for line in
                         change.new.decode("utf-8").splitlines())
    return edit.diff([change]).rstrip("\n")
