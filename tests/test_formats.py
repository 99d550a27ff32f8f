"""Output formats registered by name: ``--format`` offers exactly the registries' keys."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest
import typer.main

from kplan.cli import app
from kplan.output.formats import REPORTERS, VIEW_FORMATS


def _choices(command: str) -> list[str]:
    group = typer.main.get_command(app)
    assert isinstance(group, click.Group)
    found = group.commands[command]
    option = next(p for p in found.params if p.name == "output_format")
    assert isinstance(option.type, click.Choice)
    return list(option.type.choices)


def test_validate_offers_the_reporters() -> None:
    assert _choices("validate") == list(REPORTERS) == ["text", "json", "github", "gitlab"]


@pytest.mark.parametrize("command", ["status", "overdue", "upcoming", "show", "list",
                                     "changes", "log"])
def test_views_offer_the_view_formats(command: str) -> None:
    assert _choices(command) == list(VIEW_FORMATS) == ["text", "md", "json"]


def test_the_names_are_read_without_what_draws() -> None:
    loaded = subprocess.run([sys.executable, "-c", "import sys, kplan.cli; print(sorted("
                             "m for m in sys.modules if m.startswith(('rich', 'kplan.output"
                             ".reporters'))))"], capture_output=True, text=True, check=True)
    assert loaded.stdout == "[]\n"
