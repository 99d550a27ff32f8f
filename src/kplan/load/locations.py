"""Pydantic validation errors as coded diagnostics at the key's or value's position."""

from __future__ import annotations

import difflib
import json
import types
import typing
import unicodedata
from collections.abc import Iterator
from enum import Enum
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from kplan.diagnostics import Diagnostic, Loc
from kplan.diagnostics.codes import diag
from kplan.i18n import Lang
from kplan.plan.statuses import closest_word, word_choices
from kplan.yamlio import Node, node_kind, position_of, scalar_source

_EXPECTED = {
    "mapping": {"cs": "mapování (klíč: hodnota)", "en": "a mapping (key: value)"},
    "sequence": {"cs": "seznam (položky „- “)", "en": "a list ('- ' items)"},
    "text": {"cs": "text", "en": "text"},
    "bool": {"cs": "true nebo false", "en": "true or false"},
    "whole_number": {"cs": "celé nezáporné číslo", "en": "a whole non-negative number"},
    "number": {"cs": "nezáporné číslo", "en": "a non-negative number"},
    "year": {"cs": "rok", "en": "a year"},
}
_FOUND = {
    "mapping": {"cs": "mapování", "en": "a mapping"},
    "sequence": {"cs": "seznam", "en": "a list"},
    "text": {"cs": "text", "en": "text"},
    "number": {"cs": "číslo", "en": "a number"},
    "bool": {"cs": "true/false", "en": "true/false"},
    "null": {"cs": "prázdná hodnota", "en": "an empty value"},
    None: {"cs": "nic", "en": "nothing"},
}
_PYDANTIC_TYPES = {
    "model_type": "mapping", "model_attributes_type": "mapping", "dict_type": "mapping",
    "list_type": "sequence", "bool_type": "bool", "bool_parsing": "bool",
    "string_type": "text", "int_type": "whole_number",
}
_ROOT_FIELD = {"cs": "(obsah souboru)", "en": "(file content)"}


def _shape_hint(expected: str, field: str, at_root: bool) -> dict[str, str] | None:
    if expected == "mapping" and at_root:
        return {"cs": "Soubor se skládá z dvojic klíč: hodnota na začátku řádků, např. "
                      "„title: …“; podívejte se na vzor v docs/codes.md.",
                "en": "The file is made of key: value pairs at the start of lines, e.g. "
                      "'title: …'; see the examples in docs/codes.md."}
    if expected == "mapping":
        return {"cs": f"Zapište pod „{field}:“ jeho klíče, každý na vlastní řádek odsazený "
                      "o dvě mezery.",
                "en": f"Write the keys of '{field}:' below it, each on its own line, "
                      "indented by two spaces."}
    if expected == "sequence":
        return {"cs": "Zapište položky pod sebe, každou na řádek začínající „- “, "
                      "nebo [] pro prázdný seznam.",
                "en": "Write the items below, each on a line starting with '- ', "
                      "or [] for an empty list."}
    if expected == "bool":
        return {"cs": "Pište true nebo false.", "en": "Write true or false."}
    return None


def _colon_hint(expected: str, found: str | None, value: Any) -> dict[str, str] | None:
    """A text with ": " in it, which YAML read as a key and its value: quote it."""
    if expected != "text" or found != "mapping":
        return None
    pairs = list(value.items()) if isinstance(value, dict) else []
    if len(pairs) == 1 and all(isinstance(part, str) for part in pairs[0]):
        quoted = json.dumps(f"{pairs[0][0]}: {pairs[0][1]}", ensure_ascii=False)
        return {"cs": f"Dvojtečku s mezerou čte YAML jako „klíč: hodnota“; dejte text do "
                      f"uvozovek: {quoted}.",
                "en": f"YAML reads a colon and a space as 'key: value'; put the text in "
                      f"quotes: {quoted}."}
    return {"cs": "Dvojtečku s mezerou čte YAML jako „klíč: hodnota“; dejte text do uvozovek.",
            "en": "YAML reads a colon and a space as 'key: value'; put the text in quotes."}


