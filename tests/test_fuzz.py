"""Fuzzing: mutated plan files never make a command crash, hang or print a traceback.

Every example copies a small valid plan, mutates one file (drop, duplicate, retype or
reorder keys; control characters, huge numbers, deep nesting, odd Unicode, invalid
UTF-8; truncation) and runs the commands in-process. Each run must end with exit 0, 1
or 2 and say something, within a time bound.

    KPLAN_FUZZ_EXAMPLES=2000 python -m pytest tests/test_fuzz.py   # a longer session

Cases hypothesis once found are kept below as ``@example``s, so they stay fixed.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
import time
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kplan.cli import app
from tests.plantree import CARD_YAML, PLAN_YAML, write_tree

EXAMPLES = int(os.environ.get("KPLAN_FUZZ_EXAMPLES", "60"))
TIME_BOUND_S = 20.0
RUNS: Counter[str] = Counter()
"""How many generated cases each command ran: printed at the end of the test session."""

MEETING_YAML = """\
date: 2019-01-25
time: "09:00–11:00"
group: drogy
title: Jednání pracovní skupiny
attendees: [Renarkon, ARKA]
activities: ["2.1.2"]
decisions: [Skupina schválila kartu.]
tasks:
  - title: Realizovat vzájemné stáže
    owner: Jana Nováková
    due: 2019-03
    status: open
    activity: "2.1.2"
next_meeting: 2019-06
"""
SERVICE_YAML = """\
id: renarkon-terenni-program
name: Terénní program
provider:
  name: Renarkon, o.p.s.
  ico: "00064581"
kind: terenni-programy
groups: [drogy]
contacts:
  - name: Vedoucí
    phone: "+420 596 000 000"
    public: false
