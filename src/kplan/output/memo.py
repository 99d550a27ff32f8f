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
text of each part for the terminal it was drawn on and the order of its pieces, in one
file (``Parts``): asked again it is read from there, and after one card changed only the
parts that show it are drawn again and added to the file.
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
from kplan.load.scan import fingerprint_digest
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
        fingerprint = fingerprint_digest(cache.scan(root).fingerprint)
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
        self._parts: Parts | None = None

    def recalled(self) -> tuple[Shown, Iterator[str] | None] | None:
        """The view remembered: kept whole, or drawn in parts and given a piece at a time
        (with what it says besides)."""
        if self.memo is None:
            return None
        parts = self.parts()
        in_parts = parts.recalled() if parts is not None else None
        if in_parts is not None:
            return in_parts
        drawn = self.memo.get(self.drawn_key) if self.drawn_key is not None else None
        kept = drawn or self.memo.get(self.key)
        return (kept, None) if kept is not None else None

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
        """The remembered parts of this view as drawn for this terminal (read once)."""
        if self.memo is None or self.drawn_key is None:
            return None
        if self._parts is None:
            self._parts = Parts(self.memo.folder / (self.memo._path(self.drawn_key).stem
                                                    + ".parts"),
                                self.memo.state, self.drawn_key)
        return self._parts

    def close(self) -> None:
        if self._parts is not None:
            self._parts.close()
        if self.cache is not None:
            self.cache.save()  # what the scan learnt, and what the view made of cards


