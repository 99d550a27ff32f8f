"""The import rules of docs/architecture.md: data flows one way through the packages."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parents[1] / "src" / "kplan"

# package → the kplan packages it may import (its own always)
MAY_IMPORT: dict[str, set[str]] = {
    "i18n": set(),
    "limits": set(),
    "git": set(),
    "diagnostics": {"i18n", "limits"},
    "yamlio": {"diagnostics", "i18n", "limits"},
    "plan": {"i18n", "limits"},
    "checks": {"plan", "diagnostics", "i18n"},
    "load": {"yamlio", "plan", "checks", "diagnostics", "git", "i18n", "limits"},
    "query": {"plan", "i18n"},
    "edit": {"yamlio", "load", "plan", "query", "diagnostics", "git", "i18n", "limits"},
    "output": {"query", "plan", "diagnostics", "load", "i18n", "limits"},
    "render": {"query", "output", "plan", "diagnostics", "i18n", "limits"},
    "cli": {"*"},
}
# third-party library → the packages (or modules) that alone may import it
OWNED_BY = {
    "typer": {"cli"}, "click": {"cli"},
    "yaml": {"yamlio"}, "ruamel": {"yamlio"},
    "jinja2": {"render"}, "markupsafe": {"render"},
    "babel": {"output.format"}, "openpyxl": {"output.xlsx"}, "docx": {"output", "edit"},
    "rich": {"output", "cli"},
    "pydantic": {"plan", "load"},
}


def _modules() -> list[Path]:
    return sorted(path for path in SRC.rglob("*.py"))


def _name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(part for part in parts if part != "__init__") or "kplan"


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            if node.module == "kplan":
                found.update(f"kplan.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize("path", _modules(), ids=_name)
def test_imports_follow_the_flow(path: Path) -> None:
    module = _name(path)
    package = module.split(".")[0]
    allowed = MAY_IMPORT.get(package, set()) | {package}
    wrong = set()
    for imported in _imports(path):
        top, _, rest = imported.partition(".")
        if top == "kplan" and rest:
            target = rest.split(".")[0]
            if "*" not in allowed and target not in allowed:
                wrong.add(imported)
        elif top in OWNED_BY and not any(module == owner or module.startswith(owner + ".")
                                         for owner in OWNED_BY[top]):
            wrong.add(imported)
    assert not wrong, f"{module} may not import {sorted(wrong)} (docs/architecture.md)"


def test_every_package_has_a_rule() -> None:
    top = {_name(path).split(".")[0] for path in _modules()} - {"kplan"}
    assert top <= MAY_IMPORT.keys()
