"""A wheel built from the repository works in a fresh virtual environment."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600, check=False)


@pytest.mark.slow
def test_wheel_in_a_fresh_venv_validates_a_copy_of_data(tmp_path: Path) -> None:
    built = run(sys.executable, "-m", "build", "--wheel", "--outdir", tmp_path / "dist", REPO)
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next((tmp_path / "dist").glob("kplan-*.whl"))

    venv.create(tmp_path / "venv", with_pip=True)
    python = tmp_path / "venv" / "bin" / "python"
    installed = run(python, "-m", "pip", "install", "--quiet", wheel)
    assert installed.returncode == 0, installed.stderr[-2000:]

    plan = Path(shutil.copytree(REPO / "data", tmp_path / "copy" / "data"))
    checked = run(tmp_path / "venv" / "bin" / "kplan", "validate", "--strict", cwd=plan.parent)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Plán je v pořádku" in checked.stdout

    templates = run(python, "-c", "from kplan.resources import builtin_templates as t; "
                    "print(t().is_relative_to(__import__('sys').prefix), "
                    "(t() / 'README.md').is_file())", cwd=tmp_path)
    assert templates.stdout.split() == ["True", "True"], templates.stderr

    report = run(tmp_path / "venv" / "bin" / "kplan", "report", "--year", "2019", "-f", "html",
                 cwd=plan.parent)
    assert report.returncode == 0, report.stderr
    assert "Vyhodnocení plnění komunitního plánu" in report.stdout
