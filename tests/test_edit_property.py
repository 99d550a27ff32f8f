"""Any sequence of edits changes only the lines it must, and gives the intended model."""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kplan.edit import change as edit
from kplan.load.loader import load_plan
from kplan.plan.model import Plan
from kplan.plan.statuses import EvaluationStatus, MilestoneStatus

EXAMPLE = Path(__file__).resolve().parents[1] / "data"
TODAY = date(2026, 11, 23)
ADDABLE = re.compile(r"\s*(- )?(title|due|status|done|spent|comment|year|note|milestones|"
                     r"evaluations):( |$)")

PLAN = """\
title: Plán
period: {start: 2019, end: 2022}
groups:
  - id: g
    name: Skupina
"""

texts = st.text(st.sampled_from("abcčřž ÁŽ:#-,'\"[]{}1.2"), min_size=1, max_size=12).map(
    lambda s: s.strip() or "x")
statuses = st.sampled_from([s.value for s in MilestoneStatus])
eval_statuses = st.sampled_from([s.value for s in EvaluationStatus])
dues = st.one_of(st.integers(2019, 2022).map(str),
                 st.tuples(st.integers(2019, 2022), st.integers(1, 12)).map(
                     lambda ym: f"{ym[0]}-{ym[1]:02d}"))
days = st.dates(date(2019, 1, 1), date(2022, 12, 31))


@st.composite
def generated_plan(draw: st.DrawFn) -> dict[str, str]:
    """A plan of one card and one meeting, in various layouts a person might write."""
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    titles = draw(st.lists(texts, max_size=3))
    lines = ['id: "1.1"', "title: Karta  # komentář", "responsible: Jana"]
    if titles:
        lines.append("milestones:  # harmonogram")
        for title in titles:
            lines += [f"  - title: {edit_scalar(title)}", f"    due: {draw(dues)}"]
            if draw(st.booleans()):
                lines.append(f"    status: {draw(statuses)}  # stav")
            if draw(st.booleans()):
                lines.append("    done:")
    else:
        lines.append(draw(st.sampled_from(["milestones: []", "# bez harmonogramu"])))
    lines.append(draw(st.sampled_from(["evaluations: []  # zatím nic", "",
                                       "evaluations:\n  - year: 2020\n    status: done"])))
    lines.append("# konec")
    card = newline.join(line.replace("\n", newline) for line in lines) + newline
    tasks = draw(st.lists(texts, min_size=1, max_size=3))
    meeting = "date: 2020-03-10\ngroup: g\ntasks:\n" + "".join(
        f"  - title: {edit_scalar(t)}\n    status: open\n" for t in tasks)
    return {"plan.yaml": PLAN, "activities/g/1.1.yaml": card,
            "meetings/2020-03-10-g.yaml": meeting}


def edit_scalar(text: str) -> str:
    from kplan.yamlio.textedit import render_scalar

    return render_scalar(text)


commands = st.lists(st.one_of(
    st.tuples(st.just("done"), st.integers(0, 20), st.integers(0, 20), days),
    st.tuples(st.just("set-status"), st.integers(0, 20), st.integers(0, 20), statuses),
    st.tuples(st.just("evaluate"), st.integers(0, 20), st.integers(2019, 2022), eval_statuses,
              st.none() | st.integers(0, 10**6), st.none() | texts),
    st.tuples(st.just("add"), st.integers(0, 20), texts, dues),
    st.tuples(st.just("task"), st.integers(0, 20), st.integers(0, 20)),
), min_size=1, max_size=6)


@dataclass
class Expected:
    milestones: dict[str, list[list[Any]]] = field(default_factory=dict)
    evaluations: dict[str, list[list[Any]]] = field(default_factory=dict)
    tasks: dict[str, list[str]] = field(default_factory=dict)


def expected_of(plan: Plan) -> Expected:
    found = Expected()
    for a in plan.activities:
        found.milestones[a.ref] = [[m.title, str(m.due), m.status.value, m.done]
                                   for m in a.milestones]
        found.evaluations[a.ref] = [[e.year, e.status.value, e.spent, e.comment]
                                    for e in a.evaluations]
    for m in plan.meetings:
        found.tasks[m.file] = [t.status.value for t in m.tasks]
    return found


