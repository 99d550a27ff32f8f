"""JSON Schemas of the plan's files, for editors with the YAML language server."""

from __future__ import annotations

import json
from typing import Any

from kplan.plan.base import _Document
from kplan.plan.model import FILE_MODELS
from kplan.plan.needs import NeedsAnalysis

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_TITLES = {
    "plan": ("Komunitní plán (plan.yaml)", "Název, období, zdroje a pracovní skupiny plánu."),
    "activity": ("Karta aktivity", "Jedna aktivita plánu: activities/<skupina>/<číslo>.yaml."),
    "service": ("Sociální služba", "Jedna služba: services/<identifikátor>.yaml."),
    "meeting": ("Zápis ze schůzky", "Jedna schůzka: meetings/<RRRR-MM-DD>-<skupina>.yaml."),
    "needs": ("Analýza potřeb", "Zjištění workshopu, schůzky nebo šetření: "
              "needs/<identifikátor>.yaml."),
}
EDITOR_GLOBS = {
    "plan": ["plan.yaml"],
    "activity": ["activities/*/*.yaml"],
    "service": ["services/*.yaml"],
    "meeting": ["meetings/*.yaml"],
    "needs": ["needs/*.yaml"],
}
SCHEMA_MODELS: dict[str, type[_Document]] = {**FILE_MODELS, "needs": NeedsAnalysis}


_EXPECTED = {"string": "text", "integer": "celé číslo", "number": "číslo",
             "array": "seznam (položky „- “)", "object": "mapování (klíč: hodnota)",
             "boolean": "true nebo false", "null": "null"}


def schema_for(kind: str) -> dict[str, Any]:
    schema = SCHEMA_MODELS[kind].model_json_schema(mode="validation")
    title, description = _TITLES[kind]
    for properties in _property_sets(schema):
        for name, prop in properties.items():
            prop["errorMessage"] = error_message(name, prop)
    return {"$schema": SCHEMA_DIALECT, "$id": f"{kind}.schema.json", **schema,
            "title": title, "description": description}


def _property_sets(schema: dict[str, Any]) -> list[dict[str, Any]]:
    return [schema.get("properties", {}),
            *(d.get("properties", {}) for d in schema.get("$defs", {}).values())]


def error_message(name: str, prop: dict[str, Any]) -> str:
    """What the editor says about a wrong value, in Czech (yaml-language-server shows the
    schema's ``errorMessage`` in place of "Incorrect type. Expected string")."""
    expected = " nebo ".join(dict.fromkeys(_kinds(prop))) or "hodnota podle popisu"
    return (f"Pole „{name}“ ({prop.get('title', name)}) má být {expected}. "
            f"{prop.get('description', '')}").strip()


def _kinds(prop: dict[str, Any]) -> list[str]:
    if "enum" in prop:
        return ["jedna z hodnot " + ", ".join(map(str, prop["enum"][:12]))]
    if "$ref" in prop:
        return [_EXPECTED["object"]]
    types = prop.get("type")
    found = [_EXPECTED.get(t, t) for t in ([types] if isinstance(types, str) else types or [])]
    for option in (*prop.get("anyOf", ()), *prop.get("oneOf", ())):
        found += _kinds(option)
    return found


def schema_file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def schema_text(kind: str) -> str:
    return json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n"


def schema_files() -> dict[str, str]:
    """Each schema's text by its file name."""
    return {schema_file_name(kind): schema_text(kind) for kind in SCHEMA_MODELS}
