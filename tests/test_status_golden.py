"""Golden files: the exact text, Markdown and JSON of the meeting view for a small plan.

Refresh them after an intended change with ``UPDATE_GOLDEN=1 python -m pytest
tests/test_status_golden.py`` and review the diff of tests/golden/.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token
from typer.testing import CliRunner

from kplan.cli import app
from tests.plantree import write_tree

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
AS_OF = "2025-06-30"

PLAN = {
    "plan.yaml": """\
        title: Komunitní plán Testov 2024–2026
        area: Testov
        period: {start: 2024, end: 2026}
        locale: cs
        currency: CZK
        groups:
          - id: drogy
            name: Pracovní skupina protidrogové prevence
            min_meetings_per_year: 2
            priorities:
              - number: "1"
                title: Dostupnost služeb
                measures:
                  - number: "1.1"
                    title: Krizová pomoc | lůžka
          - id: seniori
            name: Pracovní skupina senioři
            min_meetings_per_year: 1
        """,
    "activities/drogy/1.1.2.yaml": """\
        id: "1.1.2"
        title: Krizové lůžko | noclehárna
        implementers: [NNO, SMO]
        partners: [terenni-program]
        responsible: Jana Nováková
        budget: {amount: 250000, per: year, sources: [SMO, KÚ MSK]}
        milestones:
          - {title: Najít prostory, due: 2024, status: done, done: 2024-10-01}
          - {title: Zajistit financování, due: 2025-03}
          - {title: Vybavit lůžko, due: 2025-08-15, status: in_progress}
          - {title: Zahájit provoz, due: 2026}
          - {title: Druhé lůžko, due: 2025-05, status: cancelled}
        evaluations:
          - {year: 2024, status: on_track, spent: 150000, comment: "Prostory nalezeny."}
        """,
    "activities/drogy/1.1.10.yaml": """\
        id: "1.1.10"
        title: "Terénní práce v noci"
        responsible: Petr Dvořák
        milestones:
          - {title: Pilotní noci, due: 2025-12}
        evaluations:
          - {year: 2024, status: delayed}
        """,
    "activities/seniori/2.1.yaml": """\
        id: "2.1"
        title: Tísňová péče
        responsible: Eva Malá
        milestones:
          - {title: Průzkum potřeb, due: 2024-06, status: done}
        evaluations:
          - {year: 2024, status: done}
        """,
    "services/terenni-program.yaml": """\
        id: terenni-program
        name: Terénní program
        provider: {name: "Spolek K|M, z.s."}
        kind: terenni-programy
        groups: [drogy]
        contacts:
          - {name: Vedoucí, phone: "+420 600 000 000", public: true}
          - {name: Soukromé číslo, phone: "+420 777 000 000"}
        """,
    "meetings/2025-02-10-drogy.yaml": """\
        date: 2025-02-10
        group: drogy
        title: Jednání skupiny
        activities: ["1.1.2"]
        tasks:
          - {title: Oslovit kraj, owner: Petr Dvořák, due: 2025-04}
          - {title: Objednat lůžko, owner: Jana Nováková, due: 2025-07-31, activity: "1.1.2"}
          - {title: Rozeslat zápis, owner: Jana Nováková, due: 2025-02-14, status: done}
        next_meeting: 2025-09
        """,
}


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "plan", PLAN)


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), env={"KPLAN_LANG": "", "NO_COLOR": ""})
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE or not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        if not UPDATE:
            pytest.fail(f"{name} did not exist and was written; check it and run again")
    assert actual == path.read_text(encoding="utf-8")


CASES = {
    "status.txt": ["status", "--as-of", AS_OF],
    "status.md": ["status", "--as-of", AS_OF, "--format", "md"],
    "status.json": ["status", "--as-of", AS_OF, "--format", "json"],
    "status-drogy.txt": ["status", "--as-of", AS_OF, "--group", "drogy"],
    "status-en.md": ["status", "--as-of", AS_OF, "--format", "md", "--lang", "en"],
    "overdue.txt": ["overdue", "--as-of", AS_OF],
    "upcoming.json": ["upcoming", "--as-of", AS_OF, "--group", "drogy", "-f", "json"],
    "show-activity.md": ["show", "1.1.2", "--as-of", AS_OF, "-f", "md"],
    "show-activity.json": ["show", "drogy/1.1.2", "--as-of", AS_OF, "-f", "json"],
    "show-service.txt": ["show", "terenni-program"],
    "show-meeting.md": ["show", "2025-02-10", "--as-of", AS_OF, "-f", "md"],
    "list-activities.txt": ["list", "activities", "--as-of", AS_OF],
    "list-tasks.md": ["list", "tasks", "--as-of", AS_OF, "-f", "md"],
    "list-meetings.json": ["list", "meetings", "--as-of", AS_OF, "-f", "json"],
}


@pytest.mark.parametrize("name", CASES)
def test_golden(name: str, plan: Path) -> None:
    args = CASES[name]
    # The path goes after the command's own argument (show REF, list KIND).
    position = 2 if args[0] in ("show", "list") else 1
    output = run(*args[:position], str(plan), *args[position:])
    check_golden(name, output.replace(plan.as_posix(), "PLAN"))
    if name.endswith(".json"):
        assert json.loads(output)["version"] == 1


def tables(markdown: str) -> list[list[list[str]]]:
    """Every table as rows of cell texts (the header row first)."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    found: list[list[list[str]]] = []
    cells: list[str] | None = None
    for token in tokens:
        if token.type == "table_open":
            found.append([])
        elif token.type == "tr_open":
            cells = []
        elif token.type == "tr_close" and cells is not None:
            found[-1].append(cells)
            cells = None
        elif token.type == "inline" and cells is not None:
            cells.append(_text(token))
    return found


def _text(token: Token) -> str:
    return "".join("\n" if c.type == "html_inline" and c.content == "<br>" else c.content
                   for c in token.children or [])


@pytest.mark.parametrize("name", [n for n in CASES if n.endswith(".md")])
def test_markdown_tables_keep_their_shape(name: str, plan: Path) -> None:
    markdown = (GOLDEN / name).read_text(encoding="utf-8")
    found = tables(markdown)
    assert found, "every Markdown view here has a table"
    for rows in found:
        assert len({len(r) for r in rows}) == 1, rows


def test_pipes_and_line_breaks_survive_in_cells() -> None:
    cells = [c for rows in tables((GOLDEN / "status.md").read_text(encoding="utf-8"))
             for r in rows for c in r]
    assert "Krizové lůžko | noclehárna" in cells
    assert "Pilotní noci\ndo 31. 12. 2025" in cells
    assert "Opatření 1.1: Krizová pomoc | lůžka" in cells