"""
FILES = {
    "plan.yaml": PLAN_YAML,
    "activities/drogy/2.1.2.yaml": CARD_YAML,
    "meetings/2019-01-25-drogy.yaml": MEETING_YAML,
    "services/renarkon-terenni-program.yaml": SERVICE_YAML,
}
COMMANDS = {
    "validate": ["validate", "{root}"],
    "validate-json": ["validate", "{root}", "--format", "json"],
    "status": ["status", "{root}", "--as-of", "2020-01-01"],
    "status-md": ["status", "{root}", "--as-of", "2020-01-01", "--format", "md"],
    "show": ["show", "2.1.2", "{root}"],
    "list": ["list", "tasks", "{root}", "--format", "json"],
    "report-md": ["report", "{root}", "--year", "2019", "--format", "md"],
    "report-html": ["report", "{root}", "--format", "html", "--as-of", "2020-01-01"],
    "export-ics": ["export", "ics", "{root}"],
    "export-csv": ["export", "csv", "services", "{root}"],
}
CHANGES_EXAMPLES = max(EXAMPLES // 4, 5)
"""``kplan changes`` runs git: fewer examples, each against the one committed plan."""

ODD_TEXT = ["\x00", "\x1b[31m", "\u202e", "\u200b", "\ud7ff", "💥", "ǅ", "\t", "\r", "\x85",
            "\ufeff", "%", ":", "- ", "? ", "&a ", "*a", "!!python/object:os.system ", "{{",
            "'", '"', "\\", "#", "|", ">"]
RETYPES = ["[]", "{}", "123", "-5", "1e400", "9" * 60, "null", "true", "'x'", "[[[[[[[[]]]]]]]]",
           "2019-02-30", '"2.1.2"', "{a: [b, {c: d}]}"]


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, bytes]:
    """One file of the plan and its mutated bytes."""
    name = draw(st.sampled_from(sorted(FILES)))
    lines = FILES[name].splitlines(keepends=True)
    kind = draw(st.sampled_from(["drop", "duplicate", "retype", "reorder", "insert", "truncate",
                                 "nest", "bytes"]))
    index = draw(st.integers(0, len(lines) - 1))
    if kind == "drop":
        del lines[index]
    elif kind == "duplicate":
        lines.insert(index, lines[index])
    elif kind == "retype":
        key, colon, _ = lines[index].partition(":")
        if colon:
            lines[index] = f"{key}: {draw(st.sampled_from(RETYPES))}\n"
    elif kind == "reorder":
        other = draw(st.integers(0, len(lines) - 1))
        lines[index], lines[other] = lines[other], lines[index]
    elif kind == "insert":
        at = draw(st.integers(0, len(lines[index])))
        text = draw(st.sampled_from(ODD_TEXT) | st.text(max_size=8))
        lines[index] = lines[index][:at] + text + lines[index][at:]
    elif kind == "nest":
        depth = draw(st.integers(10, 400))
        lines.insert(index, "x: " + "[" * depth + "]" * depth + "\n")
    text = "".join(lines)
    data = text.encode("utf-8", errors="surrogatepass")
    if kind == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    if kind == "bytes":
        at = draw(st.integers(0, len(data)))
        junk = draw(st.sampled_from([b"\xff\xfe", b"\xc3", b"\x80", b"\x9e\x9a", b"\x00"]))
        data = data[:at] + junk + data[at:]
    return name, data


def run_all(name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = write_tree(Path(scratch) / "plan", dict(FILES))
        (root / name).write_bytes(data)
        for label, template in COMMANDS.items():
            run_one(label, template, root)
        shutil.rmtree(root, ignore_errors=True)


def run_one(label: str, template: list[str], root: Path) -> None:
    args = [a.replace("{root}", str(root)) for a in template]
    started = time.monotonic()
    result = CliRunner().invoke(app, args)
    elapsed = time.monotonic() - started
    RUNS[label] += 1
    failure = result.exception
    assert failure is None or isinstance(failure, SystemExit), (label, repr(failure))
    assert result.exit_code in (0, 1, 2), (label, result.exit_code)
    assert "Traceback" not in result.output, label
    assert result.output.strip(), f"{label} said nothing"
    assert elapsed < TIME_BOUND_S, (label, elapsed)


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutations())
@example(("activities/drogy/2.1.2.yaml", b'id: "2.1.2"\ntitle: x\nmilestones: 5\n'))
@example(("plan.yaml", b"- a\n- b\n"))
@example(("plan.yaml", b""))
@example(("meetings/2019-01-25-drogy.yaml", b"date: 2019-01-25\ngroup: [drogy]\n"))
@example(("services/renarkon-terenni-program.yaml", b"\xff\xfe"))
@example(("activities/drogy/2.1.2.yaml", b"id: " + b"[" * 500 + b"]" * 500 + b"\n"))
@example(("activities/drogy/2.1.2.yaml", b"risks:\n  " + b"- " * 30_000 + b"x\n"))
def test_mutated_plans_never_crash(case: tuple[str, bytes]) -> None:
    run_all(*case)


_COMMITTED: list[Path] = []


def committed_plan() -> Path:
    """The unmutated plan as a git repository with one commit, made once a session."""
    if not _COMMITTED:
        scratch = tempfile.mkdtemp(prefix="kplan-fuzz-")
        atexit.register(shutil.rmtree, scratch, ignore_errors=True)
        root = write_tree(Path(scratch) / "plan", dict(FILES))
        git = ["git", "-c", "user.name=Fuzz", "-c", "user.email=fuzz@example.org",
               "-c", "commit.gpgsign=false", "-C", str(root)]
        subprocess.run([*git, "init", "-q"], check=True)
        subprocess.run([*git, "add", "-A"], check=True)
        subprocess.run([*git, "commit", "-q", "-m", "plán"], check=True)
        _COMMITTED.append(root)
    return _COMMITTED[0]


@settings(max_examples=CHANGES_EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutations())
@example(("activities/drogy/2.1.2.yaml", b"id: " + b"[" * 500 + b"]" * 500 + b"\n"))
@example(("plan.yaml", b""))
def test_changes_against_a_mutated_working_tree(case: tuple[str, bytes]) -> None:
    """``kplan changes`` compares the committed plan with a mutated working tree."""
    name, data = case
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "plan"
        shutil.copytree(committed_plan(), root)
        (root / name).write_bytes(data)
        run_one("changes", ["changes", "{root}"], root)
        run_one("changes-json", ["changes", "{root}", "--format", "json"], root)
