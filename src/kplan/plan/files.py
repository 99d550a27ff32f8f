"""Every plan file kplan reads, from the working tree or from git, through one set of rules.

The rules are those of ``kplan validate`` and hold for every command (status, report,
site, edits, fmt, changes, log):

- only regular files are read: a FIFO, a device or a socket is never opened (its status is
  looked at first, and a file is opened with ``O_NONBLOCK`` in case it changed meanwhile);
- a symbolic link is followed only when it leads to a place inside the plan (KP109 when it
  leads out, KP113 when it leads nowhere);
- a file larger than ``MAX_FILE_BYTES`` is not read (KP104), and a blob from git is not
  read when git says it is larger;
- a file that cannot be read is a diagnostic (KP113), never a traceback.

``walk`` lists the plan's documents once a run (``plan.yaml``, ``activities/<group>/*.yaml``,
``services/*.yaml``, ``meetings/*.yaml``) with the diagnostics of what it met on the way;
``read`` reads one of them; ``find`` names one by its path. ``is_plan_file``,
``blob_usable`` and ``link_in_tree`` apply the same rules to a commit's tree.
"""

from __future__ import annotations

import errno
import os
import posixpath
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from kplan.diagnostics import Diagnostic
from kplan.diagnostics.codes import diag
from kplan.limits import MAX_FILE_BYTES, max_files
from kplan.plan.layout import (
    ACTIVITIES,
    MEETINGS,
    NEEDS,
    PLAN_FILE,
    SERVICES,
    YAML_SUFFIX,
    card_group,
    safe_name,
    shown_name,
)

Kind = Literal["plan", "activity", "service", "meeting", "needs"]
_FLAT_KINDS: dict[str, Kind] = {SERVICES: "service", MEETINGS: "meeting", NEEDS: "needs"}
"""The data folders of one level and what their files are."""
NOT_REGULAR = {"cs": "není to obyčejný soubor (je to roura, zařízení nebo socket)",
               "en": "it is not a regular file (it is a pipe, a device or a socket)"}
