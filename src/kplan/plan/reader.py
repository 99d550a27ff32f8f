"""The one read of a plan file's bytes: a regular file of at most ``MAX_FILE_BYTES``, never
a FIFO, a device or a socket (its status is looked at first, and it is opened with
``O_NONBLOCK`` in case it changed meanwhile); what cannot be read is a diagnostic (KP104,
KP113), never a traceback."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from kplan.diagnostics import Diagnostic
from kplan.diagnostics.codes import diag
from kplan.limits import MAX_FILE_BYTES

NOT_REGULAR = {"cs": "není to obyčejný soubor (je to roura, zařízení nebo socket)",
               "en": "it is not a regular file (it is a pipe, a device or a socket)"}
_OPEN_FLAGS = (os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_CLOEXEC", 0))


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