def run(root: Path, command: tuple[Any, ...], want: Expected) -> edit.Change | None:
    """Apply one command to the files and to the expected model; None when not applicable."""
    plan = load_plan(root, TODAY).plan
    refs = sorted(want.milestones)
    kind = command[0]
    if kind == "task":
        meetings = sorted(m.file for m in plan.meetings if m.tasks)
        if not meetings:
            return None
        meeting = next(m for m in plan.meetings if m.file == meetings[command[1] % len(meetings)])
        index = command[2] % len(meeting.tasks)
        want.tasks[meeting.file][index] = "done"
        return edit.task_done(root, plan, Path(meeting.file).stem, str(index + 1))
    ref = refs[command[1] % len(refs)]
    milestones = want.milestones[ref]
    if kind == "add":
        milestones.append([command[2], command[3], "planned", None])
        return edit.add_milestone(root, plan, ref, command[2], command[3])
    if kind == "evaluate":
        _, _, year, status, spent, comment = command
        entry = [year, status, spent, comment]
        evaluations = want.evaluations[ref]
        index = next((i for i, e in enumerate(evaluations) if e[0] == year), None)
        if index is None:
            evaluations.append(entry)
        else:  # a spent or comment not given stays
            evaluations[index] = [year, status, evaluations[index][2] if spent is None else spent,
                                  evaluations[index][3] if comment is None else comment]
        return edit.evaluate(root, plan, ref, year, EvaluationStatus(status), spent, comment)
    if not milestones:
        return None
    index = command[2] % len(milestones)
    if kind == "done":
        milestones[index][2:] = ["done", command[3]]
        return edit.mark_done(root, plan, ref, str(index + 1), command[3])
    milestones[index][2] = command[3]
    return edit.set_status(root, plan, ref, str(index + 1), MilestoneStatus(command[3]))


def check_sequence(files: dict[str, bytes], sequence: list[tuple[Any, ...]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, data in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
        want = expected_of(load_plan(root, TODAY).plan)
        budget: dict[str, int] = {}
        for command in sequence:
            change = run(root, command, want)
            if change is not None:
                edit.write(root, [change])
                budget[change.file] = budget.get(change.file, 0) + LINES[command[0]]
        assert expected_of(load_plan(root, TODAY).plan) == want
        for name, original in files.items():
            after = (root / name).read_bytes()
            old, new = original.decode().splitlines(), after.decode().splitlines()
            # every line that no edit writes is still there, in the same order
            assert [x for x in old if not ADDABLE.match(x)] == \
                [x for x in new if not ADDABLE.match(x)]
            # and a minimal diff removes no more lines than the edits change
            assert len(old) - common(old, new) <= budget.get(name, 0)
            if b"\r\n" in original:
                assert after.count(b"\n") == after.count(b"\r\n")


LINES = {"done": 2, "set-status": 1, "task": 1, "evaluate": 3, "add": 1}
"""How many lines of the file an edit may change at most."""


def common(old: list[str], new: list[str]) -> int:
    """The length of the longest common subsequence of lines (a minimal diff's kept lines)."""
    row = [0] * (len(new) + 1)
    for line in old:
        previous = 0
        for j, other in enumerate(new, 1):
            current = row[j]
            row[j] = previous + 1 if line == other else max(row[j], row[j - 1])
            previous = current
    return row[-1]


EXAMPLE_FILES = {p.relative_to(EXAMPLE).as_posix(): p.read_bytes()
                 for p in EXAMPLE.rglob("*.yaml")}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sequence=commands)
def test_edits_of_the_example_plan(sequence: list[tuple[Any, ...]]) -> None:
    check_sequence(EXAMPLE_FILES, sequence)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=generated_plan(), sequence=commands)
def test_edits_of_generated_plans(plan: dict[str, str], sequence: list[tuple[Any, ...]]) -> None:
    check_sequence({name: text.encode() for name, text in plan.items()}, sequence)


def test_example_copy_is_untouched() -> None:
    assert shutil.which  # the property tests work on temporary copies only
    assert {p.relative_to(EXAMPLE).as_posix(): p.read_bytes()
            for p in EXAMPLE.rglob("*.yaml")} == EXAMPLE_FILES
