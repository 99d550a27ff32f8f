"""A cache of validated documents, so that reading an unchanged plan costs almost nothing.

One file per plan, in the user's cache folder (``KPLAN_CACHE_DIR``, else
``$XDG_CACHE_HOME/kplan``, else ``~/.cache/kplan``), never inside the plan: the cache is
a pickle, and a pickle that came with a pull request could run code.

It holds two things. Per file, what reading and validating it gave, keyed by the file's
path, size and content hash. And for the whole plan, the outcome of the last validation
with the fingerprint of every entry it read (path, size, content hash, link target) and
the day it ran: when nothing changed, ``kplan validate`` answers from it without loading a
model.

A file's content hash is remembered with its status as git's index does it: size,
modification and change time, inode and device. While all five stay the same the file is
not read again. A modification time can be set back by anyone, but the change time
cannot: any write moves it. A file changed less than ``RACY_SECONDS`` before it was looked
at is not trusted this way, since a second write within the same clock tick would leave
its times alone; it is hashed again next time.

A cache that is unreadable, corrupt or written by another version of kplan is silently
dropped and rebuilt; two runs that write it at once each replace it whole, so a reader
never sees half of one. This module imports nothing of pydantic: the fast answer must
not pay for it.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import pickle
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from kplan.diagnostics import Diagnostic
from kplan.diagnostics.suppress import Suppressions
from kplan.limits import MAX_FILE_BYTES
from kplan.plan.files import PlanDocument, Tree, read, walk
from kplan.resources import cache_folder

if TYPE_CHECKING:
    from kplan.plan.files import RawFile

CACHE_FORMAT = 6
RACY_SECONDS = 2
COMPACT_FACTOR, COMPACT_SLACK = 2, 64
"""The documents log is written whole once it holds more than this many records a live
entry, and this many more."""
KEPT_BYTES = 8 * 1024 * 1024
"""The scan hands the loader at most this much of what it read; the rest is read again.
Holding all of a 10,000-card plan's files at once would cost 40 MB at the peak."""
Fingerprint = tuple[tuple[str, int, bytes, str], ...]
StatKey = tuple[int, int, int, int, int]
"""A file's size, modification and change time (ns), inode and device."""
Hashes = dict[str, tuple[StatKey, bytes]]
"""Content hashes of files by their path in the plan, with the status they were read at."""
_LENT: dict[Path, dict[str, Entry]] = {}
"""The documents a plan's cache held when it was saved, by its documents file, for a copy
of the plan checked next in the same run (an edit): the copy finds the models already in
memory instead of reading a second set of them (on 10,000 cards, 170 MB)."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What validating the whole plan gave: enough for ``kplan validate`` to answer."""

    diagnostics: tuple[Diagnostic, ...]
    counts: dict[str, int] = field(default_factory=dict)
    locale: str | None = None


@dataclass(slots=True)
class Entry:
    """What reading and validating one version of one file gave."""

    size: int
    digest: bytes
    model: Any | None
    diagnostics: tuple[Diagnostic, ...]
    suppressions: Suppressions | None


