"""``kplan fmt``: every YAML file of a plan in one canonical style, content untouched.

The canonical style is the one ``kplan new`` writes and the example plan has: keys
indented by 2, a list's ``- `` indented by 2 under its key, LF line endings, a final
newline, no trailing spaces. Comments, quotes, flow or block style of each list and key
order stay as they are; a file whose data would read differently afterwards is left alone.

The files are the plan's documents (``planfiles.walk``) under the path given, read by the
rules of every command: a link is formatted where it leads, inside the plan, and stays a
link; a file that may not be read, or written (read-only), is left alone with the reason.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kplan.diagnostics import Diagnostic
from kplan.plan.files import PlanDocument, read, writable_target
from kplan.plan.layout import PLAN_FILE
from kplan.plan.walker import walk
from kplan.yamlio import BOM, parse_text
from kplan.yamlio.roundtrip import RoundTripError, canonical


@dataclass(frozen=True, slots=True)
class Restyled:
    path: Path
    old: bytes
    new: bytes | None
    """None: left alone (see ``problem``)."""
    problem: str | None = None
    target: Path | None = None
    """The file to write: ``path``, or the file inside the plan a link leads to."""

    @property
    def changed(self) -> bool:
        return self.new is not None and self.new != self.old


@dataclass(frozen=True, slots=True)
class Refused:
    """A file fmt does not read: the reader's diagnostic."""

    path: Path
    diagnostic: Diagnostic


def plan_root(target: Path) -> Path | None:
    """The plan that holds ``target`` (a file or a folder): it or its nearest parent with
    a ``plan.yaml``."""
    start = target if target.is_dir() else target.parent
    for candidate in (start, *start.parents, *start.absolute().parents):
        if (candidate / PLAN_FILE).exists() or (candidate / PLAN_FILE).is_symlink():
            return candidate
    return None


def plan_documents(root: Path, target: Path) -> tuple[list[PlanDocument], list[Diagnostic]]:
    """The documents of the plan at ``root`` that are ``target`` or under it (a link only
    once, with the file it leads to), and the walk's reasons for not reading the others."""
    tree = walk(root)
    wanted = os.path.abspath(target)
    documents, sources = [], set()
    for document in tree.documents:
        path = os.path.abspath(root / document.rel)
        real = os.path.realpath(document.source)
        if (path == wanted or path.startswith(wanted.rstrip(os.sep) + os.sep)) \
                and real not in sources:
            sources.add(real)
            documents.append(document)
    problems = [d for d in tree.diagnostics if d.code in ("KP109", "KP113", "KP118")
                and os.path.abspath(root / d.file).startswith(wanted)]
    return documents, problems


def restyle_all(root: Path, documents: list[PlanDocument]) -> Iterator[Restyled | Refused]:
    for document in documents:
        problems: list[Diagnostic] = []
        raw = read(document, problems)
        path = root / document.rel
        target = writable_target(root, document.rel)
        if raw is None:
            yield Refused(path, problems[0])
        else:
            found = restyle(path, raw.data)
            yield Restyled(found.path, found.old, found.new, found.problem, target)


def restyle(path: Path, data: bytes) -> Restyled:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return Restyled(path, data, None, "not UTF-8")
    before = parse_text(text.removeprefix(BOM), path.name, [])
    if before is None:
        return Restyled(path, data, None, "does not parse")
    try:
        styled = canonical(text)
    except RoundTripError as error:
        return Restyled(path, data, None, str(error).splitlines()[0])
    after = parse_text(styled, path.name, [])
    if after is None or after.data != before.data:
        return Restyled(path, data, None, "the content would change")
    return Restyled(path, data, styled.encode("utf-8"))
