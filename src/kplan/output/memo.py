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
        """The drawn text, kept as it goes for this very terminal."""
        if self.memo is None or self.drawn_key is None:
            return drawn
        return self.memo.passing(self.drawn_key, shown, drawn)

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
    What a run did not use is dropped when it is saved."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.known: dict[bytes, str] = {}
        self.used: dict[bytes, str] = {}
        try:
            with path.open("rb") as stream:
                found = pickle.load(stream)  # the user's own cache folder
        except Exception:  # missing, foreign or corrupt: every part is drawn again
            return
        if isinstance(found, tuple) and len(found) == 2 and found[0] == cache_version():
            self.known = found[1]

    def text(self, key: object, draw: Callable[[], str]) -> str:
        """The part's text: remembered for ``key`` (all that the part shows depends on),
        or drawn now."""
        name = hashlib.blake2b(pickle.dumps(key, protocol=pickle.HIGHEST_PROTOCOL),
                               digest_size=16).digest()
        text = self.known.get(name)
        if text is None:
            text = draw()
        self.used[name] = text
        return text

    def save(self) -> None:
        if self.used == self.known:
            return
        used = (cache_version(), self.used)
        replace_file(self.path, lambda stream: pickle.dump(
            used, stream, protocol=pickle.HIGHEST_PROTOCOL))
