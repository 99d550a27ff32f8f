"""The one walk over a plan's working tree: its documents in the loader's order, and the
diagnostics of what it met on the way."""

from __future__ import annotations

import os
import posixpath
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kplan.diagnostics import Diagnostic
from kplan.diagnostics.codes import diag
from kplan.limits import max_files
from kplan.plan.files import FLAT_KINDS, Kind, PlanDocument, is_within, read
from kplan.plan.layout import ACTIVITIES, PLAN_FILE, YAML_SUFFIX, safe_name, shown_name
from kplan.plan.reader import os_reason


@dataclass(slots=True)
class Tree:
    """What ``walk`` found: the documents in reading order and the problems on the way."""

    root: Path
    documents: list[PlanDocument] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    seen: list[tuple[str, int, bytes, str]] = field(default_factory=list)
    """Every other entry looked at (folders, files that are not documents, links that are
    not followed), as (path, kind, b"", link target): what the cache's fingerprint needs."""



def walk(root: Path) -> Tree:
    """The plan's documents in the order the loader reads them, and what was wrong on
    the way: a link leading outside (KP109), an unreadable folder (KP113), a file in
    the wrong place (KP110), a name that cannot be shown (KP118), too many files
    (KP116, after which nothing more is listed)."""
    walker = _Walker(root)
    walker.walk()
    return walker.tree


@dataclass(frozen=True, slots=True)
class _Entry:
    rel: str
    path: str
    name: str
    is_dir: bool
    """A folder, or a link to one."""
    real: str
    """The real path when the entry is a link inside the plan, else ``path``."""
    link: str = ""


class _Walker:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.real_root = os.path.realpath(root)
        self.tree = Tree(root)
        self.files_left = max_files()

    def walk(self) -> None:
        plan = self._entry(PLAN_FILE)
        if plan is None:
            self._problem(PLAN_FILE, "KP114")
        elif self._inside(plan):
            self._document(self._resolved(plan), "plan")
        self._activities()
        for folder, kind in FLAT_KINDS.items():
            for entry in self._entries(folder):
                self._document_or_not(entry, kind)

    def _activities(self) -> None:
        for entry in self._entries(ACTIVITIES):
            if entry.is_dir:
                for card in self._entries(entry.rel):
                    self._document_or_not(card, "activity")
            elif entry.name.endswith(YAML_SUFFIX):
                self._document_or_not(entry, "activity")
            else:
                self._not_yaml(entry)

    def _document_or_not(self, entry: _Entry, kind: Kind) -> None:
        if entry.name.endswith(YAML_SUFFIX) and not entry.is_dir:
            self._document(entry, kind)
        else:
            self._not_yaml(entry)

    def _document(self, entry: _Entry, kind: Kind) -> None:
        self.tree.documents.append(PlanDocument(entry.rel, kind, entry.real, entry.link))

    def _entry(self, rel: str) -> _Entry | None:
        path = os.path.join(self.root, rel)
        try:
            status = os.lstat(path)
        except FileNotFoundError:
            return None
        except OSError as error:
            self._problem(rel, "KP113", reason=os_reason(error))
            return None
        link = os.readlink(path) if stat.S_ISLNK(status.st_mode) else ""
        return _Entry(rel, path, posixpath.basename(rel), stat.S_ISDIR(status.st_mode), path,
                      link)

    def _entries(self, rel: str) -> Iterator[_Entry]:
        """The visible entries of a folder, in name order, none of them outside the plan."""
        folder = self._entry(rel)
        if folder is None or not self._inside(folder):
            return
        self.tree.seen.append((rel, -2, b"", folder.link))
        try:
            with os.scandir(folder.path) as listing:
                found = sorted(listing, key=lambda e: e.name)
        except OSError as error:
            self._problem(rel, "KP113", reason=os_reason(error))
            return
        for item in found:
            entry = self._listed(rel, item)
            if entry is None:
                continue
            if entry is _STOP:
                return
            yield entry

    def _listed(self, folder: str, item: os.DirEntry[str]) -> _Entry | None:
        name = item.name
        if name.startswith("."):
            return None  # hidden, e.g. a temporary file of an interrupted write
        if not safe_name(name):
            self._problem(f"{folder}/{shown_name(name)}", "KP118")
            return None
        rel = f"{folder}/{name}"
        is_link = item.is_symlink()
        if is_link or not item.is_dir(follow_symlinks=False):
            self.files_left -= 1
            if self.files_left == -1:
                self._problem(rel, "KP116", limit=max_files())
            if self.files_left < 0:
                return _STOP
        entry = _Entry(rel, item.path, name, _is_dir(item), item.path,
                       os.readlink(item.path) if is_link else "")
        if not self._inside(entry):
            return None
        return self._resolved(entry)

    def _resolved(self, entry: _Entry) -> _Entry:
        if not entry.link:
            return entry
        return _Entry(entry.rel, entry.path, entry.name, os.path.isdir(entry.path),
                      os.path.realpath(entry.path), entry.link)

    def _inside(self, entry: _Entry) -> bool:
        """False, with a diagnostic, for a link that leads outside the plan or nowhere."""
        if not entry.link:
            return True
        self.tree.seen.append((entry.rel, -4, b"", entry.link))
        try:
            real = Path(entry.path).resolve(strict=True)
        except (OSError, RuntimeError) as error:
            self._problem(entry.rel, "KP113", reason=os_reason(error))
            return False
        if is_within(str(real), self.real_root):
            return True
        self._problem(entry.rel, "KP109", target=entry.link)
        return False

    def _not_yaml(self, entry: _Entry) -> None:
        self._see(entry, -2 if entry.is_dir else 0)
        stem, suffix = posixpath.splitext(entry.name)
        if suffix == ".yml":
            suggestion = {"cs": f"Přejmenujte ho na {stem}.yaml.",
                          "en": f"Rename it to {stem}.yaml."}
        elif entry.is_dir:
            suggestion = {"cs": "Složky zde kplan nečte; přesuňte soubory o úroveň výš.",
                          "en": "kplan reads no folders here; move the files one level up."}
        else:
            suggestion = {"cs": "Přesuňte ho jinam (např. do docs/) nebo ho smažte.",
                          "en": "Move it elsewhere (e.g. docs/) or delete it."}
        self._problem(entry.rel, "KP110", name=entry.name, folder=posixpath.dirname(entry.rel),
                      suggestion=suggestion)

    def _see(self, entry: _Entry, kind: int) -> None:
        self.tree.seen.append((entry.rel, kind, b"", entry.link))

    def _problem(self, rel: str, code: str, **args: Any) -> None:
        self.tree.diagnostics.append(diag(rel, code, line=1, column=1, **args))


_STOP = _Entry("", "", "", False, "")


def _is_dir(item: os.DirEntry[str]) -> bool:
    try:
        return item.is_dir()
    except OSError:
        return False


def documents(root: Path) -> dict[str, bytes | None]:
    """Every document of the plan as it is on disk, by path; None for one that the rules
    do not let be read (too large, not a regular file, unreadable)."""
    found: dict[str, bytes | None] = {}
    for document in walk(root).documents:
        raw = read(document, [])
        found[document.rel] = raw.data if raw is not None else None
    return found
