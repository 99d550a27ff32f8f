"""A cold read of a large plan on two cores: a worker process validates the last of the
files that are not in the cache (``SHARE`` of them) while the loader works through the
rest, and makes what the loader would make of them (``work``: a chunk of files at a time).

The loader stays the one reader: it walks the plan as always and takes a worker's entry
for a file only when the file's size and content hash are still the ones its scan saw;
anything else (a file changed meanwhile, a worker that failed) is read and validated as
without the pool. Only where ``fork`` exists (Linux): the worker starts with kplan
already imported.
"""

from __future__ import annotations

import gc
import os
import pickle
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

Made = TypeVar("Made")
Work = Callable[[Sequence[str]], dict[str, Made]]
"""What the worker makes of a chunk of files, by file; a file it could not read is left out."""

MIN_FILES = 400
"""Fewer files than this are read faster than a process starts and sends them back."""
CHUNK = 200
"""Files a message: the parent holds one message's bytes at a time."""
SHARE = 0.5
"""The worker's part of the files it is given (cards). The loader reads the other files
meanwhile (it reads the cards last) and has the checks across cards and the cache's
writing still to do; a card costs the worker more than it saves the loader (it reads the
card again and sends it), so that on 10,000 cards the loader's CPU time stays the larger."""


def cores() -> int:
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else os.cpu_count() or 1


class Prepared(Generic[Made]):
    """What the worker made, received as the loader reaches its files."""

    def __init__(self, connection: Connection, files: Sequence[str],
                 process: BaseProcess) -> None:
        self.connection: Connection | None = connection
        self.pending = set(files)
        self.ready: dict[str, Made] = {}
        self.process = process

    def take(self, file: str) -> Made | None:
        if file not in self.pending:
            self._drain()
            return None
        self.pending.discard(file)
        while file not in self.ready and self.connection is not None:
            self._receive()
        return self.ready.pop(file, None)

    def _drain(self) -> None:
        """Take what the worker has sent so far while the loader reads its own half: a
        message is larger than the pipe, and the worker would wait until it is read."""
        while self.connection is not None and self.connection.poll():
            self._receive()

    def _receive(self) -> None:
        assert self.connection is not None
        try:
            chunk = pickle.loads(self.connection.recv_bytes())  # our own forked process
        except (EOFError, OSError, pickle.UnpicklingError):
            self.close()
            return
        if not chunk:
            self.close()
        self.ready.update(chunk)

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()


def prepare(files: Sequence[str], work: Work[Made]) -> Prepared[Made] | None:
    """A worker making what ``work`` makes of the last ``SHARE`` of ``files``; None where
    it would not gain (multiprocessing is imported only when it may)."""
    if len(files) < MIN_FILES or cores() < 2:
        return None
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    theirs = list(files[len(files) - round(len(files) * SHARE):])
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    for stream in (sys.stdout, sys.stderr):  # a forked copy of a buffer would print twice
        stream.flush()
    process = context.Process(target=_serve, args=(send, theirs, work), daemon=True)
    try:
        process.start()
    except OSError:
        receive.close()
        send.close()
        return None
    send.close()
    return Prepared(receive, theirs, process)


def _serve(send: Connection, files: Sequence[str], work: Work[Made]) -> None:
    """In the worker: what it made sent a chunk at a time, then an empty chunk. A failure
    only ends the sending; the loader then reads the rest itself."""
    gc.disable()  # a worker forked before the loader's bulk load makes objects and frees few
    try:
        for start in range(0, len(files), CHUNK):
            made = work(files[start:start + CHUNK])
            if made:
                send.send_bytes(pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL))
        send.send_bytes(pickle.dumps({}, protocol=pickle.HIGHEST_PROTOCOL))
    except BaseException:  # never a traceback from the worker
        return
    finally:
        send.close()
