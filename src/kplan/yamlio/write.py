"""Writing plan files: atomically, one kplan at a time, never over someone else's change."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from kplan.atomic import TEMPORARY_NAME, replace_file

__all__ = ["atomic_write", "content_hash", "plan_lock", "remove_leftovers"]

LEFTOVER_AGE_S = 60.0
"""A temporary file older than this is a leftover of an interrupted write, not one in
progress: a write takes milliseconds."""


def content_hash(data: bytes | None) -> str:
    """A file's content hash; ``-`` for a file that does not exist."""
    return "-" if data is None else hashlib.sha256(data).hexdigest()


@contextlib.contextmanager
def plan_lock(root: Path) -> Iterator[None]:
    """Hold the plan's lock: kplan edits one at a time, and leaves nothing in the plan.

    The lock is ``flock`` on the plan folder itself, so no file is made for it; where the
    system cannot lock a folder, on a file in kplan's cache folder named after the plan's
    real path. ``flock`` is released by the system when the process ends, so a killed
    kplan never leaves the plan locked.
    """
    with contextlib.ExitStack() as held:
        folder = _locked_folder(root)
        if folder is None:
            held.enter_context(_cache_lock(root))
        else:
            held.callback(os.close, folder)  # closing the descriptor releases its flock
        yield


def _locked_folder(root: Path) -> int | None:
    """A descriptor of the plan folder holding its ``flock``; None where that fails."""
    try:
        descriptor = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
    except OSError:
        os.close(descriptor)
        return None
    return descriptor


@contextlib.contextmanager
def _cache_lock(root: Path) -> Iterator[None]:
    from kplan.resources import cache_folder

    name = hashlib.sha256(os.fsencode(os.path.realpath(root))).hexdigest()[:32]
    folder = cache_folder() / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"{name}.lock", "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        yield


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (``kplan.atomic``), then clear the
    folder of what interrupted writes left."""
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_file(path, data)
    remove_leftovers(path.parent)


def remove_leftovers(folder: Path, older_than: float = LEFTOVER_AGE_S) -> list[str]:
    """Delete temporary files that interrupted writes left in ``folder``; their names."""
    removed = []
    now = time.time()
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            with contextlib.suppress(OSError):
                if TEMPORARY_NAME.match(entry.name) and entry.is_file(follow_symlinks=False) \
                        and now - entry.stat(follow_symlinks=False).st_mtime > older_than:
                    os.unlink(entry.path)
                    removed.append(entry.name)
    return removed
