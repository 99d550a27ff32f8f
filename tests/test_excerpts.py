"""The excerpt under a diagnostic is the line the loader read: the reporter reads no file."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from kplan.load.loader import load_plan
from kplan.output.reporters import ValidationReport, write_text
from tests.plantree import CARD_YAML, PLAN_YAML, TODAY, write_tree

MEETING = "date: 2019-03-01\ngroup: seniori\nkind: working_group\n"


def test_excerpts_come_from_the_load_not_from_the_disk(tmp_path: Path) -> None:
    plan = write_tree(tmp_path / "plan", {
        "plan.yaml": PLAN_YAML,
        "activities/drogy/2.1.2.yaml": CARD_YAML.replace("due: 2019", "due: 2019-13"),
        "meetings/2019-03-01-seniori.yaml": MEETING,
    })
    found = load_plan(plan, TODAY).diagnostics
    quoted = {(d.file, d.code): d.source for d in found}
    assert quoted[("activities/drogy/2.1.2.yaml", "KP206")] == "    due: 2019-13"
    assert quoted[("meetings/2019-03-01-seniori.yaml", "KP302")] == "group: seniori"
    shutil.rmtree(plan)
    out = io.StringIO()
    write_text(ValidationReport(plan, found, "cs", {}), out)
    assert "       2 | group: seniori\n" in out.getvalue()
    assert "      10 |     due: 2019-13\n" in out.getvalue()
