"""A copy of the plan's data files to load with an edit in it (for an edit that cannot be
checked in place: a new file, a file reached through a link, no cache), and what the edit
adds."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from datetime import date
from pathlib import Path

from kplan.diagnostics import Diagnostic, Severity, sorted_diagnostics
from kplan.load.cache import CopyCache, DocumentCache
from kplan.load.loader import load_plan
from kplan.load.warm import load_checked
from kplan.plan.files import writable_target
from kplan.plan.layout import DATA_FOLDERS, PLAN_FILE


def in_copy(root: Path, file: str) -> str:
    """Where the change lands in the copy: where ``write`` will write it, when that is a
    data file the copy holds, else the file itself."""
    target = writable_target(root, file)
    real_root = root.resolve()
    if target == root / file or not target.is_relative_to(real_root):
        return file
    relative = target.relative_to(real_root).as_posix()
    return relative if relative.split("/")[0] in (PLAN_FILE, *DATA_FOLDERS) else file


_CONTEXT_ARGS = frozenset(("suggestion", "hint"))
"""Arguments that describe the plan around a mistake (the known activities a KP303 lists),
not the mistake: a card added elsewhere changes them, and the error is still the old one."""


def _key(diagnostic: Diagnostic) -> tuple[str, str, str]:
    args = {k: v for k, v in diagnostic.args.items() if k not in _CONTEXT_ARGS}
    return diagnostic.file, diagnostic.code, repr(sorted(args.items()))


def added(before: Iterable[Diagnostic], after: Iterable[Diagnostic],
           severity: Severity) -> list[Diagnostic]:
    known = Counter(_key(d) for d in before if d.severity is severity)
    added = []
    for diagnostic in after:
        if diagnostic.severity is not severity:
            continue
        key = _key(diagnostic)
        if known[key]:
            known[key] -= 1
        else:
            added.append(diagnostic)
    return sorted_diagnostics(added)


@contextmanager
def plan_copy(root: Path) -> Iterator[Path]:
    """The plan's data files in a temporary folder (hard links where the system allows)."""
    with tempfile.TemporaryDirectory(prefix="kplan-edit-") as folder:
        copy = Path(folder) / "plan"
        copy.mkdir()
        for name in (PLAN_FILE, *DATA_FOLDERS):
            source = root / name
            if source.is_symlink() or source.is_file():
                copy_file(source, copy / name)
            elif source.is_dir():
                shutil.copytree(source, copy / name, symlinks=True, copy_function=copy_file)
        yield copy


def copy_file(source: str | Path, target: str | Path) -> None:
    """A link as a link, a regular file as a hard link or a copy; anything else (a FIFO,
    a device) is never opened: the loader refuses it in the plan itself."""
    if os.path.islink(source):
        os.symlink(os.readlink(source), target)
        return
    try:
        regular = stat.S_ISREG(os.lstat(source).st_mode)
    except OSError:
        regular = True  # gone or unreadable: the link or copy below fails as the loader does
    if not regular:
        with suppress(OSError):
            os.mkfifo(target, 0o600)  # the copy's loader says KP113, as the plan's does
        return
    try:
        os.link(source, target)
    except OSError:
        with suppress(OSError):  # unreadable: the loader says so before and after alike
            shutil.copy2(source, target)


def loaded_copies(root: Path, changed: dict[str, bytes], today: date,
                  cache: DocumentCache | None) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """The diagnostics of a copy of the plan, before and after the files are changed; with
    the plan's cache, its documents are lent to the copy (``CopyCache``)."""
    lent = cache if cache is None or isinstance(cache, CopyCache) else _lent(root, cache)
    with plan_copy(root) as copy:
        before = _diagnostics(copy, today, lent)
        for file, data in changed.items():
            target = copy / in_copy(root, file)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)  # a hard link to the real file: never write through
            target.write_bytes(data)
        return before, _diagnostics(copy, today, lent)


def _lent(root: Path, cache: DocumentCache) -> CopyCache:
    cache.save()
    return CopyCache.for_plan(root)


def _diagnostics(root: Path, today: date, cache: DocumentCache | None) -> list[Diagnostic]:
    """What ``load_plan`` finds; with a cache, only the changed files are read again."""
    if cache is None:
        return load_plan(root, today).diagnostics
    return load_checked(root, today, cache).diagnostics
