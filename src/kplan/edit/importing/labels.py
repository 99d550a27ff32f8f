"""The one table from the labels towns write on their activity cards to the card's fields.

A label is compared folded: letter case, diacritics, a trailing colon, the words in
brackets and the characters ``/``, ``-`` and ``,`` do not matter, so „Realizátor (aktivity):“,
„REALIZATOR“ and „realizátor aktivity“ are one label. Documented in docs/import.md.
"""

from __future__ import annotations

import re
import unicodedata

NUMBER_TITLE = "number_title"
"""„2.1.2. Podpořit vznik…“: the number and then the title, in one value."""
PRIORITY, MEASURE = "priority", "measure"
"""Headings: „Priorita 2 …“, „Opatření 2.1 …“ (in a sheet, a column of them)."""

LABELS: dict[str, str] = {
    "aktivita": NUMBER_TITLE,
    "aktivita nazev cislo": NUMBER_TITLE,
    "aktivita cislo nazev": NUMBER_TITLE,
    "cislo a nazev aktivity": NUMBER_TITLE,
    "nazev aktivity": "title",
    "nazev": "title",
    "cislo aktivity": "number",
    "cislo": "number",
    "c": "number",
    "realizator": "implementers",
    "realizator aktivity": "implementers",
    "realizatori": "implementers",
    "nositel": "implementers",
    "garant": "responsible",
    "garant aktivity": "responsible",
    "odpovedna osoba": "responsible",
    "odpovednost": "responsible",
    "spolupracujici subjekty": "partners",
    "partneri": "partners",
    "popis aktivity": "description",
    "strucny slovni popis aktivity": "description",
    "slovni popis aktivity": "description",
    "strucny popis aktivity": "description",
    "popis": "description",
    "cilova skupina": "target_groups",
    "cilova skupina skupiny": "target_groups",
    "cilove skupiny": "target_groups",
    "cilova skupina ci skupiny": "target_groups",
    "planovane vystupy": "outputs",
    "vystupy": "outputs",
    "neinvesticni naklady a financni zdroje": "budget",
    "naklady a financni zdroje": "budget",
    "predpokladane naklady": "amount",
    "predpokladane financni naklady": "amount",
    "naklady": "amount",
    "financni naklady": "amount",
    "zdroje financovani": "sources",
    "predpokladane zdroje financovani": "sources",
    "financni zdroje": "sources",
    "uzemi dopadu": "area",
    "uzena dopadu": "area",  # so in the seed's card 2.1.2 (001_69d361cdf7917502.txt)
    "uzemi": "area",
    "harmonogram": "milestones",
    "harmonogram zasadnich kroku": "milestones",
    "casovy harmonogram": "milestones",
    "termin": "due",
    "termin realizace": "due",
    "prehled rizik": "risks",
    "prehled rizik aktivity": "risks",
    "rizika": "risks",
    "rizika aktivity": "risks",
    "indikatory": "indicators",
    "ukazatele": "indicators",
    "indikatory naplneni": "indicators",
    "stav": "status",
    "stav plneni": "status",
    "priorita": PRIORITY,
    "oblast": PRIORITY,
    "opatreni": MEASURE,
}
"""Folded label → field of the card (the spec's name), or a heading or a combined value."""

_BRACKETS = re.compile(r"\([^)]*\)")
_NOT_WORDS = re.compile(r"[^a-z0-9]+")


def fold_label(text: str) -> str:
    """„Realizátor (aktivity):“ → ``realizator``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NOT_WORDS.sub(" ", _BRACKETS.sub(" ", plain)).split())


def field_of(label: str) -> str | None:
    """The field a label means, or None when kplan does not know it. A label's brackets are
    tried as words too: „Aktivita (název, číslo)“ is its own entry before „Aktivita“."""
    whole = fold_label(label.replace("(", " ").replace(")", " "))
    return LABELS.get(whole) or LABELS.get(fold_label(label))
