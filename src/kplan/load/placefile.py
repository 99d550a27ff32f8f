"""The cache's file of places: where in each document its values are (packed, see
``kplan.yamlio.places``), kept apart from the documents so that only a diagnostic to place
reads them, and then only the records of its files.

A log of records as ``kplan.load.cachefile`` writes them, by file: ``(content hash,
places)``. What a run adds stays in memory while it is little; a cold read of a large
plan spools it to a file beside the log instead (a plan of 10,000 cards has some 25 MB
of places), which then becomes the log, with the records of the old log still alive.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import BinaryIO

from kplan.load.cachefile import (
    COMPACT_FACTOR,
    COMPACT_SLACK,
    RecordLog,
    append_records,
)

SPOOL_BYTES = 2_000_000
"""Places held in memory before they go to the spool."""
Kept = tuple[bytes, bytes]
"""A file's content hash and its places."""


class PlaceFile:
    """The file of places of one plan's cache, as one run reads and adds to it."""

    def __init__(self, path: Path, version: str) -> None:
        self.path, self.version = path, version
        self.read: dict[str, Kept] = {}
        """The records read this run."""
        self.added: dict[str, Kept | None] = {}
        self._held = 0
        self._spool: BinaryIO | None = None
        self._spool_name = path
        self._spooled: set[str] = set()
        self._spooling = True

    def add(self, file: str, kept: Kept | None) -> None:
        self.added[file] = kept
        self._held += len(kept[1]) if kept is not None else 0
        if self._held > SPOOL_BYTES and self._spooling:
            self._spooling = self._spill()

    def _spill(self) -> bool:
        """What was added, written to the spool; False where no spool can be written
        (what comes then is held in memory: a cache miss at worst, never a failure)."""
        try:
            if self._spool is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                handle, name = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-")
                self._spool, self._spool_name = os.fdopen(handle, "w+b"), Path(name)
                pickle.dump(self.version, self._spool, protocol=pickle.HIGHEST_PROTOCOL)
            for item in self.added.items():
                self._spool.write(pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            return False
        self._spooled.update(self.added)
        self.added, self._held = {}, 0
        return True

    def places(self, wanted: dict[str, bytes]) -> dict[str, bytes]:
        """The places of these files (by their content hash): of this run, or read from
        the spool and the log, of which only these files' records are kept."""
        found: dict[str, bytes] = {}
        unread: dict[str, bytes] = {}
        for file, digest in wanted.items():
            kept = self.added.get(file) or self.read.get(file)
            if kept is None and file not in self.added:
                unread[file] = digest
            elif kept is not None and kept[0] == digest:
                found[file] = kept[1]
        for source in self._sources(unread):
            read = RecordLog(source, self.version).read(wanted=unread)
            self.read.update(read)
            found.update({file: kept[1] for file, kept in read.items()
                          if kept[0] == unread.pop(file)})
        return found

    def _sources(self, unread: dict[str, bytes]) -> list[Path]:
        if self._spool is not None and self._spooled & unread.keys():
            self._spool.flush()
            return [self._spool_name, self.path]
        return [self.path] if unread else []

    def save(self, live: dict[str, bytes], records: int | None) -> int | None:
        """Written for the files of ``live`` (by their content hash); ``records`` is how
        many the log has (as the last save counted), and what it has now is returned."""
        if self._spool is not None:
            return self._save_spool(live)
        added, self.added = self.added, {}
        if not added:
            return records
        log = RecordLog(self.path, self.version)
        if records is not None and log.current() and \
                records + len(added) <= COMPACT_FACTOR * len(live) + COMPACT_SLACK:
            append_records(self.path, added)
            return records + len(added)
        kept = {file: value for file, value in {**log.read(), **added}.items()
                if value is not None and live.get(file) == value[0]}
        log.whole = True
        log.save(kept)
        return len(kept)

    def _save_spool(self, live: dict[str, bytes]) -> int | None:
        """The spool becomes the log, with the old log's records still alive."""
        assert self._spool is not None
        older = {file: digest for file, digest in live.items()
                 if file not in self._spooled and file not in self.added}
        kept = {file: value for file, value in RecordLog(self.path, self.version)
                .read(wanted=older).items() if older[file] == value[0]}
        self.added.update(kept)
        try:
            with self._spool:
                if not self._spill():
                    raise OSError
            os.replace(self._spool_name, self.path)
        except OSError:
            self._spool_name.unlink(missing_ok=True)
            return None
        finally:
            self._spool = None
        return len(self._spooled)

    def append(self) -> None:
        """What this run added, appended (a copy of the plan: never written whole)."""
        if self._spool is not None:
            self._spool.close()
            self._spool = None
            self._spool_name.unlink(missing_ok=True)
        elif self.added and RecordLog(self.path, self.version).current():
            append_records(self.path, self.added)
        self.added = {}

