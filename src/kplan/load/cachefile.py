"""The cache's files on disk: whole pickles replaced at once, and append-only logs.

A log is a version header, then one small pickle a record: a key with its value, or with
None once the key is gone; a later record of a key replaces an earlier one. What a run
adds is appended in one write at the end, and the log is written whole only when most of
it is outdated. Anything unreadable, foreign or damaged is dropped and rebuilt: a cache
miss, never a failure.
"""

from __future__ import annotations

import gc
import os
import pickle
import tempfile
from collections.abc import Callable, Container, Hashable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

COMPACT_FACTOR, COMPACT_SLACK = 2, 64
"""A log is written whole once it holds more than this many records a live entry, and
this many more."""


@dataclass(slots=True)
class RecordLog:
    """One log file as read: how many records it has, whether it must be written whole
    (missing, foreign or damaged), and the records this run adds."""

    path: Path
    version: str
    records: int = 0
    whole: bool = True
    added: dict[Hashable, Any] = field(default_factory=dict)
    """By key: its new value, or None when the key is gone."""

    def read(self, wanted: Container[Hashable] | None = None) -> dict[Any, Any]:
        """The log's live values (of the ``wanted`` keys only); a record cut short ends
        the reading."""
        values: dict[Any, Any] = {}
        collecting = gc.isenabled()
        gc.disable()  # thousands of records made and none freed: a collection is waste
        try:
            with self.path.open("rb") as stream:
                if pickle.load(stream) != self.version:  # the user's own cache folder
                    return {}
                self._read_records(stream, values, wanted)
        except Exception:  # missing, foreign or damaged: what was read stands, the file is redone
            return values
        finally:
            if collecting:
                gc.enable()
        return values

    def current(self) -> bool:
        """The file is a log of this kplan (its records are not read)."""
        try:
            with self.path.open("rb") as stream:
                return bool(pickle.load(stream) == self.version)  # the user's own cache folder
        except Exception:
            return False

    def _read_records(self, stream: BinaryIO, values: dict[Any, Any],
                      wanted: Container[Hashable] | None) -> None:
        while True:
            start = stream.tell()
            try:
                key, value = pickle.load(stream)
            except EOFError:  # the end, unless a record was cut short
                self.whole = stream.seek(0, os.SEEK_END) != start
                return
            self.records += 1
            if wanted is not None and key not in wanted:
                continue
            if value is None:
                values.pop(key, None)
            else:
                values[key] = value

    def add(self, key: Hashable, value: Any) -> None:
        self.added[key] = value

    def save(self, values: dict[Any, Any]) -> None:
        """Append what was added, or write the live ``values`` whole when that is due."""
        if self.whole or self.records + len(self.added) > COMPACT_FACTOR * len(values) \
                + COMPACT_SLACK:
            self._write(values)
        elif self.added:
            append_records(self.path, self.added)
        self.added = {}

    def _write(self, values: dict[Any, Any]) -> None:
        """One pickle a record: pickling them all at once would hold a memo of every object."""

        def dump(stream: BinaryIO) -> None:
            pickle.dump(self.version, stream, protocol=pickle.HIGHEST_PROTOCOL)
            for record in _records(values):
                stream.write(record)

        replace_file(self.path, dump)


def _records(values: dict[Any, Any]) -> Iterator[bytes]:
    for item in values.items():
        yield pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)


def append_records(path: Path, added: dict[Any, Any]) -> None:
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


def read_pickle(path: Path, version: str) -> dict[str, Any] | None:
    """A cache file of this kplan, or None when it is missing, foreign or corrupt."""
    try:
        with path.open("rb") as stream:
            stored = pickle.load(stream)  # the user's own cache folder
    except Exception:
        return None
    if isinstance(stored, dict) and stored.get("version") == version:
        return stored
    return None


def write_pickle(path: Path, value: dict[str, Any]) -> None:
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
