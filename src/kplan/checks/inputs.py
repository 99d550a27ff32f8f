"""What the checks across cards (``PLAN_CHECKS``) read of a card: its skeleton.

A skeleton is the card's model with only these fields, small enough to be kept beside
the card in the cache and read back for every card of a large plan, where the whole
models would cost most of a second and most of the memory.
"""

from __future__ import annotations

from kplan.plan.model import Activity

SKELETON_FIELDS = ("id", "related", "after", "partners", "needs", "groups")
"""Besides its file and its group (the card's folder)."""


def skeleton(model: object) -> Activity | None:
    """The skeleton of an activity card; None for any other document."""
    if not isinstance(model, Activity):
        return None
    kept = {name: getattr(model, name) for name in SKELETON_FIELDS}
    found = Activity.model_construct(_fields_set=set(kept) & model.model_fields_set, **kept)
    found._file = model.file
    found._group = model.group
    return found
