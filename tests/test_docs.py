"""docs/codes.md documents every diagnostic code, and only codes that exist."""

from __future__ import annotations

import os
import re
from pathlib import Path

from typer.testing import CliRunner

from kplan.cli import app
from kplan.diagnostics.codes import CODES
from tests.corpus_builders import CASE_ENV, prepare

CODES_MD = Path(__file__).parent.parent / "docs" / "codes.md"
CORPUS = Path(__file__).parent / "corpus"
HEADING = re.compile(r"^##\s+(.*?)\s*$", re.MULTILINE)
CODE = re.compile(r"\bKP[0-9]{3}\b")


def _sections() -> dict[str, str]:
    text = CODES_MD.read_text(encoding="utf-8")
    matches = list(HEADING.finditer(text))
    return {match[1]: text[match.end():matches[i + 1].start() if i + 1 < len(matches) else None]
            for i, match in enumerate(matches)}


def test_every_code_has_a_section() -> None:
    headings = set(_sections())
    missing = sorted(code for code in CODES if code not in headings)
    assert not missing, f"codes with no '## KPxxx' section in docs/codes.md: {missing}"


def test_no_section_for_an_unknown_code() -> None:
    for heading in _sections():
        for code in CODE.findall(heading):
            assert code in CODES, f"docs/codes.md has a heading for unknown code {code}"
        if CODE.search(heading):
            assert heading in CODES, f"a code heading is just the code: '## {heading}'"


def test_sections_are_complete() -> None:
    """Each code section gives the severity, a YAML or file example and how to fix it."""
    sections = _sections()
    for code, entry in CODES.items():
        body = sections[code]
        severity = "chyba (error)" if entry.severity == "error" else "varování (warning)"
        assert severity in body, code
        assert "```" in body, code
        assert "**Jak opravit:**" in body, code
        assert "**English:**" in body, code


def test_sections_in_code_order() -> None:
    codes = [heading for heading in _sections() if heading in CODES]
    assert codes == sorted(codes)


_CASE_OR_OUTPUT = re.compile(r"`tests/corpus/([^/`]+)/`|```text\n(.*?)```", re.DOTALL)
_TEMPLATE = re.compile(r"^(##\s+(KP[0-9]{3})\s*\n\n\*\*Závažnost:\*\*.*\n\*\*Zpráva:\*\* )(.*)$",
                       re.MULTILINE)


def _actual_output(case: str, tmp: Path) -> str:
    """What `kplan validate` prints for a corpus case, run inside the case's folder."""
    root = prepare(CORPUS / case, tmp)
    old = os.getcwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(app, ["validate", "."], env={"KPLAN_LANG": "cs",
                                                                "GITHUB_ACTIONS": "",
                                                                **CASE_ENV.get(case, {})})
    finally:
        os.chdir(old)
    return result.output.rstrip("\n") + "\n"


def test_printed_examples_are_real_output(tmp_path: Path) -> None:
    """Every ```text block after a corpus case is what kplan prints for that case today.

    Refresh them after changing a message with ``UPDATE_DOCS=1 pytest tests/test_docs.py``.
    """
    text = CODES_MD.read_text(encoding="utf-8")
    case = None
    pieces: list[str] = []
    last = 0
    stale = []
    for number, match in enumerate(_CASE_OR_OUTPUT.finditer(text)):
        if match[1]:
            case = match[1]
            continue
        if case is None:
            continue
        actual = _actual_output(case, tmp_path / str(number))
        if match[2] != actual:
            stale.append(case)
        pieces += [text[last:match.start(2)], actual]
        last = match.end(2)
    pieces.append(text[last:])
    updated = _with_current_templates("".join(pieces))
    if os.environ.get("UPDATE_DOCS"):
        CODES_MD.write_text(updated, encoding="utf-8")
        return
    assert not stale, f"stale output in docs/codes.md for {stale}: run UPDATE_DOCS=1 pytest"
    assert updated == text, "a **Zpráva:** line differs from codes.py: run UPDATE_DOCS=1 pytest"


def _with_current_templates(text: str) -> str:
    return _TEMPLATE.sub(lambda m: m[1] + CODES[m[2]].cs[0], text)