class Parts:
    """The drawn text of one view on one terminal, a part at a time, by what each part
    shows; and the order of the view's pieces, so that the same question on the same
    plan and day is answered from the file without drawing.

    The file is a header, then texts, then an index: where each live text is, and the
    view (its state, question, notice and pieces in order). A run reads a text when it is
    asked for, appends each text it draws as it draws it, then its index, and only then
    points the header at that index: bytes a reader may be reading are never overwritten,
    a run cut short leaves the view as it was, and a run that changed one card writes
    that card's parts, not the view (on 10,000 cards, 17 MB). Once the file would be
    mostly outdated, the live texts are copied to a new file that replaces it whole;
    what a run did not use is dropped then."""

    def __init__(self, path: Path, state: bytes = b"", key: tuple[object, ...] = ()) -> None:
        self.path = path
        self.state, self.key = state, key
        self.shown = Shown("", None)
        """What the view says besides its text (set by the view's maker): kept with it."""
        self.known: dict[bytes, tuple[int, int]] = {}
        self.used: dict[bytes, tuple[int, int]] = {}
        self.order: list[bytes] = []
        self._view: _View | None = None
        self._opened: int | None = None
        """The parts file as it was when this run began (another run may replace it)."""
        self._out: _Out | None = None
        self._writing = POSITIONED
        try:
            if not POSITIONED:
                raise OSError("no reads and writes at an offset here")
            self._opened = os.open(path, os.O_RDONLY)
            self.known, self._view = _index(self._opened)
        except Exception:  # missing, foreign or corrupt: every part is drawn again
            self.known, self._view = {}, None

    def recalled(self) -> tuple[Shown, Iterator[str]] | None:
        """The view kept for this state and question (what it says besides its text, and
        its text a piece at a time, read from the file as it is written out)."""
        if self._view is None or self._view[:2] != (self.state, self.key) or self._opened is None:
            return None
        size = os.fstat(self._opened).st_size
        places = [self.known.get(name) for name in self._view[3]]
        if any(place is None or sum(place) > size for place in places):
            return None
        return self._view[2], self._pieces([p for p in places if p is not None])

    def _pieces(self, places: list[tuple[int, int]]) -> Iterator[str]:
        for place in places:
            data = _read(self._opened, place)
            yield data.decode("utf-8", "replace") if data is not None else ""

    def text(self, key: object, draw: Callable[[], str]) -> str:
        """The part's text: remembered for ``key`` (all that the part shows depends on),
        or drawn now."""
        name = hashlib.blake2b(pickle.dumps(key, protocol=pickle.HIGHEST_PROTOCOL),
                               digest_size=16).digest()
        return self._piece(name, draw)

    def loose(self, text: str) -> str:
        """A piece of the view between its parts (a heading, the head, the tail)."""
        name = b"=" + hashlib.blake2b(text.encode("utf-8"), digest_size=15).digest()
        return self._piece(name, lambda: text)

    def _piece(self, name: bytes, draw: Callable[[], str]) -> str:
        text = self._recalled(name)
        if text is None:
            text = draw()
            place = self._written(text.encode("utf-8"))
            if place is not None:
                self.used[name] = place
        elif name not in self.used:
            self.used[name] = self.known[name]
        self.order.append(name)
        return text

    def _recalled(self, name: bytes) -> str | None:
        """The text kept for ``name`` by the run before or this one, if it reads back."""
        place = self.used.get(name) or self.known.get(name)
        data = self._bytes(place) if place is not None else None
        try:
            return data.decode("utf-8") if data is not None else None
        except UnicodeDecodeError:
            return None

    def _bytes(self, place: tuple[int, int]) -> bytes | None:
        """Where this run writes is the file read, or a new one where none was readable."""
        if self._out is not None and self._out.fresh:
            return _read(self._out.handle, place)
        return _read(self._opened, place)

    def _written(self, data: bytes) -> tuple[int, int] | None:
        """Where the text now is in the file written to; None when it cannot be kept."""
        out = self._output()
        try:
            return out.write(data) if out is not None else None
        except OSError:  # a full disk only stops the keeping
            self._discard()
            return None

    def _output(self) -> _Out | None:
        """The file this run writes to, opened on first use; None once that failed."""
        if self._out is None and self._writing:
            self._out = _Out.to(self.path, self._opened if self._view is not None else None)
            self._writing = self._out is not None
        return self._out

    def save(self) -> None:
        """Keep the texts drawn and the view's order, unless they are the ones kept."""
        view = (self.state, self.key, replace(self.shown, payload=""), self.order)
        if self._out is None and self._view == view:
            return
        live = sum(length for _, length in self.used.values())
        out = self._output()
        try:
            if out is not None and not out.fresh and \
                    out.end > COMPACT_FACTOR * live + COMPACT_BYTES:
                self._copied(view)
            elif out is not None:
                out.finish(self.path, self.used, view)
        except OSError:
            return
        finally:
            self._discard()

    def _copied(self, view: _View) -> None:
        """The live texts alone in a new file that replaces the old one whole."""
        out = _Out.to(self.path, None)
        if out is None:
            return
        try:
            places = {}
            for name, place in self.used.items():
                data = self._bytes(place)
                if data is None:
                    return
                places[name] = out.write(data)
            out.finish(self.path, places, view)
        finally:
            out.close()

    def _discard(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None

    def close(self) -> None:
        """Let go of the files; a new file not saved is removed."""
        self._discard()
        if self._opened is not None:
            os.close(self._opened)
            self._opened = None


_View = tuple[bytes, tuple[object, ...], Shown, list[bytes]]
"""The state and question a view was drawn for, what it says besides, its pieces."""


@dataclass(slots=True)
class _Out:
    """Where a run writes the texts it draws: appended to the parts file it read (from
    ``end`` on), or a new file (``fresh``) that replaces it once saved."""

    handle: int
    header: int
    """Where the header is written: the appended file opened to be written in place."""
    end: int
    fresh: str | None = None
    """The new file's path while it is not yet in place."""

    @classmethod
    def to(cls, path: Path, read: int | None) -> _Out | None:
        """Appending to the file open as ``read``, or None when another run has replaced
        it since (its places are of another file); without ``read``, a new file."""
        if read is None:
            return cls._fresh(path)
        handles: list[int] = []
        try:
            for flags in (os.O_WRONLY | os.O_APPEND, os.O_WRONLY):
                handles.append(os.open(path, flags))
            if all(os.path.samestat(os.fstat(h), os.fstat(read)) for h in handles):
                appending, header = handles
                return cls(appending, header, os.fstat(appending).st_size)
        except OSError:
            pass
        for handle in handles:
            os.close(handle)
        return None

    @classmethod
    def _fresh(cls, path: Path) -> _Out | None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, fresh = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        except OSError:
            return None
        return cls(handle, handle, _HEADER.size, fresh)

    def write(self, data: bytes) -> tuple[int, int]:
        """Where ``data`` landed: another run's append lands whole before or after it."""
        if self.fresh:
            os.pwrite(self.handle, data, self.end)
            self.end += len(data)
        else:
            if os.write(self.handle, data) != len(data):
                raise OSError("short write")
            self.end = os.lseek(self.handle, 0, os.SEEK_CUR)
        return self.end - len(data), len(data)

    def finish(self, path: Path, places: dict[bytes, tuple[int, int]], view: _View) -> None:
        """The index written after the texts, then the header pointed at it (a pwrite
        on an appending handle would append)."""
        index = pickle.dumps((cache_version(), places, view), protocol=pickle.HIGHEST_PROTOCOL)
        at, length = self.write(index)
        os.pwrite(self.header, _HEADER.pack(at, length), 0)
        if self.fresh:
            os.replace(self.fresh, path)
            self.fresh = None

    def close(self) -> None:
        os.close(self.handle)
        if self.header != self.handle:
            os.close(self.header)
        if self.fresh:
            Path(self.fresh).unlink(missing_ok=True)
            self.fresh = None


POSITIONED = hasattr(os, "pread") and hasattr(os, "pwrite")
"""Reads and writes at an offset (not on Windows): without them every part is drawn."""
COMPACT_FACTOR, COMPACT_BYTES = 2, 1 << 20
"""A parts file is written anew once it would hold more than this many times its live
texts, and this many bytes more."""
_HEADER = struct.Struct(">QQ")
"""Where in a parts file its index starts, and its length."""


def _index(handle: int) -> tuple[dict[bytes, tuple[int, int]], _View]:
    start, length = _HEADER.unpack(os.pread(handle, _HEADER.size, 0))
    version, index, view = pickle.loads(os.pread(handle, length, start))
    if version != cache_version() or not isinstance(index, dict) or \
            not isinstance(view[2], Shown):  # the user's own cache folder
        raise ValueError("not a parts file of this kplan")
    return index, view


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
