"""Meeting views remembered: what ``status``, ``overdue``, ``upcoming``, ``show`` and
``list`` answered, reused while the plan and the day stay the same.

A working group runs the same view several times in a meeting; on a large plan, loading
the models and building the view cost most of a second, telling whether anything changed
costs milliseconds (the document cache's scan). A view is kept per question: the command,
its options, the language asked for and the day. It stands only while the plan's
fingerprint and today's date are the ones it was made with, and only for this kplan.

For the terminal a view is kept twice: as a document (``kplan.output.blocks`` blocks), to be drawn
for any terminal, and as the text drawn for the terminal it was shown on (its width,
colours and encoding are part of that question). Markdown and JSON are kept as the
finished text. At most ``MAX_VIEWS`` views a plan are kept, each in a file of its own that
is replaced whole, so two runs never see half of one.

``ViewSession`` holds the policy for one view asked for: which cache it reads, what it
recalls, what it keeps. A view drawn in parts (``kplan.output.warmview``) keeps the
text of each part for the terminal it was drawn on (``Parts``): after one card changed,
only the parts that show it are drawn again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import struct
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from kplan.load.cache import cache_version
from kplan.load.cachefile import replace_file
from kplan.load.session import plan_cache

if TYPE_CHECKING:
    from collections.abc import Callable

    from kplan.load.cache import DocumentCache
    from kplan.output.blocks import Block

MAX_VIEWS = 16


@dataclass(frozen=True, slots=True)
class Shown:
    """One answer of a meeting view, as the command gives it out."""

    payload: tuple[Block, ...] | str
    """The blocks for any terminal, or the finished text: drawn, Markdown or JSON."""
    notice: str | None
    """Said on stderr with the view: the plan has errors, only what loaded is shown."""
    exit_code: int = 0


class ViewMemo:
    """The remembered views of one plan, valid for one state of it and one day."""

    def __init__(self, folder: Path, state: bytes) -> None:
        self.folder = folder
        self.state = state

    @classmethod
    def for_plan(cls, cache: DocumentCache, root: Path, today: date) -> ViewMemo:
        fingerprint = cache.scan(root).fingerprint
        state = hashlib.blake2b(pickle.dumps((cache_version(), today.toordinal(), fingerprint),
                                             protocol=pickle.HIGHEST_PROTOCOL),
                                digest_size=16).digest()
        return cls(cache.path.with_name(cache.path.name + ".views"), state)

    def _path(self, key: tuple[object, ...]) -> Path:
        return self.folder / (hashlib.blake2b(repr(key).encode(), digest_size=12).hexdigest()
                              + ".pickle")

    def get(self, key: tuple[object, ...]) -> Shown | None:
        """The view remembered for this question, if the plan and the day are the same."""
        try:
            with self._path(key).open("rb") as stream:
                if pickle.load(stream) != (self.state, key):  # the user's own cache folder
                    return None
                shown = pickle.load(stream)
                drawn = stream.read().decode("utf-8")
        except Exception:  # missing, foreign or corrupt: the view is simply made again
            return None
        if not isinstance(shown, Shown):
            return None
        return replace(shown, payload=drawn) if drawn else shown

    def put(self, key: tuple[object, ...], shown: Shown) -> None:
        """Keep the view; never fails the run."""

        def dump(stream: BinaryIO) -> None:
            pickle.dump((self.state, key), stream, protocol=pickle.HIGHEST_PROTOCOL)
            pickler = pickle.Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL)
            pickler.fast = True  # no memo of every object: a view is a tree, never a cycle
            pickler.dump(shown)

        replace_file(self._path(key), dump)
        self._prune()

    def passing(self, key: tuple[object, ...], shown: Shown,
                drawn: Iterable[str]) -> Iterator[str]:
        """The drawn text of a view, passed on piece by piece and kept as it goes: the text
        of a large plan is never held whole. Kept only when all of it went through."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
        except OSError:
            yield from drawn
            return
        stream: BinaryIO | None = os.fdopen(handle, "wb")
        try:
            header = (pickle.dumps((self.state, key), protocol=pickle.HIGHEST_PROTOCOL)
                      + pickle.dumps(replace(shown, payload=""),
                                     protocol=pickle.HIGHEST_PROTOCOL))
            stream = _write(stream, header)
            for piece in drawn:
                stream = _write(stream, piece.encode("utf-8"))
                yield piece
            if stream is not None:
                stream.close()
                os.replace(temporary, self._path(key))
                self._prune()
        finally:
            if stream is not None:
                stream.close()
            Path(temporary).unlink(missing_ok=True)

    def _prune(self) -> None:
        try:
            views = [e for e in os.scandir(self.folder) if not e.name.startswith(".")]
            kept = sorted(views, key=lambda e: e.stat().st_mtime_ns, reverse=True)
            for entry in kept[MAX_VIEWS:]:
                os.unlink(entry.path)
        except OSError:
            return


def _write(stream: BinaryIO | None, data: bytes) -> BinaryIO | None:
    """Keep writing while the disk lets us; a full disk only stops the keeping."""
    if stream is None:
        return None
    try:
        stream.write(data)
    except OSError:
        stream.close()
        return None
    return stream


