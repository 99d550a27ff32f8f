"""A cache of validated documents, so that reading an unchanged plan costs almost nothing.

One file per plan, in the user's cache folder (``KPLAN_CACHE_DIR``, else
``$XDG_CACHE_HOME/kplan``, else ``~/.cache/kplan``), never inside the plan: the cache is
a pickle, and a pickle that came with a pull request could run code.

Per file, what reading and validating it gave, keyed by the file's path, size and content
hash (``kplan.load.scan`` finds them without reading a file whose status is unchanged);
apart, the file's places (``kplan.load.placefile``) and what later stages made of it (a
card's view rows, the checks of one card) with the key it was made for, such as the day
and plan.yaml. And for the whole plan, the outcome of the last validation with a digest
of the fingerprint of every entry it read and the day it ran: when nothing changed,
``kplan validate`` answers from it without loading a model.

A document's model is kept in its entry as a pickle of its own, unpickled only when it is
asked for: a view of a plan where one card changed reads the other cards' small
stand-ins (``skeleton``, see ``kplan.checks.inputs``) and their remembered rows instead.

A cache that is unreadable, corrupt or written by another version of kplan is silently
dropped and rebuilt; two runs that write it at once each replace it whole, so a reader
never sees half of one. This module imports nothing of pydantic: the fast answer must
not pay for it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import sys
from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kplan.diagnostics import Diagnostic
from kplan.diagnostics.suppress import Suppressions
from kplan.load.cachefile import RecordLog, append_records, read_pickle, write_pickle
from kplan.load.entry import Entry
from kplan.load.placefile import PlaceFile
from kplan.load.scan import Fingerprint, Scan, digest_of, fingerprint_digest, overlaid, scan
from kplan.resources import cache_folder

if TYPE_CHECKING:
    from kplan.plan.reader import RawFile
    from kplan.plan.walker import Tree

CACHE_FORMAT = 11
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


@functools.cache
def cache_version() -> str:
    """What cached objects depend on: kplan's own code, pydantic, Babel, ruamel.yaml (the
    style ``kplan fmt`` remembers files in) and Python."""
    from kplan import __version__

    code = hashlib.blake2b(digest_size=8)
    modules = sorted(Path(__file__).parents[1].rglob("*.py"))
    for library in ("pydantic", "babel", "ruamel.yaml"):
        spec = importlib.util.find_spec(library)
        if spec is not None and spec.origin:
            modules.append(Path(spec.origin))
    for module in modules:
        status = module.stat()
        code.update(f"{module}:{status.st_size}:{status.st_mtime_ns};".encode())
    return f"{CACHE_FORMAT}/{__version__}/{code.hexdigest()}/{sys.version_info[:2]}"


class DocumentCache:
    """The cache of one plan: read once, written back at the end of a run that changed it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stored: dict[str, Any] = {}
        self._entries: dict[str, Entry] | None = None
        self._dirty = False
        """The outcome file needs writing."""
        self._log: RecordLog | None = None
        """What the documents file holds, and what this run adds to it."""
        self._derived: dict[str, dict[str, tuple[bytes, Hashable, Any]]] = {}
        """By kind, then by file: what was made of the file (with its content hash) for
        which key; a log a kind, so that a run reads only the kinds it asks for."""
        self._derived_logs: dict[str, RecordLog] = {}
        self._seen: set[str] = set()
        self._scan: Scan | None = None
        self.loaded: Any = None
        """This run's last warm load with the scan it read (``kplan.load.warm``), for an
        edit's check to lay its change over."""
        self.worker: Any = None
        """A worker process started before this run's scan (``kplan.load.worker.early``),
        for the loader to take."""
        self._places: PlaceFile | None = None

    @classmethod
    def for_plan(cls, root: Path) -> DocumentCache:
        key = hashlib.blake2b(str(root.resolve()).encode(), digest_size=12).hexdigest()
        cache = cls(cache_folder() / f"plan-{key}")
        cache._stored = read_pickle(cache._outcome_path, cache_version()) or {}
        return cache

    @property
    def _outcome_path(self) -> Path:
        return self.path.with_name(self.path.name + ".outcome.pickle")

    @property
    def _entries_path(self) -> Path:
        """The documents live apart from the outcome: a quick answer reads only the latter."""
        return self.path.with_name(self.path.name + ".documents.pickle")

    def _derived_path(self, kind: str) -> Path:
        return self.path.with_name(f"{self.path.name}.{kind}.pickle")

    # --- the whole plan -----------------------------------------------------------------

    def knows_files(self) -> bool:
        """Some file's content hash is remembered: the run is not a cold read."""
        return bool(self._stored.get("hashes"))

    def scan(self, root: Path, tree: Tree | None = None) -> Scan:
        """The plan as it is now, scanned once a run (of ``tree`` when the plan was walked
        already): a file whose status is the one it had at the last run is not read again."""
        if self._scan is None:
            known = self._stored.get("hashes")
            self._scan = scan(root, known if isinstance(known, dict) else None, tree)
            if self._scan.hashes != known:
                self._stored["hashes"] = self._scan.hashes
                self._dirty = True
        return self._scan

    def overlay(self, root: Path, changed: dict[str, bytes]) -> None:
        """From now on, this run's scan is of the plan with these documents' bytes (an
        edit checked in place before it is written): what is made of them is kept for
        their new content, what the plan's scan remembered stays as it was."""
        self._scan = overlaid(self.scan(root), changed)

    def outcome(self, today: date, current: Fingerprint) -> Outcome | None:
        """The last outcome, if the plan has not changed since and it is the same day."""
        if self._stored.get("today") != today or \
                self._stored.get("fingerprint") != fingerprint_digest(current):
            return None
        outcome = self._stored.get("outcome")
        return outcome if isinstance(outcome, Outcome) else None

    def remember(self, today: date, current: Fingerprint, outcome: Outcome) -> None:
        digest = fingerprint_digest(current)
        if (self._stored.get("today"), self._stored.get("fingerprint"),
                self._stored.get("outcome")) != (today, digest, outcome):
            self._stored.update(today=today, fingerprint=digest, outcome=outcome)
            self._dirty = True

    # --- single files ---------------------------------------------------------------------

    def _file_entries(self) -> dict[str, Entry]:
        if self._entries is None:
            self._log = RecordLog(self._entries_path, cache_version())
            self._entries = self._log.read()
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
              diagnostics: tuple[Diagnostic, ...], suppressions: Suppressions | None,
              skeleton: Any | None = None, places: bytes | None = None) -> Entry:
        """The entry kept: the loader holds this very one, so that letting go of its
        model (``Entry.pack``) lets go of the only one."""
        self._seen.add(file)
        entry = Entry(raw.size, digest_of(raw.data), model, diagnostics, suppressions,
                      skeleton, places)
        self._keep_places(file, entry)
        self._file_entries()[file] = entry
        if self._log is not None:
            self._log.add(file, entry)
        return entry

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
        self._keep_places(file, entry)
        self._file_entries()[file] = entry
        if self._log is not None:
            self._log.add(file, entry)
        return True

    def _keep_places(self, file: str, entry: Entry) -> None:
        """The entry's places go to the file of places; the loader asks ``places``."""
        if entry.places is not None:
            self._place_file().add(file, (entry.digest, entry.places))
            entry.places = None

    def _place_file(self) -> PlaceFile:
        """Apart from the documents: only a diagnostic to place reads it."""
        if self._places is None:
            self._places = PlaceFile(self.path.with_name(f"{self.path.name}.places.pickle"),
                                     cache_version())
        return self._places

    def places(self, wanted: dict[str, bytes]) -> dict[str, bytes]:
        return self._place_file().places(wanted)  # of these files, by their content hash

    # --- what later stages made of single files -------------------------------------------

    def _derived_values(self, kind: str) -> dict[str, tuple[bytes, Hashable, Any]]:
        values = self._derived.get(kind)
        if values is None:
            log = self._derived_logs[kind] = RecordLog(self._derived_path(kind), cache_version())
            values = self._derived[kind] = log.read()
        return values

    def digest(self, file: str) -> bytes | None:
        """The file's content hash as this run's scan saw it."""
        seen = self._scan.files.get(file) if self._scan is not None else None
        return seen[1] if seen is not None else None

    def derived(self, kind: str, file: str, key: Hashable) -> Any | None:
        """What was made of the file (as this run's scan saw it) for ``key``, or None."""
        seen = self._scan.files.get(file) if self._scan is not None else None
        found = self._derived_values(kind).get(file)
        if seen is None or found is None or found[0] != seen[1] or found[1] != key:
            return None
        return found[2]

    def keep(self, kind: str, file: str, key: Hashable, value: Any) -> None:
        """Remember what was made of the file as this run's scan saw it, for ``key``."""
        seen = self._scan.files.get(file) if self._scan is not None else None
        if seen is None:
            return
        kept = self._derived_values(kind)[file] = (seen[1], key, value)
        self._derived_logs[kind].add(file, kept)

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
                log.add(file, None)
                self._place_file().add(file, None)
            log.save(entries)
            _LENT.clear()
            _LENT[self._entries_path] = entries
            self._save_places(entries)
        self._save_derived()
        if self._dirty:
            self._stored["version"] = cache_version()
            write_pickle(self._outcome_path, self._stored)
            self._dirty = False

    def _save_places(self, entries: dict[str, Entry]) -> None:
        """With the count of its records in the outcome file (it is read only in part)."""
        places, self._places = self._places, None
        if places is None:
            return
        records = self._stored.get("places")
        now = places.save({file: entry.digest for file, entry in entries.items()},
                          records if isinstance(records, int) else None)
        if now != records:
            self._stored["places"] = now
            self._dirty = True

    def _save_derived(self) -> None:
        """Without what was made of files that are gone from the plan; the one log of
        every kind that kplan kept before is removed."""
        derived, self._derived = self._derived, {}
        logs, self._derived_logs = self._derived_logs, {}
        if self._scan is None:
            return
        if derived:
            with contextlib.suppress(OSError):  # a cache folder that cannot be written
                self.path.with_name(self.path.name + ".derived.pickle").unlink(missing_ok=True)
        for kind, values in derived.items():
            log = logs[kind]
            for file in [file for file in values if file not in self._scan.files]:
                del values[file]
                log.add(file, None)
            if log.added or log.whole:
                log.save(values)


class CopyCache(DocumentCache):
    """The documents of a plan, lent to a copy of it (an edit checked before it is
    written): every file is looked up by its content, the files of the copy that are new
    (and what was made of them) are appended for the plan's next run, and nothing else of
    the plan's cache changes."""

    @classmethod
    def for_plan(cls, root: Path) -> CopyCache:
        return cls(DocumentCache.for_plan(root).path)

    def scan(self, root: Path, tree: Tree | None = None) -> Scan:
        """A fresh scan each load: the copy changes between them."""
        self._scan = scan(root, None, tree)
        return self._scan

    def unchanged(self, file: str) -> Entry | None:
        return None

    def _file_entries(self) -> dict[str, Entry]:
        if self._entries is None and self._entries_path in _LENT:
            self._log = RecordLog(self._entries_path, cache_version(), whole=False)
            self._entries = _LENT.pop(self._entries_path)
        return super()._file_entries()

    def remember(self, today: date, current: Fingerprint, outcome: Outcome) -> None:
        return

    def save(self) -> None:
        for log in (self._log, *self._derived_logs.values()):
            if log is not None and log.added:
                append_records(log.path, log.added)
                log.added = {}
        if self._places is not None:
            self._places.append()
            self._places = None
