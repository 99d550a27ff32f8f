"""What the checks across cards (``PLAN_CHECKS``) read of a card: its skeleton.

A skeleton is the card's model with only these fields, small enough to be kept beside
the card in the cache and read back for every card of a large plan, where the whole
models would cost most of a second and most of the memory.
"""

from __future__ import annotations

import functools
from typing import Any

from kplan.plan.activity import Activity

SKELETON_FIELDS = ("id", "related", "after", "partners", "needs", "groups")
"""Besides its file and its group (the card's folder)."""
CARD_PLACES: dict[str, Any] = {
    **{name: {"*": {}} for name in (*SKELETON_FIELDS[1:], "implementers")},
    "id": {}, "measure": {}, "responsible": {},
    "milestones": {"*": {"due": {}, "done": {}, "status": {}}},
    "evaluations": {"*": {"year": {}, "spent": {"*": {}}}},
    "budget": {"amount": {}, "sources": {"*": {}}, "years": {"*": {"*": {}}}},
    "indicators": {"*": {"change": {}}},
}
"""Where in a card the checks point (``kplan.yamlio.places``: ``"*"`` any key or item,
``{}`` the value alone): its places are kept from its parse, for a diagnostic of a check
run later, on another day or with another plan.yaml. Of every other document all places
are kept (they are few). ``tests/test_places.py`` fails for a check that points elsewhere."""
_KEPT = (*SKELETON_FIELDS, "previous_numbers")
"""And the numbers the card had before, which an edit's card not found suggests."""


class CardSkeleton(Activity):
    """An activity card's skeleton. Pickled as its kept fields and private attributes
    alone, and read back without pydantic's generic state: a view after a change reads
    the skeleton of every card (on 10,000 cards, a tenth of a second saved a run)."""

    def __reduce__(self) -> tuple[Any, ...]:
        return _skeleton_from, (tuple(getattr(self, name) for name in _KEPT),
                                self.__pydantic_private__)


def skeleton(model: object) -> Activity | None:
    """The skeleton of an activity card; None for any other document."""
    if not isinstance(model, Activity):
        return None
    found = _empty().model_copy(update={name: getattr(model, name) for name in _KEPT})
    found._file = model.file
    found._group = model.group
    return found


def _skeleton_from(kept: tuple[Any, ...], private: dict[str, Any] | None) -> CardSkeleton:
    defaults, fresh = _defaults()
    fields = {**defaults, **{name: type(defaults[name])() for name in fresh}}
    fields.update(zip(_KEPT, kept, strict=True))
    return CardSkeleton.restored(fields, set(_KEPT), private)


@functools.cache
def _empty() -> CardSkeleton:
    """A card of no fields but their defaults, made once: ``model_construct`` asks every
    default factory for its signature, a cost a card."""
    return CardSkeleton.model_construct()


@functools.cache
def _defaults() -> tuple[dict[str, Any], tuple[str, ...]]:
    """The fields of a card left empty, and those a skeleton gets a fresh value of."""
    defaults = dict(_empty().__dict__)
    fresh = tuple(name for name, value in defaults.items()
                  if isinstance(value, list | dict | set) and name not in _KEPT)
    return defaults, fresh
