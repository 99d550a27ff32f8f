"""The texts the editing commands write into the plan: a blank one is a usage mistake."""

from __future__ import annotations

import click

from kplan.cli.common import LangOption, _usage_error
from kplan.cli.language import named
from kplan.i18n import Lang, resolve_lang, say

TEXT_PARAMETERS = frozenset(("title", "name", "comment", "note", "owner", "text",
                             "implementer", "partner", "responsible", "activity"))
"""The options and arguments of editing commands whose empty text would say nothing (a
title, a decision's text, a person); ``kplan set`` empties a field with no value on
purpose, so its values are not among them."""

_WORDS = {
    "required": ("{option}: prázdný text nejde zapsat; napište do uvozovek, co tam má stát.",
                 "{option}: an empty text cannot be written; put what it should say in "
                 "quotes."),
    "optional": ("{option}: prázdný text nejde zapsat; napište do uvozovek, co tam má stát, "
                 "nebo volbu vynechte.",
                 "{option}: an empty text cannot be written; put what it should say in "
                 "quotes, or leave the option out."),
}


def refuse_blank_texts(lang: LangOption | None) -> None:
    """Exit 2 when a text of the running command (``TEXT_PARAMETERS``) is given but empty
    or only spaces, before the plan is read."""
    context = click.get_current_context(silent=True)
    if context is None:
        return
    for param in context.command.params:
        if param.name in TEXT_PARAMETERS and _blank(context.params.get(param.name)):
            chosen = resolve_lang(lang, None)
            raise _usage_error(say(_WORDS, "required" if param.required else "optional",
                                   chosen, option=_shown(param, chosen)))


def _blank(value: object) -> bool:
    values = value if isinstance(value, list | tuple) else [value]
    return any(isinstance(v, str) and not v.strip() for v in values)


def _shown(param: click.Parameter, lang: Lang) -> str:
    if isinstance(param, click.Option):
        return max(param.opts, key=len)
    return named(param.human_readable_name, lang)