def _date_fix(value: str) -> dict[str, str] | str:
    """The exact ISO form of a date written the Czech way (15.3.2026)."""
    from kplan.plan.entered import iso_day

    iso = iso_day(value)
    return {"cs": f"; napište {iso}", "en": f"; write {iso}"} if iso else ""


def _dash_hint(expected: str, root: Node, loc: Loc) -> dict[str, str] | None:
    """``-Honza Horák`` under a list's key: one text, because the dash has no space after it."""
    raw = scalar_source(root, loc) if expected == "sequence" else None
    if not raw or not raw.startswith("-") or raw[1:2].isspace() or len(raw) < 2:
        return None
    item = raw[1:].strip()
    return {"cs": f"Za pomlčkou chybí mezera; napište „- {item}“.",
            "en": f"A space is missing after the dash; write '- {item}'."}


_DUE_HINT = {"cs": ", termín také jako rok (2019) nebo měsíc (2019-03)",
             "en": ", a due date also as a year (2019) or a month (2019-03)"}


def validation_diagnostics(error: ValidationError, model: type[BaseModel], root: Node,
                           file: str) -> Iterator[Diagnostic]:
    for detail in error.errors(include_url=False):
        yield _diagnostic(detail, model, root, file)


def _diagnostic(detail: ErrorDetails, model: type[BaseModel], root: Node,
                file: str) -> Diagnostic:
    loc: Loc = tuple(step for step in detail["loc"]
                     if not (isinstance(step, str) and step.startswith("~")))  # union tags
    part = "value"
    if loc and loc[-1] == "[key]":
        loc, part = loc[:-1], "key"
    field = _field_name(loc)
    found = _code_and_args(detail, loc, model, root, field)
    code, args = found
    part = {"KP204": "parent", "KP201": "key"}.get(code, part)
    position = position_of(root, loc, part)
    return diag(file, code, loc, part=part, line=position.line, column=position.column, **args)


def _code_and_args(detail: ErrorDetails, loc: Loc, model: type[BaseModel], root: Node,
                   field: str) -> tuple[str, dict[str, Any]]:
    kind = detail["type"]
    ctx: dict[str, Any] = dict(detail.get("ctx") or {})
    info = field_info(model, loc)
    if kind == "missing":
        description = info.description.rstrip(".") if info and info.description else field
        return "KP204", {"field": field, "description": description}
    if kind == "extra_forbidden":
        return "KP201", {"field": field, "suggestion": _field_suggestion(model, loc)}
    if kind == "enum":
        return "KP203", _enum_args(field, detail["input"], info, ctx)
    if kind == "kplan_unquoted":
        raw = scalar_source(root, loc) or str(detail["input"])
        return "KP205", {"field": field, "raw": raw, "read": ctx.get("read", "")}
    if kind == "kplan_date":
        due = bool(info and "Due" in repr(info.annotation))
        return "KP206", {"field": field, "value": ctx.get("value", ""),
                         "due_hint": _DUE_HINT if due else "",
                         "fix": _date_fix(str(ctx.get("value", "")))}
    if kind == "kplan_due_range":
        return "KP220", {"field": field, "value": ctx.get("value", "")}
    if kind == "kplan_negative":
        return "KP207", {"field": field, "value": ctx.get("value")}
    if kind == "kplan_range":
        limit = int(ctx.get("limit", 0))
        written = scalar_source(root, loc)
        shown = ctx.get("value") if written is None else \
            written if len(written) <= 20 else f"{written[:20]}…"
        return "KP214", {"field": field, "value": shown,
                         "limit": {"cs": f"{limit:,}".replace(",", "\N{NO-BREAK SPACE}"),
                                   "en": f"{limit:,}"}}
    if kind == "kplan_ico":
        return "KP208", {"value": ctx.get("value"), "expected": ctx.get("expected")}
    if kind == "kplan_pattern":
        return "KP209", {"field": field, "value": ctx.get("value"),
                         "hint": {"cs": ctx.get("hint_cs", ""), "en": ctx.get("hint_en", "")}}
    expected = ctx.get("expected") if kind == "kplan_type" else _PYDANTIC_TYPES.get(kind)
    if isinstance(expected, str) and expected in _EXPECTED:
        found = node_kind(root, loc)
        hint = _colon_hint(expected, found, detail.get("input")) or \
            _dash_hint(expected, root, loc) or \
            _shape_hint(expected, field, at_root=not loc) or \
            {"cs": ctx.get("hint_cs", ""), "en": ctx.get("hint_en", "")}
        return "KP202", {"field": field if loc else _ROOT_FIELD, "expected": _EXPECTED[expected],
                         "found": _FOUND[found], "hint": hint}
    if kind == "kplan_period":
        problem = {"cs": f"konec {ctx['end']} je před začátkem {ctx['start']}",
                   "en": f"the end {ctx['end']} is before the start {ctx['start']}"}
        return "KP211", {"field": field, "problem": problem}
    return "KP211", {"field": field, "problem": detail["msg"]}


