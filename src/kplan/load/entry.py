"""One cache entry: what reading and validating one version of one file gave
(``kplan.load.cache`` keeps them by file)."""

from __future__ import annotations

import pickle
from typing import Any

from kplan.diagnostics import Diagnostic
from kplan.diagnostics.suppress import Suppressions


class Entry:
    """What reading and validating one version of one file gave. Pickled, the model is
    a pickle of its own, unpickled on first use, and so is the skeleton (a view of whole
    models reads neither). Its ``places`` (``kplan.yamlio.places``) go to the cache's
    file of places (``DocumentCache.places``), never to the file of documents."""

    __slots__ = (
        "_blob",
        "_extras",
        "_model",
        "diagnostics",
        "digest",
        "places",
        "size",
        "suppressions",
    )

    def __init__(self, size: int, digest: bytes, model: Any | None,
                 diagnostics: tuple[Diagnostic, ...], suppressions: Suppressions | None,
                 skeleton: Any | None = None, places: bytes | None = None) -> None:
        self.size, self.digest = size, digest
        self.diagnostics, self.suppressions = diagnostics, suppressions
        self._extras: Any | bytes | None = skeleton
        self.places = places
        self._model = model
        self._blob: bytes | None = None

    @property
    def skeleton(self) -> Any | None:
        """What the checks of the whole plan read of an activity card (or None)."""
        return self._unpacked()

    def _unpacked(self) -> Any | None:
        if isinstance(self._extras, bytes):
            self._extras = pickle.loads(self._extras)  # the user's own cache folder
        return self._extras

    @property
    def model(self) -> Any | None:
        if self._blob is not None:
            self._model = pickle.loads(self._blob)  # the user's own cache folder
            self._blob = None
        return self._model

    def model_for_now(self) -> Any | None:
        """The model for a moment, not kept unpickled: a pass over every card needs each
        whole model once, and holding all of them would cost more than the pass."""
        if self._blob is not None:
            return pickle.loads(self._blob)  # the user's own cache folder
        return self._model

    def pack(self) -> None:
        """Keep the model as its pickle only, made now rather than when the cache is
        saved: a cold read lets go of each whole model once it has been used."""
        if self._model is not None:
            if self._blob is None:
                self._blob = pickle.dumps(self._model, protocol=pickle.HIGHEST_PROTOCOL)
            self._model = None

    def __getstate__(self) -> tuple[Any, ...]:
        blob = self._blob
        if blob is None and self._model is not None:
            blob = pickle.dumps(self._model, protocol=pickle.HIGHEST_PROTOCOL)
        extras = self._extras
        if extras is not None and not isinstance(extras, bytes):
            extras = pickle.dumps(extras, protocol=pickle.HIGHEST_PROTOCOL)
        return (self.size, self.digest, blob, self.diagnostics, self.suppressions, extras,
                self.places)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        (self.size, self.digest, self._blob, self.diagnostics, self.suppressions,
         self._extras, self.places) = state
        self._model = None
