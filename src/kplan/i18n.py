"""The reader's language and kplan's texts in Czech and English, in one shape.

A text is a pair ``(cs, en)``; a module keeps its texts in a table ``{key: (cs, en)}`` and
says one with ``say(table, key, lang, **args)`` (or binds it: ``words = partial(say,
_WORDS)``). ``in_lang`` picks from any pair (a text, a pair of formats), ``table_in`` gives
a whole table in one language (for templates). No other module compares a language with
``"cs"`` or ``"en"`` (tests/test_i18n.py).
Counted words follow the Czech plural rule: ``1 krok``, ``3 kroky``, ``5 kroků``.

Light on purpose (no Babel): ``kplan validate`` uses it too.
"""

from __future__ import annotations

import os
from collections.abc import Hashable, Mapping
from typing import Literal, TypeVar

Lang = Literal["cs", "en"]
LANGS: tuple[Lang, ...] = ("cs", "en")

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


def resolve_lang(option: str | None, plan_locale: str | None) -> Lang:
    """``--lang`` first, then ``KPLAN_LANG``, then the plan's locale, then Czech."""
    for candidate in (option, os.environ.get("KPLAN_LANG"), plan_locale):
        if candidate:
            short = candidate.strip().lower()[:2]
            if short == "en":
                return "en"
            if short == "cs":
                return "cs"
    return "cs"


def in_lang(pair: tuple[T, T], lang: str) -> T:
    """The Czech or the English one of ``(cs, en)``; Czech unless ``lang`` is English."""
    return pair[1] if lang == "en" else pair[0]


def say(table: Mapping[K, tuple[str, str]], key: K, lang: Lang, **args: object) -> str:
    """The text under ``key`` in ``lang``, its ``{placeholders}`` filled from ``args``."""
    return in_lang(table[key], lang).format(**args)


def table_in(table: Mapping[K, tuple[T, T]], lang: Lang) -> dict[K, T]:
    """Every text of ``table`` in ``lang``."""
    return {key: in_lang(pair, lang) for key, pair in table.items()}


_FORMS: dict[str, tuple[tuple[str, str, str], tuple[str, str, str]]] = {
    "activity": (("aktivita", "aktivity", "aktivit"), ("activity", "activities", "activities")),
    "milestone": (("krok", "kroky", "kroků"), ("milestone", "milestones", "milestones")),
    "task": (("úkol", "úkoly", "úkolů"), ("task", "tasks", "tasks")),
    "open_task": (("otevřený úkol", "otevřené úkoly", "otevřených úkolů"),
                  ("open task", "open tasks", "open tasks")),
    "day": (("den", "dny", "dní"), ("day", "days", "days")),
    "week": (("týden", "týdny", "týdnů"), ("week", "weeks", "weeks")),
    "month": (("měsíc", "měsíce", "měsíců"), ("month", "months", "months")),
    "meeting": (("schůzka", "schůzky", "schůzek"), ("meeting", "meetings", "meetings")),
    "service": (("služba", "služby", "služeb"), ("service", "services", "services")),
    "error": (("chyba", "chyby", "chyb"), ("error", "errors", "errors")),
    "warning": (("varování", "varování", "varování"), ("warning", "warnings", "warnings")),
    "file": (("souboru", "souborech", "souborech"), ("file", "files", "files")),
    "error_object": (("chybu", "chyby", "chyb"), ("error", "errors", "errors")),
    "time": (("krát", "krát", "krát"), ("time", "times", "times")),
    "commit": (("zápis", "zápisy", "zápisů"), ("commit", "commits", "commits")),
    "needs": (("analýza potřeb", "analýzy potřeb", "analýz potřeb"),
              ("needs analysis", "needs analyses", "needs analyses")),
    "need": (("potřeba", "potřeby", "potřeb"), ("need", "needs", "needs")),
    "gap": (("nepokrytá potřeba", "nepokryté potřeby", "nepokrytých potřeb"),
            ("gap", "gaps", "gaps")),
}


def counted(count: int, word: str, lang: Lang) -> str:
    """``1 krok``, ``3 kroky``, ``5 kroků``, ``2 days``: Czech has three plural forms."""
    one, few, many = in_lang(_FORMS[word], lang)
    form = one if count == 1 else few if 2 <= count <= 4 else many
    return f"{count} {form}"


def counted_in(count: int, word: str, lang: Lang) -> str:
    """``v 1 souboru``, ``ve 2 souborech``, ``v 5 souborech``, ``in 2 files``."""
    preposition = in_lang(("ve" if _spoken_with_ve(count) else "v", "in"), lang)
    return f"{preposition} {counted(count, word, lang)}"


def _spoken_with_ve(count: int) -> bool:
    """Czech says "ve" before a number whose first spoken word starts with a cluster of
    consonants (ve dvou, ve třech, ve čtyřech, ve dvanácti, ve dvaceti, ve stu), "v" before
    the others (v jednom, v pěti, v jedenácti, v padesáti, v tisíci, v milionu)."""
    for scale in (10**9, 10**6, 10**3):
        if count >= scale:
            return count // scale != 1 and _spoken_with_ve(count // scale)
    if count >= 100:
        return count // 100 <= 4
    return 2 <= count <= 4 or 12 <= count <= 14 or 20 <= count <= 49
