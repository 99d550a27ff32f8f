"""Plan trees built in the test, from the text of their files."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from kplan.load.loader import LoadResult, load_plan

TODAY = date(2026, 11, 23)

PLAN_YAML = """\
title: Komunitní plán Testov
area: Testov
period: {start: 2019, end: 2022}
locale: cs
currency: CZK
funding_sources:
  SMO: Statutární město
groups:
  - id: drogy
    name: Pracovní skupina protidrogové prevence
    min_meetings_per_year: 2
    priorities:
      - number: "2"
        title: Dostupnost služeb
        measures:
          - number: "2.1"
            title: Krizová pomoc
"""

CARD_YAML = """\
id: "2.1.2"
title: Podpořit vznik krizového lůžka
responsible: Jana Nováková
budget:
  amount: 200000
  per: year
  sources: [SMO]
milestones:
  - title: Zajistit jednání
    due: 2019
"""

PlanFactory = Callable[..., Path]


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


@pytest.fixture
def make_plan(tmp_path: Path) -> PlanFactory:
    """A small valid plan (one group, one card) with ``files`` added or replaced."""

    def factory(files: dict[str, str | bytes] | None = None, *, card: bool = True) -> Path:
        base: dict[str, str | bytes] = {"plan.yaml": PLAN_YAML}
        if card:
            base["activities/drogy/2.1.2.yaml"] = CARD_YAML
        return write_tree(tmp_path / "plan", {**base, **(files or {})})

    return factory


def load(root: Path) -> LoadResult:
    return load_plan(root, today=TODAY)


def found(root: Path) -> list[tuple[str, int, int, str]]:
    """The diagnostics of a plan as (file, line, column, code)."""
    return [(d.file, d.line, d.column, d.code) for d in load(root).diagnostics]
