"""Writing one file whole or not at all: the one writer of plan edits and of outputs.

The data goes to a hidden temporary file in the target's folder
(``.<name>.<8 characters>.tmp``), is flushed to disk and given the mode of the file it
replaces (a new file: the default of the umask), and is renamed over the target with
``os.replace``. A link at the target is replaced, never written through: the file it leads
to stays as it was. A failure at any step removes the temporary file and leaves the old
file whole. After the rename the folder is flushed too, so that the new name survives a
crash.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

__all__ = ["TEMPORARY_NAME", "default_mode", "replace_file"]

TEMPORARY_NAME = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp\Z")
"""The name of ``replace_file``'s temporary file (``.1.1.1.yaml.k2j4_x9a.tmp``): hidden, so
the loader never reads it as plan data."""


def replace_file(path: Path, data: bytes | Iterable[bytes]) -> Path:
    """Write ``data`` to ``path`` (whose folder exists) whole, in place of what is there;
    ``data`` in pieces is written as they come (a failure while they are made leaves the
    old file)."""
    mode = _kept_mode(path)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                             suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            for piece in (data,) if isinstance(data, bytes) else data:
                handle.write(piece)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(path.parent)
    return path


def default_mode() -> int:
    """The mode of a new file: ``0o666`` less the umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _kept_mode(path: Path) -> int:
    """The mode of the file at ``path``; a link's own (it is replaced), none: the default."""
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return default_mode()
    return default_mode() if stat.S_ISLNK(status.st_mode) else stat.S_IMODE(status.st_mode)


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
