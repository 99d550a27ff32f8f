"""kplan's output formats by name: the CLI's ``--format`` choices are these registries' keys.

Light on purpose: ``kplan --help`` reads the names, and what draws a format is imported
only when that format is asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from importlib import import_module
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from kplan.output.blocks import Block
    from kplan.output.reporters import ValidationReport

Reporter = Callable[["ValidationReport", TextIO], None]
Blocks = Callable[[], "Sequence[Block]"]
ViewFormat = Callable[[Blocks, Callable[[], object]], "tuple[Block, ...] | str | Iterator[str]"]
"""Blocks to draw, a finished document, or a document in pieces as it is written."""
PIECE = 1 << 16
"""Characters of a document written in pieces, at least, a piece."""


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


def _json(blocks: Blocks, data: Callable[[], object]) -> Iterator[str]:
    """The text ``json.dumps(data(), ensure_ascii=False, indent=2)`` gives, in pieces as it
    is encoded: the JSON of a big plan is never held whole (indented, ``json.dumps``
    holds it as millions of small strings before it joins them)."""
    import json

    encoder = json.JSONEncoder(ensure_ascii=False, indent=2)
    return _pieces(encoder.iterencode(data()))


def _pieces(chunks: Iterable[str]) -> Iterator[str]:
    from kplan.visible import json_text

    batch: list[str] = []
    length = 0
    for chunk in chunks:
        batch.append(chunk)
        length += len(chunk)
        if length >= PIECE:
            yield json_text("".join(batch))
            batch, length = [], 0
    yield json_text("".join(batch)) + "\n"


VIEW_FORMATS: dict[str, ViewFormat] = {"text": _text, "md": _md, "json": _json}
"""A meeting view's formats: blocks to draw on the terminal, or a finished document."""
