"""kplan's output formats by name: the CLI's ``--format`` choices are these registries' keys.

Light on purpose: ``kplan --help`` reads the names, and what draws a format is imported
only when that format is asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import import_module
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from kplan.output.blocks import Block
    from kplan.output.reporters import ValidationReport

Reporter = Callable[["ValidationReport", TextIO], None]
Blocks = Callable[[], "Sequence[Block]"]
ViewFormat = Callable[[Blocks, Callable[[], object]], "tuple[Block, ...] | str"]


def _reporter(name: str) -> Reporter:
    def report(found: ValidationReport, out: TextIO) -> None:
        getattr(import_module("kplan.output.reporters"), name)(found, out)
    return report


REPORTERS: dict[str, Reporter] = {
    "text": _reporter("write_text"),
    "json": _reporter("render_json"),
    "github": _reporter("render_github"),
    "gitlab": _reporter("render_gitlab"),
}
"""How ``kplan validate`` writes the diagnostics: for people, tools, GitHub, GitLab."""


def _text(blocks: Blocks, data: Callable[[], object]) -> tuple[Block, ...]:
    return tuple(blocks())


def _md(blocks: Blocks, data: Callable[[], object]) -> str:
    from kplan.output.markdown import render_md

    return render_md(blocks())


def _json(blocks: Blocks, data: Callable[[], object]) -> str:
    import json

    from kplan.visible import json_text

    return json_text(json.dumps(data(), ensure_ascii=False, indent=2)) + "\n"


VIEW_FORMATS: dict[str, ViewFormat] = {"text": _text, "md": _md, "json": _json}
"""A meeting view's formats: blocks to draw on the terminal, or a finished document."""
