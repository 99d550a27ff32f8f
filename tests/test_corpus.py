"""The broken-plans corpus: every case is a small plan with one defect.

A case is a folder ``tests/corpus/KPxxx-short-name`` (or ``VALID-...`` for a plan that must
load clean) holding a complete plan tree and ``expected.txt``: the diagnostics the case must
produce, one a line, as ``<file> <line>:<column> <code>``. The test compares the whole list,
so a case that also produces a stray warning fails. Special files (encodings, BOM, symlinks,
huge or deeply nested files) are made at test time by ``corpus_builders.BUILDERS``.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kplan.cli import app
from kplan.diagnostics import Severity
from kplan.diagnostics.codes import CODES
from kplan.load.loader import load_plan
from tests.corpus_builders import BUILDERS, CASE_ENV, is_readable, prepare

CORPUS = Path(__file__).parent / "corpus"
TODAY = date(2026, 11, 23)
CASE_NAME = re.compile(r"(KP[0-9]{3}|VALID)-[a-z0-9]+(?:-[a-z0-9]+)*\Z")
CASES = sorted(path.name for path in CORPUS.iterdir() if path.is_dir())

KNOWN_BUGS: dict[str, str] = {}
"""Cases that show a bug in kplan: they pass once it is fixed (then remove them here)."""

CLI_USAGE_ERROR: dict[str, str] = {
    "KP114-missing-plan-yaml": "the CLI finds no plan.yaml and stops with exit 2",
}
"""Cases that only ``load_plan`` reports: ``kplan validate`` refuses the folder as a plan."""

UNTRIGGERABLE: dict[str, str] = {}
"""Codes of ``CODES`` with no corpus case, and why none can be made.

Every code has a case today. KP113 (cannot read) has two: a card of mode 000, which runs
only when the tests do not run as root (root reads any file), and plan.yaml being a folder,
which works for everyone.
"""


def _params() -> list[object]:
    return [pytest.param(name, marks=pytest.mark.xfail(reason=KNOWN_BUGS[name], strict=True))
            if name in KNOWN_BUGS else name for name in CASES]


def _expected(name: str) -> list[str]:
    text = (CORPUS / name / "expected.txt").read_text(encoding="utf-8")
    return sorted(line.strip() for line in text.splitlines()
                  if line.strip() and not line.lstrip().startswith("#"))


def _root(name: str, tmp_path: Path) -> Path:
    root = prepare(CORPUS / name, tmp_path)
    if name == "KP113-unreadable-file" and is_readable(root / "activities/prevence/1.1.1.yaml"):
        pytest.skip("this process reads a file of mode 000 (it runs as root)")
    return root


@pytest.fixture(autouse=True)
def _case_env(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The environment a case runs with (``CASE_ENV``)."""
    callspec = getattr(request.node, "callspec", None)
    name = callspec.params.get("name") if callspec is not None else None
    for variable, value in CASE_ENV.get(str(name), {}).items():
        monkeypatch.setenv(variable, value)


def _severities(lines: list[str]) -> set[Severity]:
    return {CODES[line.rsplit(" ", 1)[1]].severity for line in lines}


@pytest.mark.parametrize("name", _params())
def test_case_diagnostics(name: str, tmp_path: Path) -> None:
    root = _root(name, tmp_path)
    result = load_plan(root, today=TODAY)
    found = sorted(f"{d.file} {d.line}:{d.column} {d.code}" for d in result.diagnostics)
    assert found == _expected(name)


@pytest.mark.parametrize("name", _params())
def test_case_cli(name: str, tmp_path: Path) -> None:
    root = _root(name, tmp_path)
    runner = CliRunner()
    result = runner.invoke(app, ["validate", str(root), "--format", "json"])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if name in CLI_USAGE_ERROR:
        assert result.exit_code == 2
        return
    report = json.loads(result.stdout)
    found = sorted(f"{d['file']} {d['line']}:{d['column']} {d['code']}"
                   for d in report["diagnostics"])
    expected = _expected(name)
    assert found == expected
    severities = _severities(expected)
    assert result.exit_code == (1 if Severity.ERROR in severities else 0)
    if severities == {Severity.WARNING}:
        strict = runner.invoke(app, ["validate", str(root), "--format", "json", "--strict"])
        assert strict.exit_code == 1
        assert "Traceback" not in strict.output


def test_case_names() -> None:
    """Folder names are ``KPxxx-short-name`` for a known code, or ``VALID-short-name``."""
    for name in CASES:
        assert CASE_NAME.match(name), name
        prefix = name.split("-", 1)[0]
        assert prefix == "VALID" or prefix in CODES, name
        assert (CORPUS / name / "expected.txt").is_file(), name
        assert (CORPUS / name / "plan.yaml").exists() or name == "KP114-missing-plan-yaml" \
            or name in BUILDERS, name


def test_cases_expect_their_code() -> None:
    """A ``KPxxx-`` case expects its code; a ``VALID-`` case expects nothing."""
    for name in CASES:
        prefix = name.split("-", 1)[0]
        codes = {line.rsplit(" ", 1)[1] for line in _expected(name)}
        if prefix == "VALID":
            assert not codes, name
        else:
            assert prefix in codes, name
            assert codes <= set(CODES), name


def test_builders_name_cases() -> None:
    assert set(BUILDERS) <= set(CASES)
    assert set(KNOWN_BUGS) <= set(CASES)
    assert set(CLI_USAGE_ERROR) <= set(CASES)


def test_every_code_has_a_case() -> None:
    """Each code of the registry is shown by a case that runs (not a known bug)."""
    covered = {name.split("-", 1)[0] for name in CASES if name not in KNOWN_BUGS}
    missing = set(CODES) - covered - set(UNTRIGGERABLE)
    assert not missing, f"codes with no corpus case: {sorted(missing)}"
    assert set(UNTRIGGERABLE) <= set(CODES)
    assert not set(UNTRIGGERABLE) & covered, "a code listed as untriggerable has a case"


def test_text_output_never_shows_a_file_outside_the_plan(tmp_path: Path) -> None:
    root = _root("KP109-symlink-outside", tmp_path)
    outside = (root / "activities/prevence/1.1.2.yaml").resolve()
    outside.write_text("title: TAJNE-HESLO\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(root)])
    assert result.exit_code == 1
    assert "KP109" in result.output
    assert "TAJNE-HESLO" not in result.output
