"""What a run builds and imports before it does its work: only the command it runs."""

from __future__ import annotations

import ast
import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from kplan.cli import app, main, only_the_invoked

ROOT = Path(__file__).resolve().parents[1]

EVERY_COMMAND = set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("args", "built"), [
    (["status", "data", "--as-of", "2025-06-30"], {"status"}),
    (["--lang", "en", "validate"], {"validate"}),
    (["--lang=en", "new", "activity", "--help"], {"new"}),
    (["export", "ics"], {"export"}),
])
def test_a_run_builds_only_the_command_it_runs(args: list[str], built: set[str]) -> None:
    with only_the_invoked(args):
        assert set(typer.main.get_command(app).commands) == built  # type: ignore[attr-defined]
    assert set(typer.main.get_command(app).commands) == EVERY_COMMAND


@pytest.mark.parametrize("args", [[], ["--help"], ["stauts"], ["--lang", "en"], ["-x", "status"]])
def test_without_a_known_command_every_command_is_built(args: list[str]) -> None:
    """For the list of commands, and for the guess at what a mistyped one meant."""
    with only_the_invoked(args):
        assert set(typer.main.get_command(app).commands) == EVERY_COMMAND  # type: ignore[attr-defined]


@pytest.mark.parametrize("args", [["status", "--help"], ["--lang", "en", "new", "activity",
                                                           "--help"], ["stauts"], ["report"]])
def test_the_console_script_says_what_the_whole_app_says(
        args: list[str], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("KPLAN_LANG", raising=False)
    monkeypatch.setattr("sys.argv", ["kplan", *args])
    said = []
    for only in (only_the_invoked, lambda args: contextlib.nullcontext()):
        monkeypatch.setattr("kplan.cli.only_the_invoked", only)
        with pytest.raises(SystemExit) as exited:
            main()
        said.append((exited.value.code, capsys.readouterr()))
    assert said[0] == said[1]


def _console_script(args: list[str], cache: Path, after: str) -> tuple[str, str]:
    """What the console script run with ``args`` writes, and the last line on stderr,
    where ``after`` (Python run once the command is done) writes what it found."""
    env = {**os.environ, "KPLAN_CACHE_DIR": str(cache), "KPLAN_LANG": ""}
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    script = (f"import sys; sys.argv = ['kplan', *{args!r}]\nfrom kplan.cli import main\n"
              f"try:\n    main()\nfinally:\n    {after}\n")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, env=env,
                         text=True, check=False, timeout=120)
    assert run.returncode == 0, run.stderr
    return run.stdout, run.stderr.splitlines()[-1]


def _status_importing(plan: Path, cache: Path) -> tuple[str, list[str]]:
    """The status of ``plan`` as a console script writes it, and which of rich, pydantic,
    multiprocessing, the JSON views and the catalog of references the run imported."""
    shown, imported = _console_script(
        ["status", str(plan), "--as-of", "2025-06-30"], cache,
        "print(sorted(m for m in ('rich', 'pydantic', 'multiprocessing', "
        "'kplan.output.jsondoc', 'kplan.query.catalog') if m in sys.modules), "
        "file=sys.stderr)")
    return shown, ast.literal_eval(imported)


def test_a_warm_piped_status_imports_neither_rich_nor_pydantic(tmp_path: Path) -> None:
    """The view remembered for a plan that has not changed is written as it was kept;
    after a change, the parts drawn again need no JSON views and no catalog."""
    plan = tmp_path / "plan"
    shutil.copytree(ROOT / "data", plan)
    first = _status_importing(plan, tmp_path / "cache")
    assert _status_importing(plan, tmp_path / "cache") == (first[0], [])
    card = min((plan / "activities").rglob("*.yaml"))
    card.write_text(card.read_text("utf-8") + "# poznámka\n", encoding="utf-8")
    assert _status_importing(plan, tmp_path / "cache") == (first[0], ["pydantic", "rich"])


def test_the_console_script_lets_pydantic_look_for_no_plugins(tmp_path: Path) -> None:
    """A plugin installed beside kplan would see the plan's data, and the search for one
    reads the metadata of every installed package."""
    _, plugins = _console_script(
        ["validate", str(ROOT / "data")], tmp_path / "cache",
        "from pydantic.plugin import _loader; print(_loader._plugins, file=sys.stderr)")
    assert plugins == "None", "pydantic never searched for plugins"
