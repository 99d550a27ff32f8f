"""A big plan in memory: its names, places and statuses, repeated on every card, are kept
once, whether a card was read from YAML, from the cache or from the worker process; an
edit's check does not read a second set of the plan's models."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kplan.cli import app
from kplan.load import cachefile
from kplan.plan.activity import Activity
from kplan.yamlio import parse_bytes
from tests.plantree import PlanFactory

CARD = """\
id: "{number}"
title: Karta {number}
responsible: Jana Nováková
partners: [Magistrát města Ostravy, Krajský úřad]
milestones:
  - title: Zmapovat potřeby cílové skupiny
    due: 2023-09
    status: planned
"""


def card(number: str) -> Activity:
    document = parse_bytes(CARD.format(number=number).encode(), f"{number}.yaml", [])
    assert document is not None
    return Activity.model_validate(document.data)


def test_two_cards_read_from_yaml_share_their_equal_texts() -> None:
    first, second = card("1.1.1"), card("1.1.2")
    assert first.responsible is second.responsible
    assert first.partners[1] is second.partners[1]
    assert first.milestones[0].title is second.milestones[0].title
    assert first.title is not second.title


def test_cards_read_back_from_separate_pickles_share_their_equal_texts() -> None:
    first, second = (pickle.loads(pickle.dumps(card(n))) for n in ("1.1.1", "1.1.2"))
    assert first == card("1.1.1")
    assert first.responsible is second.responsible
    assert first.partners[0] is second.partners[0]
    assert first.milestones[0].title is second.milestones[0].title


def test_an_edit_checks_its_copy_of_the_plan_with_the_models_already_loaded(
        make_plan: PlanFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """``kplan done`` loads the plan, then checks the change on a copy: the copy's cache
    takes the documents the plan's cache read instead of reading a second set."""
    root = make_plan()
    assert CliRunner().invoke(app, ["validate", str(root)]).exit_code == 0
    reads: list[Path] = []
    read_log = cachefile.RecordLog.read

    def counted(log: cachefile.RecordLog) -> dict[Any, Any]:
        reads.append(log.path)
        return read_log(log)

    monkeypatch.setattr(cachefile.RecordLog, "read", counted)
    result = CliRunner().invoke(app, ["done", "drogy/2.1.2", "1", str(root),
                                      "--date", "2019-05-01"])
    assert result.exit_code == 0, result.output
    assert b"status: done" in (root / "activities/drogy/2.1.2.yaml").read_bytes()
    assert [path.name for path in reads if path.name.endswith(".documents.pickle")] == [
        reads[0].name]
