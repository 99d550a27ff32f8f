"""One kind of user mistake (``KplanError``), said once at the command line's edge."""

from __future__ import annotations

import ast
from pathlib import Path

from typer.testing import CliRunner

from kplan.cli import app
from kplan.edit.problem import Conflict, EditProblem
from kplan.errors import KplanError
from kplan.load.history import GitError
from kplan.output.files import OutputProblem
from kplan.plan.layout import NotAPlanError
from kplan.render.problems import TemplateProblem
from tests.plantree import write_tree
from tests.reportplan import PLAN, YEAR

CLI = Path(__file__).parents[1] / "src" / "kplan" / "cli"
MISTAKES = (EditProblem, Conflict, GitError, NotAPlanError, TemplateProblem, OutputProblem)


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"KPLAN_LANG": "", "NO_COLOR": ""})
    return result.exit_code, result.stdout, result.stderr


def test_every_user_mistake_is_a_kplan_error() -> None:
    assert all(issubclass(kind, KplanError) for kind in MISTAKES)


def test_one_handler_says_every_user_mistake() -> None:
    names = {kind.__name__ for kind in MISTAKES} | {"KplanError"}
    caught = [path.name for path in CLI.glob("*.py")
              for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
              if isinstance(node, ast.ExceptHandler) and node.type is not None
              and names & {n.id if isinstance(n, ast.Name) else getattr(n, "attr", "")
                           for n in ast.walk(node.type)}]
    assert caught == ["language.py"]  # KplanGroup.invoke, around every command


def test_a_mistake_is_said_in_the_language_asked_for(tmp_path: Path) -> None:
    assert _run("status", str(tmp_path), "--lang", "en") == (
        2, "", f"'{tmp_path}' is not a plan: it has no plan.yaml. Name the plan folder, "
        "e.g. kplan validate data.\n")
    assert _run("status", str(tmp_path)) == (
        2, "", f"„{tmp_path}“ není složka plánu: chybí v ní plan.yaml. Zadejte složku plánu, "
        "např. kplan validate data.\n")


def test_a_template_mistake_exits_1_in_the_plans_language(tmp_path: Path) -> None:
    plan = write_tree(tmp_path / "plan", {**PLAN, "templates/report.md.j2": "{{ report.x }}\n"})
    code, out, err = _run("report", str(plan), "--year", YEAR, "--lang", "en")
    assert (code, out) == (1, "")
    assert err.startswith("Error in template templates/report.md.j2 on line 1: no such ")