def digest_of(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


@functools.cache
def cache_version() -> str:
    """What cached objects depend on: kplan's own code, pydantic, Babel and Python."""
    from kplan import __version__

    code = hashlib.blake2b(digest_size=8)
    modules = sorted(Path(__file__).parents[1].rglob("*.py"))
    for library in ("pydantic", "babel"):
        spec = importlib.util.find_spec(library)
        if spec is not None and spec.origin:
            modules.append(Path(spec.origin))
    for module in modules:
        status = module.stat()
        code.update(f"{module}:{status.st_size}:{status.st_mtime_ns};".encode())
    return f"{CACHE_FORMAT}/{__version__}/{code.hexdigest()}/{sys.version_info[:2]}"


@dataclass(slots=True)
class Scan:
    """What the loader will look at, and the bytes already read, so nothing is read twice."""

    fingerprint: Fingerprint
    contents: dict[str, bytes]
    files: dict[str, tuple[int, bytes]] = field(default_factory=dict)
    """The size and content hash of every file that could be read, by its path."""
    hashes: Hashes = field(default_factory=dict)
    """The content hashes worth remembering: of files not changed just now."""
    tree: Tree | None = None
    """The walk the loader reads the plan by, so the plan is walked once a run."""


def fingerprint(root: Path) -> Fingerprint:
    """Every entry the loader looks at, with what changes when it changes."""
    return scan(root).fingerprint


def scan(root: Path, known: Hashes | None = None) -> Scan:
    """The loader's walk of the plan (``planfiles.walk``, which stops after the file limit),
    with every document's content hash. A document whose status is the one in ``known``
    is not read: its remembered hash stands."""
    tree = walk(root)
    into = _Into(known or {}, time.time_ns() - RACY_SECONDS * 10**9, list(tree.seen))
    for document in tree.documents:
        into.note(document)
    return Scan(tuple(into.found), into.contents, into.files, into.hashes, tree)


@dataclass(slots=True)
class _Into:
    known: Hashes
    settled_before: int
    """Files changed at or after this time (ns) are too fresh to be trusted by status."""
    found: list[tuple[str, int, bytes, str]] = field(default_factory=list)
    contents: dict[str, bytes] = field(default_factory=dict)
    files: dict[str, tuple[int, bytes]] = field(default_factory=dict)
    hashes: Hashes = field(default_factory=dict)
    kept_bytes: int = 0

    def note(self, document: PlanDocument) -> None:
        """A document is noted by its content hash; one the reader refuses (too large, not
        a regular file, unreadable) by its size or kind alone. A link inside the plan is
        hashed by its target's content, with the target's status as the key."""
        rel = document.rel
        try:
            status = os.stat(document.source)
        except OSError:
            self.found.append((rel, -1, b"", document.link or "?"))
            return
        if not stat.S_ISREG(status.st_mode):
            self.found.append((rel, -3, b"", document.link))
        elif status.st_size > MAX_FILE_BYTES:
            self.found.append((rel, status.st_size, b"", document.link))
        else:
            self.found.append((rel, *self._hashed(document, status), document.link))

    def _hashed(self, document: PlanDocument, status: os.stat_result) -> tuple[int, bytes]:
        rel = document.rel
        key = (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino,
               status.st_dev)
        remembered = self.known.get(rel)
        if remembered is not None and remembered[0] == key:
            size, digest = status.st_size, remembered[1]
        else:
            raw = read(document, [])
            if raw is None:
                return -1, b""
            if self.kept_bytes + raw.size <= KEPT_BYTES:
                self.contents[rel] = raw.data
                self.kept_bytes += raw.size
            size, digest = raw.size, digest_of(raw.data)
        if max(status.st_mtime_ns, status.st_ctime_ns) < self.settled_before:
            self.hashes[rel] = (key, digest)
        self.files[rel] = (size, digest)
        return size, digest


class DocumentCache:
    """The cache of one plan: read once, written back at the end of a run that changed it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stored: dict[str, Any] = {}
        self._entries: dict[str, Entry] | None = None
        self._dirty = False
        """The outcome file needs writing."""
        self._log: _Log | None = None
        """What the documents file holds, and what this run adds to it."""
        self._seen: set[str] = set()
        self._scan: Scan | None = None

    @classmethod
    def for_plan(cls, root: Path) -> DocumentCache:
        key = hashlib.blake2b(str(root.resolve()).encode(), digest_size=12).hexdigest()
        cache = cls(cache_folder() / f"plan-{key}")
        cache._stored = _read_pickle(cache._outcome_path) or {}
        return cache

    @property
    def _outcome_path(self) -> Path:
        return self.path.with_name(self.path.name + ".outcome.pickle")

    @property
    def _entries_path(self) -> Path:
        """The documents live apart from the outcome: a quick answer reads only the latter."""
        return self.path.with_name(self.path.name + ".documents.pickle")

    # --- the whole plan -----------------------------------------------------------------

    def scan(self, root: Path) -> Scan:
        """The plan as it is now, scanned once a run: a file whose status is the one it had
        at the last run is not read again."""
        if self._scan is None:
            known = self._stored.get("hashes")
            self._scan = scan(root, known if isinstance(known, dict) else None)
            if self._scan.hashes != known:
                self._stored["hashes"] = self._scan.hashes
                self._dirty = True
        return self._scan

    def outcome(self, today: date, current: Fingerprint) -> Outcome | None:
        """The last outcome, if the plan has not changed since and it is the same day."""
        if self._stored.get("today") != today or self._stored.get("fingerprint") != current:
            return None
        outcome = self._stored.get("outcome")
        return outcome if isinstance(outcome, Outcome) else None

    def remember(self, today: date, current: Fingerprint, outcome: Outcome) -> None:
        if (self._stored.get("today"), self._stored.get("fingerprint"),
                self._stored.get("outcome")) != (today, current, outcome):
            self._stored.update(today=today, fingerprint=current, outcome=outcome)
            self._dirty = True

    # --- single files ---------------------------------------------------------------------

    def _file_entries(self) -> dict[str, Entry]:
        if self._entries is None:
            self._log = _Log()
            self._entries = _read_entries(self._entries_path, self._log)
        return self._entries

    def unchanged(self, file: str) -> Entry | None:
        """The entry for the file as this run's scan saw it, without reading it again."""
        seen = self._scan.files.get(file) if self._scan is not None else None
        return None if seen is None else self._entry(file, *seen)

    def lookup(self, file: str, raw: RawFile) -> Entry | None:
        """The entry for this very content of the file, if it was read before."""
        return self._entry(file, raw.size, digest_of(raw.data))

    def _entry(self, file: str, size: int, digest: bytes) -> Entry | None:
        self._seen.add(file)
        entry = self._file_entries().get(file)
        if entry is None or entry.size != size or entry.digest != digest:
            return None
        return entry

    def store(self, file: str, raw: RawFile, model: Any | None,
              diagnostics: tuple[Diagnostic, ...], suppressions: Suppressions | None) -> None:
        self._seen.add(file)
        entry = Entry(raw.size, digest_of(raw.data), model, diagnostics, suppressions)
        self._file_entries()[file] = entry
        if self._log is not None:
            self._log.added[file] = entry

    def missing(self) -> list[str]:
        """The files of this run's scan that the cache has no entry for, in scan order."""
        entries = self._file_entries()
        files = self._scan.files if self._scan is not None else {}
        return [file for file, (size, digest) in files.items()
                if (entry := entries.get(file)) is None or (entry.size, entry.digest)
                != (size, digest)]

    def adopt(self, file: str, entry: Entry) -> bool:
        """Keep an entry made elsewhere (a worker process) if it is of the file as this
        run's scan saw it."""
        seen = self._scan.files.get(file) if self._scan is not None else None
        if seen != (entry.size, entry.digest):
            return False
        self._seen.add(file)
        self._file_entries()[file] = entry
        if self._log is not None:
            self._log.added[file] = entry
        return True

    # --- writing --------------------------------------------------------------------------

    def save(self) -> None:
        """Write the cache back, without the files that are gone; never fails the run.
        The documents file is a log: what changed is appended, and it is written whole
        only when most of it is outdated. The documents are let go (a later lookup reads
        them again), so that the models go with the plan that holds them."""
        entries, self._entries = self._entries, None
        log, self._log = self._log, None
        if entries is not None and log is not None:
            for file in set(entries) - self._seen:
                del entries[file]
                log.added[file] = None
            _LENT.clear()
            _LENT[self._entries_path] = entries
            if log.whole or log.outdated(len(entries)):
                _write_entries(self._entries_path, entries)
            elif log.added:
                _append_entries(self._entries_path, log.added)
        if self._dirty:
            self._stored["version"] = cache_version()
            _write_pickle(self._outcome_path, self._stored)
            self._dirty = False


class CopyCache(DocumentCache):
    """The documents of a plan, lent to a copy of it (an edit checked before it is
    written): every file is looked up by its content, the files of the copy that are new
    are appended for the plan's next run, and nothing else of the plan's cache changes."""

    @classmethod
    def for_plan(cls, root: Path) -> CopyCache:
        return cls(DocumentCache.for_plan(root).path)

    def scan(self, root: Path) -> Scan:
        """A fresh scan each load: the copy changes between them."""
        self._scan = scan(root)
        return self._scan

    def unchanged(self, file: str) -> Entry | None:
        return None

    def _file_entries(self) -> dict[str, Entry]:
        if self._entries is None and self._entries_path in _LENT:
            self._log = _Log(whole=False)
            self._entries = _LENT.pop(self._entries_path)
        return super()._file_entries()

    def remember(self, today: date, current: Fingerprint, outcome: Outcome) -> None:
        return

    def save(self) -> None:
        if self._log is not None and self._log.added:
            _append_entries(self._entries_path, self._log.added)
            self._log.added = {}


def _read_pickle(path: Path) -> dict[str, Any] | None:
    """A cache file of this kplan, or None when it is missing, foreign or corrupt."""
    try:
        with path.open("rb") as stream:
            stored = pickle.load(stream)  # the user's own cache folder, see the module doc
    except Exception:
        return None
    if isinstance(stored, dict) and stored.get("version") == cache_version():
        return stored
    return None


@dataclass(slots=True)
class _Log:
    """The documents file as read: how many records it has, whether it must be written
    whole (missing, foreign or damaged), and the records this run adds."""

    records: int = 0
    whole: bool = True
    added: dict[str, Entry | None] = field(default_factory=dict)
    """By file: its new entry, or None when the file is gone."""

    def outdated(self, live: int) -> bool:
        return self.records + len(self.added) > COMPACT_FACTOR * live + COMPACT_SLACK


def _read_entries(path: Path, log: _Log) -> dict[str, Entry]:
    """The documents file: a version header, then one small pickle a record, each the
    file's path with its entry, or with None once the file is gone; a later record of a
    file replaces an earlier one."""
    entries: dict[str, Entry] = {}
    try:
        with path.open("rb") as stream:
            if pickle.load(stream) != cache_version():  # the user's own cache folder
                return {}
            while True:
                start = stream.tell()
                try:
                    file, entry = pickle.load(stream)
                except EOFError:  # the end, unless a record was cut short
                    log.whole = stream.seek(0, os.SEEK_END) != start
                    return entries
                log.records += 1
                if entry is None:
                    entries.pop(file, None)
                else:
                    entries[file] = entry
    except Exception:  # missing, foreign or damaged: what was read stands, the file is redone
        return entries


def _records(entries: dict[str, Entry] | dict[str, Entry | None]) -> Iterator[bytes]:
    for item in entries.items():
        yield pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)


def _write_entries(path: Path, entries: dict[str, Entry]) -> None:
    """One pickle a record: pickling them all at once would hold a memo of every object."""

    def dump(stream: BinaryIO) -> None:
        pickle.dump(cache_version(), stream, protocol=pickle.HIGHEST_PROTOCOL)
        for record in _records(entries):
            stream.write(record)

    replace_file(path, dump)


def _append_entries(path: Path, added: dict[str, Entry | None]) -> None:
    """The records added in one write at the end, so that two runs appending at once each
    land whole; a run that replaces the file meanwhile only loses these (a cache miss)."""
    data = b"".join(_records(added))
    try:
        handle = os.open(path, os.O_WRONLY | os.O_APPEND)
    except OSError:
        return
    try:
        os.write(handle, data)
    except OSError:
        return
    finally:
        os.close(handle)


def _write_pickle(path: Path, value: dict[str, Any]) -> None:
    replace_file(path, lambda stream: pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL))


def replace_file(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Replace the file whole: a reader sees the old one or the new one, never a part."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
