"""The priorities and measures the source names, added to ``plan.yaml`` by the same
surgical edit as the other commands; the ones ``plan.yaml`` has stay as they are."""

from __future__ import annotations

from pathlib import Path

from kplan.edit.change import Change, _edit
from kplan.edit.importing import labels
from kplan.edit.importing.source import Heading
from kplan.edit.problem import EditProblem
from kplan.plan.layout import PLAN_FILE
from kplan.plan.model import Plan
from kplan.plan.planfile import Priority
from kplan.yamlio.textedit import AppendItem, DocPath, Op


class _Tree:
    """The headings of one group (or of the plan as a whole), as they grow."""

    def __init__(self, path: DocPath, priorities: list[Priority]) -> None:
        self.path = path
        self.numbers = [p.number for p in priorities]
        self.measures = [[m.number for m in p.measures] for p in priorities]
        self.ops: list[Op] = []

    def priority(self, number: str, title: str | None) -> int:
        if number in self.numbers:
            return self.numbers.index(number)
        self.ops.append(AppendItem(self.path, "priorities", {"number": number, "title": title}))
        self.numbers.append(number)
        self.measures.append([])
        return len(self.numbers) - 1

    def measure(self, parent: str, number: str, title: str | None) -> None:
        index = self.priority(parent, None)
        if number in self.measures[index]:
            return
        self.ops.append(AppendItem((*self.path, "priorities", index), "measures",
                                   {"number": number, "title": title}))
        self.measures[index].append(number)


def change(root: Path, plan: Plan, found: list[Heading], group: str | None) -> Change | None:
    if not found:
        return None
    if plan.meta is None:
        raise EditProblem("plan.yaml se nenačetl; opravte ho (kplan validate) a zkuste to znovu.",
                          "plan.yaml did not load; fix it (kplan validate) first.", exit_code=1)
    tree = _tree(plan, group)
    for heading in found:
        if heading.level == labels.PRIORITY:
            tree.priority(heading.number, heading.title)
        else:
            parent = heading.parent or heading.number.rpartition(".")[0] or heading.number
            tree.measure(parent, heading.number, heading.title)
    if not tree.ops:
        return None
    made = _edit(root, PLAN_FILE, tree.ops)
    return Change(made.file, made.old, made.new, ("priority a opatření z podkladu",
                                                  "priorities and measures of the source"))


def _tree(plan: Plan, group: str | None) -> _Tree:
    assert plan.meta is not None
    if group is None:
        return _Tree((), list(getattr(plan.meta, "priorities", None) or []))
    index = next(i for i, g in enumerate(plan.meta.groups) if g.id == group)
    return _Tree(("groups", index), plan.meta.groups[index].priorities)
