"""The kplan-validate hook of this repository's .pre-commit-hooks.yaml, tried in a plan
repository from `kplan init` with `pre-commit try-repo`.

try-repo clones the hook repository: it sees committed files and changes to tracked ones,
not new untracked files. So the test snapshots this repository's working tree (tracked and
untracked files that git does not ignore) into a temporary repository with one commit, and
tries that: the hook is tested as the tree is now, committed or not. Building the hook's
environment installs kplan from PyPI's packages: it needs the network and takes a while.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_repo import git, init

REPO = Path(__file__).resolve().parents[1]
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


def snapshot(source: Path, target: Path) -> Path:
    """The working tree of ``source`` as one commit of a new repository."""
    listed = git(source, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in sorted(set(filter(None, listed.split("\0")))):
        path = source / name
        if path.is_file() and not path.is_symlink():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / name)
    git(target, "init", "-q", "-b", "main")
    git(target, "add", "-A")
    git(target, "-c", "user.name=kplan", "-c", "user.email=kplan@example.org", "commit", "-q",
        "-m", "snapshot")
    return target


def try_repo(hooks: Path, plan: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env |= {"PRE_COMMIT_HOME": str(home), "GIT_CONFIG_GLOBAL": os.devnull,
            "GITHUB_ACTIONS": "", "KPLAN_LANG": "cs"}
    return subprocess.run([str(PRE_COMMIT), "try-repo", str(hooks), "kplan-validate",
                           "--all-files"], cwd=plan, env=env, capture_output=True, text=True,
                          timeout=900, check=False)


@pytest.mark.slow
def test_kplan_validate_hook_in_a_new_plan_repository(tmp_path: Path) -> None:
    if not PRE_COMMIT.exists() or not (REPO / ".git").exists():
        pytest.skip("needs pre-commit (the test extras) and a git checkout of kplan")
    hooks = snapshot(REPO, tmp_path / "kplan")
    plan = init(tmp_path / "plan")
    git(plan, "init", "-q", "-b", "main")
    git(plan, "add", "-A")

    passed = try_repo(hooks, plan, tmp_path / "pre-commit-home")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "kplan validate" in passed.stdout and "Passed" in passed.stdout

    (plan / "activities" / "chyba.yaml").write_text("id: 2.10\n", encoding="utf-8")
    git(plan, "add", "-A")
    failed = try_repo(hooks, plan, tmp_path / "pre-commit-home")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Failed" in failed.stdout and "activities/chyba.yaml" in failed.stdout
