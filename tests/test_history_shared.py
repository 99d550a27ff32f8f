"""Two plans of a comparison hold the model of a file whose bytes did not change once."""

from __future__ import annotations

from pathlib import Path

from kplan.load.history import snapshot, working_files
from kplan.query.changes import compare
from tests.plantree import write_tree
from tests.reportplan import PLAN


def test_a_file_of_the_same_bytes_is_validated_once(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "plan", PLAN)
    now = working_files(root)
    card = next(rel for rel in sorted(now) if rel.startswith("activities/"))
    other = next(rel for rel in sorted(now) if rel.startswith("activities/") and rel != card)
    data = now[card]
    assert data is not None
    before = {**now, card: data.replace(b"status: done", b"status: planned", 1)}
    assert before[card] != data
    current = snapshot(now)
    shared = snapshot(before, current)
    alone = snapshot(before)
    by_file = {a.file: a for a in shared.plan.activities}
    mine = {a.file: a for a in current.plan.activities}
    assert by_file[other] is mine[other]
    assert by_file[card] is not mine[card]
    assert compare(shared.plan, current.plan) == compare(alone.plan, current.plan)
    assert compare(shared.plan, current.plan)
    assert shared.skipped == alone.skipped