_OPEN_FLAGS = (os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_CLOEXEC", 0))
GIT_LINK_MODE = "120000"
GIT_FILE_MODES = ("100644", "100755")


@dataclass(frozen=True, slots=True)
class PlanDocument:
    """One document of the plan, found by ``walk`` or ``find``."""

    rel: str
    """Its path in the plan, with forward slashes."""
    kind: Kind
    source: str
    """What is opened: the file itself, or the real file inside the plan a link leads to."""
    link: str = ""
    """The link's target as written, when the document is a symbolic link."""

    @property
    def group(self) -> str:
        return (card_group(self.rel) or "") if self.kind == "activity" else ""

    @property
    def stem(self) -> str:
        return posixpath.basename(self.rel).removesuffix(YAML_SUFFIX)


@dataclass(slots=True)
class Tree:
    """What ``walk`` found: the documents in reading order and the problems on the way."""

    root: Path
    documents: list[PlanDocument] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    seen: list[tuple[str, int, bytes, str]] = field(default_factory=list)
    """Every other entry looked at (folders, files that are not documents, links that are
    not followed), as (path, kind, b"", link target): what the cache's fingerprint needs."""


# --- reading one file ---------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class RawFile:
    """A file's bytes and size."""

    data: bytes
    size: int


_OS_REASONS = {
    errno.EACCES: ("chybí oprávnění ke čtení", "permission denied"),
    errno.EPERM: ("chybí oprávnění ke čtení", "permission denied"),
    errno.EISDIR: ("je to složka, ne soubor", "it is a folder, not a file"),
    errno.ENOENT: ("neexistuje (odkaz nikam nevede?)", "it does not exist (a broken link?)"),
    errno.ELOOP: ("symbolický odkaz vede sám na sebe", "the symbolic link points to itself"),
    errno.ENOTDIR: ("má to být složka, je to soubor", "it must be a folder, it is a file"),
}


def os_reason(error: OSError | RuntimeError) -> dict[str, str]:
    """Why a file cannot be read, in both languages, without a traceback."""
    code = error.errno if isinstance(error, OSError) else errno.ELOOP
    cs, en = _OS_REASONS.get(code or 0, (None, None))
    fallback = getattr(error, "strerror", None) or type(error).__name__
    return {"cs": cs or fallback, "en": en or fallback}


def read(document: PlanDocument, problems: list[Diagnostic]) -> RawFile | None:
    """The document's bytes, or None with a diagnostic (KP104, KP113)."""
    return read_source(document.source, document.rel, problems)


def read_source(source: str | Path, file: str, problems: list[Diagnostic]) -> RawFile | None:
    """The bytes of a regular file of at most ``MAX_FILE_BYTES``, without following a
    link at its last step; None with a diagnostic named ``file`` otherwise."""
    try:
        status = os.lstat(source)
        if not _regular(status, file, problems):
            return None
        descriptor = os.open(source, _OPEN_FLAGS | getattr(os, "O_NOFOLLOW", 0))
        try:
            opened = os.fstat(descriptor)
            if not _regular(opened, file, problems):
                return None
            data = _read_at_most(descriptor, MAX_FILE_BYTES + 1, opened.st_size + 1)
        finally:
            os.close(descriptor)
    except OSError as error:
        problems.append(diag(file, "KP113", line=1, column=1, reason=os_reason(error)))
        return None
    if len(data) > MAX_FILE_BYTES:
        problems.append(diag(file, "KP104", line=1, column=1, size=len(data)))
        return None
    return RawFile(data=data, size=len(data))


def _regular(status: os.stat_result, file: str, problems: list[Diagnostic]) -> bool:
    if stat.S_ISDIR(status.st_mode):
        problems.append(diag(file, "KP113", line=1, column=1,
                             reason=os_reason(IsADirectoryError(errno.EISDIR, "Is a directory"))))
        return False
    if not stat.S_ISREG(status.st_mode):
        problems.append(diag(file, "KP113", line=1, column=1, reason=NOT_REGULAR))
        return False
    if status.st_size > MAX_FILE_BYTES:
        problems.append(diag(file, "KP104", line=1, column=1, size=status.st_size))
        return False
    return True


def _read_at_most(descriptor: int, limit: int, expected: int) -> bytes:
    """Up to ``limit`` bytes; a short read is the end (``expected`` is the size + 1)."""
    chunks, left = [], limit
    while left > 0:
        wanted = min(left, max(expected, 64 * 1024))
        chunk = os.read(descriptor, wanted)
        chunks.append(chunk)
        left -= len(chunk)
        if len(chunk) < wanted:
            break
    return b"".join(chunks)


# --- one document by its path -------------------------------------------------------------------

def kind_of(rel: str) -> Kind | None:
    """What a path in the plan is by its place: only what the loader reads is a document
    (``plan.yaml``, ``activities/<group>/<x>.yaml``, ``services/``, ``meetings/`` and
    ``needs/`` files; hidden files are not plan data)."""
    parts = rel.split("/")
    if rel == PLAN_FILE:
        return "plan"
    if any(part.startswith(".") for part in parts) or not rel.endswith(YAML_SUFFIX):
        return None
    if card_group(rel) is not None:
        return "activity"
    if len(parts) == 2 and parts[0] in _FLAT_KINDS:
        return _FLAT_KINDS[parts[0]]
    return None


def is_plan_file(rel: str) -> bool:
    return kind_of(rel) is not None


def find(root: Path, rel: str, problems: list[Diagnostic]) -> PlanDocument | None:
    """The document at ``rel`` when the rules let it be read (a link only inside the
    plan); None with a diagnostic (KP109, KP113) when they do not, None alone when it is
    not a document or not there."""
    kind = kind_of(rel)
    path = os.path.join(root, rel)
    if kind is None or not os.path.lexists(path):
        return None
    real_root = os.path.realpath(root)
    real = os.path.realpath(path)
    if os.path.islink(path):
        target = os.readlink(path)
        return _linked(rel, kind, path, target, real_root, problems)
    if not _is_within(real, real_root):
        problems.append(diag(rel, "KP109", line=1, column=1, target=real))
        return None
    return PlanDocument(rel, kind, real if real != os.path.abspath(path) else path)


def read_at(root: Path, rel: str) -> RawFile | None:
    """The bytes of the plan's document ``rel`` by the reader's rules (a link only inside
    the plan, a regular file, the size limit); None when it is not there or may not be read."""
    problems: list[Diagnostic] = []
    found = find(root, rel, problems)
    return read(found, problems) if found is not None else None


def writable_target(root: Path, rel: str) -> Path:
    """Where an edit of ``rel`` writes: the file itself, or the file inside the plan a
    link leads to, so that the link stays a link."""
    path = root / rel
    if path.is_symlink():
        real = Path(os.path.realpath(path))
        if _is_within(str(real), os.path.realpath(root)):
            return real
    return path


def read_only(path: Path) -> bool:
    """True for a file its mode keeps from being written (0444), even for root, who could:
    kplan respects the mode instead of replacing the file with a writable copy."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not mode & 0o222 or not os.access(path, os.W_OK)


def _linked(rel: str, kind: Kind, path: str, target: str, real_root: str,
            problems: list[Diagnostic]) -> PlanDocument | None:
    try:
        real = Path(path).resolve(strict=True)
    except (OSError, RuntimeError) as error:
        problems.append(diag(rel, "KP113", line=1, column=1, reason=os_reason(error)))
        return None
    if not _is_within(str(real), real_root):
        problems.append(diag(rel, "KP109", line=1, column=1, target=target))
        return None
    return PlanDocument(rel, kind, str(real), target)


def _is_within(real: str, real_root: str) -> bool:
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


# --- the whole plan -----------------------------------------------------------------------------

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
        for folder, kind in _FLAT_KINDS.items():
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
        if _is_within(str(real), self.real_root):
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


# --- a commit's tree ----------------------------------------------------------------------------

def blob_usable(mode: str, size: int) -> bool:
    """A file of a commit is read only when it is a file (not a link or a submodule) of
    at most ``MAX_FILE_BYTES``; git gives its size before its content is asked for."""
    return mode in GIT_FILE_MODES and 0 <= size <= MAX_FILE_BYTES


def link_in_tree(rel: str, target: str) -> str | None:
    """Where a link of a commit's tree leads, as a path in the plan; None when it leads
    outside the plan (an absolute target, or ``..`` past the plan folder)."""
    if target.startswith("/") or "\0" in target:
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(rel), target))
    if joined == ".." or joined.startswith("../") or joined.startswith("/"):
        return None
    return joined