def _field_name(loc: Loc) -> str:
    names = [str(step) for step in loc if isinstance(step, str)]
    return names[-1] if names else "(soubor)"


def _enum_args(field: str, value: Any, info: FieldInfo | None,
               ctx: dict[str, Any]) -> dict[str, Any]:
    """KP203's: the allowed values, and for a status or kind the word nearest the one written."""
    enum = _enum_of(info.annotation) if info else None
    closest = closest_word(enum, str(value)) if enum is not None else None
    args = {"field": field, "value": value, "allowed": _allowed(info, ctx)}
    return {**args, "closest": closest} if closest else args


def _allowed(info: FieldInfo | None, ctx: dict[str, Any]) -> str | dict[str, str]:
    """The values a field takes; for statuses and kinds with their Czech words in Czech."""
    enum = _enum_of(info.annotation) if info else None
    if enum is not None:
        return word_choices(enum) or ", ".join(str(member.value) for member in enum)
    return str(ctx.get("expected", ""))


def _enum_of(annotation: Any) -> type[Enum] | None:
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return annotation
    for argument in typing.get_args(annotation):
        found = _enum_of(argument)
        if found is not None:
            return found
    return None


def field_info(model: type[BaseModel], loc: Loc) -> FieldInfo | None:
    """The pydantic field that ``loc`` ends in, walking nested models, lists and dicts."""
    current: type[BaseModel] | None = model
    info: FieldInfo | None = None
    for step in loc:
        if not isinstance(step, str):
            continue
        if current is None or step not in current.model_fields:
            return None
        info = current.model_fields[step]
        current = _nested_model(info.annotation)
    return info


