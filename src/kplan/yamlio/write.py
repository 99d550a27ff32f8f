"""Writing plan files: atomically, one kplan at a time, never over someone else's change."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

LOCK_FILE = ".kplan.lock"

__all__ = ["LOCK_FILE", "atomic_write", "content_hash", "plan_lock"]


def content_hash(data: bytes | None) -> str:
    """A file's content hash; ``-`` for a file that does not exist."""
    return "-" if data is None else hashlib.sha256(data).hexdigest()


@contextlib.contextmanager
def plan_lock(root: Path) -> Iterator[None]:
    """Hold the plan's lock (``.kplan.lock`` in the plan folder): kplan edits one at a time.

    ``flock`` is released by the system when the process ends, so a killed kplan never
    leaves the plan locked.
    """
    with open(root / LOCK_FILE, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all: a temporary file in the same folder,
    flushed to disk, then renamed over the file; the file's mode is kept."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode: int | None = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                             suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