class ViewSession:
    """One meeting view asked for: the plan's cache (unless ``use_cache`` is off), and the
    view remembered for the question, as drawn for ``shape`` (a terminal's) or as a
    document."""

    def __init__(self, root: Path, use_cache: bool, today: date, key: tuple[object, ...],
                 shape: object | None) -> None:
        self.today = today
        self.cache = plan_cache(root, use_cache)
        self.memo = ViewMemo.for_plan(self.cache, root, today) if self.cache else None
        self.key = key
        self.drawn_key = (*key, shape) if shape is not None else None

    def recalled(self) -> Shown | None:
        if self.memo is None:
            return None
        drawn = self.memo.get(self.drawn_key) if self.drawn_key is not None else None
        return drawn or self.memo.get(self.key)

    def kept(self, shown: Shown) -> Shown:
        if self.memo is not None:
            self.memo.put(self.key, shown)
        return shown

    def passing(self, shown: Shown, drawn: Iterable[str]) -> Iterable[str]:
        """The drawn text, kept as it goes for this very terminal (a document that is
        not drawn, for any)."""
        key = self.drawn_key if self.drawn_key is not None else self.key
        if self.memo is None:
            return drawn
        return self.memo.passing(key, shown, drawn)

    def parts(self) -> Parts | None:
        """The remembered parts of this view as drawn for this terminal."""
        if self.memo is None or self.drawn_key is None:
            return None
        return Parts(self.memo.folder / (self.memo._path(self.drawn_key).stem + ".parts"))

    def close(self) -> None:
        if self.cache is not None:
            self.cache.save()  # what the scan learnt, and what the view made of cards


class Parts:
    """The drawn text of the parts of one view on one terminal, by what each part shows.

    The file is the parts' texts one after another, then their index; the texts are read
    from it when asked for and written to the next one as they are used, so that a run
    never holds them all (on 10,000 cards, 30 MB). What a run did not use is dropped
    when it is saved."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.known: dict[bytes, tuple[int, int]] = {}
        self.used: dict[bytes, tuple[int, int]] = {}
        self._drawn = False
        self._old: int | None = None
        self._new: tuple[int, str] | None = None
        self._end = _HEADER.size
        try:
            self._old = os.open(path, os.O_RDONLY)
            self.known = _index(self._old)
        except Exception:  # missing, foreign or corrupt: every part is drawn again
            self.known = {}

    def text(self, key: object, draw: Callable[[], str]) -> str:
        """The part's text: remembered for ``key`` (all that the part shows depends on),
        or drawn now."""
        name = hashlib.blake2b(pickle.dumps(key, protocol=pickle.HIGHEST_PROTOCOL),
                               digest_size=16).digest()
        text = self._recalled(name)
        if text is None:
            text = draw()
            self._drawn = True
        if name not in self.used:
            self._keep(name, text.encode("utf-8"))
        return text

    def _recalled(self, name: bytes) -> str | None:
        """The text kept for ``name`` by this run or the one before, if it reads back."""
        place, handle = self.used.get(name), self._new[0] if self._new else None
        if place is None:
            place, handle = self.known.get(name), self._old
        data = _read(handle, place) if place is not None else None
        try:
            return data.decode("utf-8") if data is not None else None
        except UnicodeDecodeError:
            return None

    def _keep(self, name: bytes, data: bytes) -> None:
        try:
            if self._new is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._new = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-")
            os.pwrite(self._new[0], data, self._end)
        except OSError:  # a full disk only stops the keeping
            return
        self.used[name] = (self._end, len(data))
        self._end += len(data)

    def save(self) -> None:
        """Write the parts used, unless they are the ones remembered."""
        if self._new is None or (not self._drawn and self.used.keys() == self.known.keys()):
            return
        handle, temporary = self._new
        index = pickle.dumps((cache_version(), self.used), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            os.pwrite(handle, index, self._end)
            os.pwrite(handle, _HEADER.pack(self._end), 0)
            os.close(handle)
            self._new = None
            os.replace(temporary, self.path)
        except OSError:
            Path(temporary).unlink(missing_ok=True)

    def close(self) -> None:
        """Let go of the files; a next file not saved is removed."""
        if self._old is not None:
            os.close(self._old)
            self._old = None
        if self._new is not None:
            os.close(self._new[0])
            Path(self._new[1]).unlink(missing_ok=True)
            self._new = None


_HEADER = struct.Struct(">Q")
"""Where in a parts file its index starts."""


def _index(handle: int) -> dict[bytes, tuple[int, int]]:
    start, = _HEADER.unpack(os.pread(handle, _HEADER.size, 0))
    version, index = pickle.loads(os.pread(handle, os.fstat(handle).st_size - start, start))
    if version != cache_version() or not isinstance(index, dict):  # the user's own cache
        return {}
    return index


def _read(handle: int | None, place: tuple[int, int]) -> bytes | None:
    """The bytes at ``place`` (offset, length), or None when they cannot be read."""
    if handle is None:
        return None
    offset, length = place
    try:
        data = os.pread(handle, length, offset)
    except OSError:
        return None
    return data if len(data) == length else None