def _containing_model(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    for step in loc[:-1]:
        if isinstance(step, str):
            if current is None or step not in current.model_fields:
                return None
            current = _nested_model(current.model_fields[step].annotation)
    return current


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for argument in typing.get_args(annotation):
            found = _nested_model(argument)
            if found is not None:
                return found
    return None


_CZECH_KEYS = {
    # cards
    "cislo": ("id", "number"), "nazev": ("title", "name"), "opatreni": ("measure", "measures"),
    "realizator": ("implementers",), "realizatori": ("implementers",),
    "partneri": ("partners",), "partner": ("partners",),
    "spolupracujici_subjekty": ("partners",), "odpovedna_osoba": ("responsible",),
    "odpovedny": ("responsible",), "odpovida": ("responsible",), "popis": ("description",),
    "navazuje": ("after",), "navaznost": ("after",), "vychozi_stav": ("baseline",),
    "vychozi_hodnota": ("baseline",), "smer": ("direction",), "zmena": ("change",),
    "duvody": ("reasons",), "po_letech": ("years",), "roky": ("years",),
    "formy": ("forms",), "forma": ("forms",), "kapacita": ("capacity",), "web": ("website",),
    "www": ("website",), "druh_nazev": ("kind_name",), "nazev_druhu": ("kind_name",),
    "email": ("email",), "e_mail": ("email",),
    "cilove_skupiny": ("target_groups",), "cilova_skupina": ("target_groups",),
    "vystupy": ("outputs",), "rozpocet": ("budget",), "naklady": ("budget",),
    "financovani": ("budget", "funding_sources"), "castka": ("amount",),
    "zdroje": ("sources", "funding_sources"), "zdroje_financovani": ("funding_sources", "sources"),
    "uzemi": ("area",), "oblast": ("area",), "rizika": ("risks",), "kroky": ("milestones",),
    "krok": ("milestones",), "milniky": ("milestones",), "harmonogram": ("milestones",),
    "indikatory": ("indicators",), "ukazatele": ("indicators",),
    "hodnoceni": ("evaluations",), "vyhodnoceni": ("evaluations",),
    "souvisejici": ("related",), "predchozi_cisla": ("previous_numbers",),
    "termin": ("due",), "stav": ("status",), "splneno": ("done",), "poznamka": ("note", "notes"),
    "rok": ("year",), "cerpano": ("spent",), "vycerpano": ("spent",), "komentar": ("comment",),
    "jednotka": ("unit",), "cil": ("target",), "hodnoty": ("values",),
    # meetings
    "datum": ("date",), "cas": ("time",), "skupina": ("group",),
    "pracovni_skupina": ("group",), "druh": ("kind",), "typ": ("kind",),
    "misto": ("place",), "ucastnici": ("attendees",), "pritomni": ("attendees",),
    "zapsal": ("minutes_by",), "zapisovatel": ("minutes_by",), "program": ("agenda",),
    "aktivity": ("activities",), "aktivita": ("activity", "activities"),
    "poznamky": ("notes",), "zapis": ("notes",), "usneseni": ("decisions",),
    "rozhodnuti": ("decisions",), "ukoly": ("tasks",), "ukol": ("tasks",),
    "dalsi_schuzka": ("next_meeting",), "pristi_schuzka": ("next_meeting",),
    "vlastnik": ("owner",), "resitel": ("owner",), "zodpovida": ("owner", "responsible"),
    # services, plan.yaml
    "jmeno": ("name",), "poskytovatel": ("provider",), "registrace": ("registry_id",),
    "skupiny": ("groups",), "provozni_doba": ("hours",), "oteviraci_doba": ("hours",),
    "personal": ("staff",), "kontakty": ("contacts",), "telefon": ("phone",),
    "adresa": ("address",), "role": ("role",), "verejny": ("public",),
    "obdobi": ("period",), "zacatek": ("start",), "od": ("start",), "konec": ("end",),
    "do": ("end",), "jazyk": ("locale",), "mena": ("currency",), "priority": ("priorities",),
    "koordinator": ("coordinator",),
}
"""Czech names people give the fields, in the form of ``_plain_key``, to the spec's keys."""


def _plain_key(key: str) -> str:
    decomposed = unicodedata.normalize("NFKD", key.strip().lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace(" ", "_") \
        .replace("-", "_")


def _field_suggestion(model: type[BaseModel], loc: Loc) -> dict[str, str]:
    owner = _containing_model(model, loc)
    known = list(owner.model_fields) if owner else []
    listing = ", ".join(known)
    key = str(loc[-1])
    english = next((name for name in _CZECH_KEYS.get(_plain_key(key), ()) if name in known), None)
    if english:
        return {"cs": f"Název pole „{key}“ je česky; napište „{english}“.",
                "en": f"The field name '{key}' is Czech; write '{english}'."}
    close = difflib.get_close_matches(key.lower(), known, n=1, cutoff=0.6)
    if close:
        return {"cs": f"Myslíte „{close[0]}“? Povolená pole: {listing}.",
                "en": f"Did you mean '{close[0]}'? Allowed fields: {listing}."}
    return {"cs": f"Přejmenujte ho na jedno z povolených polí: {listing}.",
            "en": f"Rename it to one of the allowed fields: {listing}."}


def model_problems(model: type[BaseModel], data: object, lang: Lang) -> list[str]:
    """Why ``data`` is not a valid ``model``: a line an error, ``path.to.field: hint``."""
    try:
        model.model_validate(data)
    except ValidationError as error:
        return [f"{'.'.join(str(p) for p in e['loc'])}: "
                f"{(e.get('ctx') or {}).get(f'hint_{lang}') or e['msg']}"
                for e in error.errors()]
    return []
