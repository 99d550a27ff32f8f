"""kplan fmt: the plan's YAML files written one way, their content and comments kept."""


from pathlib import Path
from typing import Annotated

import typer

from kplan.cli.common import EXIT_DATA, EXIT_OK, LangFlag, _root, app
from kplan.cli.edit import _say
from kplan.cli.language import english, helps
from kplan.i18n import resolve_lang


@app.command()
@english("""Writes the YAML files one way (indentation, line ends) without changing their
    content or comments.""")
def fmt(path: Annotated[Path | None, typer.Argument(
            metavar="CESTA", help=helps("Soubor nebo složka; výchozí složka plánu.",
                                        "A file or a folder; by default the plan's folder."),
            show_default=False)] = None,
        check: Annotated[bool, typer.Option(
            "--check", help=helps("Nic neměnit; návratový kód 1 a seznam souborů, které by se "
                                  "změnily (pro CI a pre-commit).",
                                  "Change nothing; exit status 1 and the list of the files "
                                  "that would change (for CI and pre-commit)."))] = False,
        lang: LangFlag = None) -> None:
    """Sjednotí zápis souborů YAML (odsazení, konce řádků) beze změny obsahu a komentářů."""
    from kplan.diagnostics.codes import message
    from kplan.edit.restyle import Refused, Restyled, plan_documents, plan_root, restyle_all
    from kplan.load.session import plan_cache
    from kplan.plan.files import read_only
    from kplan.plan.layout import shown_name
    from kplan.plan.walker import walk
    from kplan.yamlio.write import atomic_write

    chosen = resolve_lang(lang, None)
    given = path if path is not None and (path.is_file() or path.is_dir()) else None
    root = plan_root(given) if given is not None else None
    if root is None or given is None:
        root = given = _root(path, lang)
    tree = walk(root)
    documents, problems = plan_documents(root, given, tree)
    for problem in problems:
        typer.echo(_say("skipped", chosen, file=shown_name((root / problem.file).as_posix()),
                        reason=message(problem, chosen)), err=True)
    cache = plan_cache(root)
    if cache is not None:
        cache.scan(root, tree)
    results: list[Restyled] = []
    for result in restyle_all(root, documents, cache):
        if isinstance(result, Refused):
            typer.echo(_say("skipped", chosen, file=shown_name(result.path.as_posix()),
                            reason=message(result.diagnostic, chosen)), err=True)
            continue
        if result.problem:
            typer.echo(_say("skipped", chosen, file=shown_name(result.path.as_posix()),
                            reason=result.problem), err=True)
        results.append(result)
    if cache is not None:
        cache.save()
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
