"""`kplan schema`: JSON Schemas that editors use, kept in step with the models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from kplan.cli import app
from kplan.plan.schema import schema_file_name, schema_for, schema_text
from kplan.yamlio import read_document

DATA = Path(__file__).resolve().parents[1] / "data"
KINDS = {"plan": ["plan.yaml"], "activity": ["activities/*/*.yaml"],
         "service": ["services/*.yaml"], "meeting": ["meetings/*.yaml"],
         "needs": ["needs/*.yaml"]}


@pytest.mark.parametrize("kind", KINDS)
def test_committed_schemas_are_current(kind: str) -> None:
    committed = (DATA / "schemas" / schema_file_name(kind)).read_text(encoding="utf-8")
    assert committed == schema_text(kind), "run: kplan schema data/schemas"


def _properties(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = list(schema.get("properties", {}).items())
    for definition in schema.get("$defs", {}).values():
        found.extend(definition.get("properties", {}).items())
    return found


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_has_a_czech_title_and_description(kind: str) -> None:
    schema = schema_for(kind)
    assert schema["additionalProperties"] is False
    for name, prop in _properties(schema):
        assert prop.get("title") and prop.get("description"), name


@pytest.mark.parametrize("kind", KINDS)
def test_example_plan_passes_an_independent_validator(kind: str) -> None:
    validator = jsonschema.Draft202012Validator(schema_for(kind),
                                                format_checker=jsonschema.FormatChecker())
    paths = [p for pattern in KINDS[kind] for p in sorted(DATA.glob(pattern))]
    assert paths
    for path in paths:
        document, problems = read_document(path, path.name)
        assert document is not None and not problems
        errors = [e.message for e in validator.iter_errors(document.data)]
        assert errors == [], path


def test_schema_command_writes_all_four(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["schema", str(tmp_path / "schemas")])
    assert result.exit_code == 0
    written = sorted(p.name for p in (tmp_path / "schemas").iterdir())
    assert written == ["activity.schema.json", "meeting.schema.json", "needs.schema.json",
                       "plan.schema.json",
                       "service.schema.json"]
    schema = json.loads((tmp_path / "schemas" / "activity.schema.json").read_text("utf-8"))
    assert schema["title"] == "Karta aktivity"
    assert schema["properties"]["responsible"]["title"] == "Odpovědná osoba"
