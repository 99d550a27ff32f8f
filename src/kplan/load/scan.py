"""The scan of a plan: every entry the loader will look at, with its content hash.

A file's content hash is remembered with its status as git's index does it: size,
modification and change time, inode and device. While all five stay the same the file is
not read again. A modification time can be set back by anyone, but the change time
cannot: any write moves it. A file changed less than ``RACY_SECONDS`` before it was looked
at is not trusted this way, since a second write within the same clock tick would leave
its times alone; it is hashed again next time.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path

from kplan.limits import MAX_FILE_BYTES
from kplan.plan.files import PlanDocument, read
from kplan.plan.walker import Tree, walk

RACY_SECONDS = 2
KEPT_BYTES = 8 * 1024 * 1024
"""The scan hands the loader at most this much of what it read; the rest is read again.
Holding all of a 10,000-card plan's files at once would cost 40 MB at the peak."""
Fingerprint = tuple[tuple[str, int, bytes, str], ...]
StatKey = tuple[int, int, int, int, int]
"""A file's size, modification and change time (ns), inode and device."""
Hashes = dict[str, tuple[StatKey, bytes]]
"""Content hashes of files by their path in the plan, with the status they were read at."""


def digest_of(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


@functools.lru_cache(maxsize=2)
def fingerprint_digest(found: Fingerprint) -> bytes:
    """The fingerprint in 16 bytes, made once a run: what the cache keeps of it (the
    whole fingerprint of 10,000 cards is 0.8 MB read and written at every change)."""
    return digest_of(pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL))


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


def scan(root: Path, known: Hashes | None = None, tree: Tree | None = None) -> Scan:
    """The loader's walk of the plan (``planfiles.walk``, which stops after the file limit,
    or ``tree`` when it was walked already), with every document's content hash. A
    document whose status is the one in ``known`` is not read: its remembered hash stands."""
    tree = tree if tree is not None else walk(root)
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


def overlaid(seen: Scan, changed: dict[str, bytes]) -> Scan:
    """The scan as it would be with these documents' bytes (an edit checked before it is
    written): the other files as scanned, none of the changed ones remembered by status."""
    files = dict(seen.files)
    for rel, data in changed.items():
        files[rel] = (len(data), digest_of(data))
    found = tuple((rel, *files[rel], link) if rel in changed else (rel, size, digest, link)
                  for rel, size, digest, link in seen.fingerprint)
    hashes = {rel: kept for rel, kept in seen.hashes.items() if rel not in changed}
    return Scan(found, dict(changed), files, hashes, seen.tree)
