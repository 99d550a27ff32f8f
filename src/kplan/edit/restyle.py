"""``kplan fmt``: every YAML file of a plan in one canonical style, content untouched.

The canonical style is the one ``kplan new`` writes and the example plan has: keys
indented by 2, a list's ``- `` indented by 2 under its key, LF line endings, a final
newline, no trailing spaces. Comments, quotes, flow or block style of each list and key
order stay as they are; a file whose data would read differently afterwards is left alone.

The files are the plan's documents (``planfiles.walk``) under the path given, read by the
rules of every command: a link is formatted where it leads, inside the plan, and stays a
link; a file that may not be read, or written (read-only), is left alone with the reason.

The round trip costs about 10 ms a card, minutes on a big plan, and ``fmt --check`` runs
before every commit (pre-commit): with the plan's cache, a file found in the canonical
style is remembered by its content hash, and is not styled again while its bytes stay
the same (the cache's version follows kplan's code and ruamel.yaml's).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from kplan.diagnostics import Diagnostic
from kplan.load.pool import prepare
from kplan.load.scan import digest_of
from kplan.plan.files import PlanDocument, read, writable_target
from kplan.plan.layout import PLAN_FILE
from kplan.plan.walker import Tree, walk
from kplan.yamlio import BOM, parse_text
from kplan.yamlio.roundtrip import RoundTripError, canonical

if TYPE_CHECKING:
    from kplan.load.cache import DocumentCache

CANONICAL = "canonical"
"""The kind, and the key, of what the plan's cache keeps of a file already in the style."""


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


def plan_documents(root: Path, target: Path, tree: Tree | None = None
                   ) -> tuple[list[PlanDocument], list[Diagnostic]]:
    """The documents of the plan at ``root`` (walked as ``tree``) that are ``target`` or
    under it (a link only once, with the file it leads to), and the walk's reasons for
    not reading the others."""
    tree = tree if tree is not None else walk(root)
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


def restyle_all(root: Path, documents: list[PlanDocument],
                cache: DocumentCache | None = None) -> Iterator[Restyled | Refused]:
    """Each document restyled; with the plan's ``cache`` (scanned), a document remembered
    in the style is not styled again, and one found in it is remembered. Where many are
    to be styled, a worker process styles the last half of them (``load.pool``)."""
    unknown = [d.rel for d in documents
               if cache is None or not cache.derived(CANONICAL, d.rel, CANONICAL)]
    worker = prepare(unknown, partial(_styled_apart, root, {d.rel: d for d in documents}))
    try:
        for document in documents:
            problems: list[Diagnostic] = []
            raw = read(document, problems)
            path = root / document.rel
            target = writable_target(root, document.rel)
            if raw is None:
                yield Refused(path, problems[0])
                continue
            memo = _scanned(cache, document.rel, raw.data)
            if memo is not None and memo.derived(CANONICAL, document.rel, CANONICAL):
                yield Restyled(path, raw.data, raw.data, target=target)
                continue
            made = worker.take(document.rel) if worker is not None else None
            found = made if made is not None and made.old == raw.data else restyle(path, raw.data)
            if memo is not None and found.new == found.old:
                memo.keep(CANONICAL, document.rel, CANONICAL, True)
            yield Restyled(found.path, found.old, found.new, found.problem, target)
    finally:
        if worker is not None:
            worker.close()


def _styled_apart(root: Path, documents: dict[str, PlanDocument],
                  files: Sequence[str]) -> dict[str, Restyled]:
    """In the worker: the files restyled, as the loop above would; the loop takes one only
    when the bytes it read are the ones the worker styled."""
    made = {}
    for rel in files:
        raw = read(documents[rel], [])
        if raw is not None:
            made[rel] = restyle(root / rel, raw.data)
    return made


def _scanned(cache: DocumentCache | None, rel: str, data: bytes) -> DocumentCache | None:
    """The cache, if its scan saw these very bytes of the file (not an older version)."""
    return cache if cache is not None and cache.digest(rel) == digest_of(data) else None


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
