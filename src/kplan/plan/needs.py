"""Needs analyses: what a workshop, a meeting or a survey found that people need
(DATA.md, "Needs: what the plan answers"), one file a analysis in ``needs/``."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema

from kplan.plan.base import _Document, _f, _list, _Model
from kplan.plan.dates import DueDate
from kplan.plan.statuses import _folded
from kplan.plan.values import Slug, Text


class NeedKind(StrEnum):
    HAVE = "have"
    LACK = "lack"
    WANT = "want"
    PROBLEM = "problem"
    RISK = "risk"
    EXPECTATION = "expectation"

    @property
    def is_gap_kind(self) -> bool:
        """A need of this kind that nothing answers is a gap."""
        return self in GAP_KINDS


GAP_KINDS = frozenset({NeedKind.LACK, NeedKind.WANT, NeedKind.PROBLEM})

NEED_WORDS: dict[NeedKind, tuple[str, ...]] = {
    NeedKind.HAVE: ("máme",),
    NeedKind.LACK: ("nemáme", "chybí"),
    NeedKind.WANT: ("chceme",),
    NeedKind.PROBLEM: ("problém",),
    NeedKind.RISK: ("riziko", "černý scénář"),
    NeedKind.EXPECTATION: ("očekávání",),
}
"""The spec's Czech words for each kind of need."""


def need_kind_from_words(text: str) -> NeedKind | None:
    """The kind a person means (English or Czech, any case, with or without diacritics)."""
    wanted = _folded(text)
    for kind, words in NEED_WORDS.items():
        if wanted in {_folded(kind.value), *map(_folded, words)}:
            return kind
    return None


def _kind(value: Any) -> Any:
    if isinstance(value, str):
        return need_kind_from_words(value) or value
    return value


def _kind_words() -> list[str]:
    words = [kind.value for kind in NeedKind]
    for czech in NEED_WORDS.values():
        words += [w for word in czech for w in dict.fromkeys((word, _folded(word)))]
    return words


NeedKindField = Annotated[NeedKind, BeforeValidator(_kind),
                          WithJsonSchema({"type": "string", "enum": _kind_words()})]


class Need(_Model):
    id: Slug = _f("Identifikátor", "Krátký identifikátor potřeby, v souboru jedinečný; "
                  "odkazuje se na ni jako analýza/potřeba.")
    text: Text = _f("Potřeba", "Potřeba, jak ji uvádí podklad.")
    kind: NeedKindField = _f("Druh", "have (máme), lack (nemáme, chybí), want (chceme), "
                             "problem (problém), risk (riziko, černý scénář) nebo "
                             "expectation (očekávání).")
    target_groups: list[Text] = _list("Cílové skupiny", "Koho se potřeba týká.")
    area: Text | None = _f("Území", "Kde potřeba je, uvádí-li ho podklad.", None)
    note: Text | None = _f("Poznámka", "Poznámka k potřebě.", None)


class NeedsAnalysis(_Document):
    id: Slug = _f("Identifikátor", "Identifikátor analýzy; shoduje se s názvem souboru "
                  "needs/<identifikátor>.yaml.")
    title: Text = _f("Název", "Název analýzy, workshopu nebo šetření.")
    date: DueDate | None = _f("Datum", "Rok, měsíc nebo den, kdy analýza vznikla; "
                              "neuvádí-li ho podklad, nechte null.", None)
    group: Slug | None = _f("Pracovní skupina", "Skupina z plan.yaml, je-li.", None)
    meeting: Text | None = _f("Schůzka", "Schůzka, ze které analýza vzešla: název souboru "
                              "z meetings/ bez .yaml.", None)
    source: Text | None = _f("Zdroj", "Odkud zjištění jsou (autoři, dokument).", None)
    note: Text | None = _f("Poznámka", "Poznámka k analýze.", None)
    needs: list[Need] = _list("Potřeby", "Zjištěné potřeby, jedna položka každá.")
    conclusion: Text | None = _f("Závěr", "Závěr analýzy, uvádí-li ho podklad.", None)

    def need(self, need_id: str) -> Need | None:
        return next((n for n in self.needs if n.id == need_id), None)

    def ref(self, need: Need) -> str:
        return f"{self.id}/{need.id}"
