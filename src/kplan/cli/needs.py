"""kplan needs: the needs behind the plan, what answers each, and the gaps; kplan new
need-analysis."""

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kplan.cli.common import (
    Answer,
    FormatFlag,
    GroupFlag,
    LangFlag,
    NoCacheFlag,
    Opened,
    PathArgument,
    _present,
    _usage_error,
    app,
)
from kplan.cli.edit import DryRunFlag, _run, _say, new_app
from kplan.cli.language import english, helps
from kplan.i18n import resolve_lang

if TYPE_CHECKING:
    from kplan.edit.change import Change
    from kplan.plan.model import Plan

_BAD_KIND = ("--kind: „{value}“ není druh potřeby; povolené jsou have (máme), lack (nemáme, "
             "chybí), want (chceme), problem (problém), risk (riziko, černý scénář), "
             "expectation (očekávání).",
             "--kind: '{value}' is not a kind of need; use have, lack, want, problem, risk "
             "or expectation.")


@app.command()
@english("""The needs of the needs/ folder: each analysis with its needs and what answers
    each (activity cards with their status, services); the gaps first.

    With --group the group's analyses and the needs its activities and services answer.
    """)
def needs(path: PathArgument = None, group: GroupFlag = None,
          kind: Annotated[str | None, typer.Option(
              "--kind", help=helps(
                  "Jen potřeby jednoho druhu: have (máme), lack (nemáme), want (chceme), "
                  "problem (problém), risk (riziko), expectation (očekávání).",
                  "Only the needs of one kind: have, lack, want, problem, risk, expectation."),
              show_default=False)] = None,
          gaps: Annotated[bool, typer.Option(
              "--gaps", help=helps(
                  "Jen nepokryté potřeby: druhu nemáme, chceme nebo problém, na které "
                  "neodpovídá žádná aktivita ani služba.",
                  "Only the gaps: needs of the kind lack, want or problem that no activity or "
                  "service answers."))] = False,
          output_format: FormatFlag = "text", lang: LangFlag = None,
          no_cache: NoCacheFlag = False) -> None:
    """Potřeby ze složky needs/: každá analýza s potřebami a s tím, co na každou odpovídá
    (karty aktivit s jejich stavem, služby); nepokryté potřeby první.

    Se --group analýzy skupiny a potřeby, na které odpovídají její aktivity a služby.
    """

    def answer(opened: Opened) -> Answer:
        from kplan.i18n import in_lang
        from kplan.output.needs import needs_doc, needs_json
        from kplan.plan.needs import need_kind_from_words
        from kplan.query.needs import NeedFilters, needs_view

        chosen = need_kind_from_words(kind) if kind is not None else None
        if kind is not None and chosen is None:
            text = in_lang(_BAD_KIND, opened.lang)
            raise _usage_error(text.format(value=kind), opened.notice)
        view = needs_view(opened.plan, NeedFilters(group, chosen, gaps))
        has_any = bool(opened.plan.needs)
        return Answer(lambda: needs_doc(view, opened.lang, has_any), lambda: needs_json(view))

    _present(("needs", kind, gaps), path, lang, group, None, output_format, answer, no_cache)


@new_app.command("need-analysis")
@english("A new needs analysis needs/ID.yaml with a comment on every field.")
def new_need_analysis(analysis_id: Annotated[str, typer.Argument(
                          metavar="ID", help=helps(
                              "Identifikátor analýzy, např. workshop-2026.",
                              "The analysis' id, e.g. workshop-2026."))],
                      path: PathArgument = None,
                      title: Annotated[str | None, typer.Option(
                          help=helps("Název analýzy, workshopu nebo šetření.",
                                     "The title of the analysis, workshop or survey."))]
                      = None,
                      dry_run: DryRunFlag = False, lang: LangFlag = None) -> None:
    """Nová analýza potřeb needs/ID.yaml s komentáři ke každému poli."""
    import re

    from kplan.edit import change as edit
    from kplan.edit import new as templates_new
    from kplan.plan.layout import NEEDS, YAML_SUFFIX
    from kplan.plan.values import SLUG_RE

    if not re.fullmatch(SLUG_RE, analysis_id):
        raise _usage_error(_say("bad_value", resolve_lang(lang, None), option="ID",
                                value=analysis_id,
                                allowed="malá písmena bez diakritiky, číslice a pomlčky"))

    def make(root: Path, plan: "Plan", today: date) -> "list[Change]":
        text = templates_new.need_analysis_text(analysis_id, title)
        return [edit.new_file(root, f"{NEEDS}/{analysis_id}{YAML_SUFFIX}", text)]

    _run(path, lang, dry_run, make, whole=True)
