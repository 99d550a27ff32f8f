"""Fields that version 2 of the format widens, read the same from either version.

A version-1 card has one ``responsible`` text and a list of ``sources``; a version-2 card
may have a list of people, a mapping of sources, further ``groups`` that share it, and a
task's ``owner`` may be a list. Views read these through the functions here, so they
need not know which shape the model gives.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kplan.plan.activity import Activity


def names_of(value: Any) -> list[str]:
    """A text, a list of texts or None as a list of texts."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(item) for item in value]


def responsible_people(activity: Activity) -> list[str]:
    return names_of(activity.responsible)


def shared_groups(activity: Activity) -> list[str]:
    """The further groups that share the card (version 2's ``groups``)."""
    return names_of(getattr(activity, "groups", None))


def in_group(activity: Activity, group: str) -> bool:
    """The card belongs to ``group``: its folder, or a group that shares it."""
    return activity.group == group or group in shared_groups(activity)


def source_names(activity: Activity) -> list[str]:
    """The sources a card's budget names: a list as given, a mapping's keys."""
    sources = activity.budget.sources if activity.budget else None
    if isinstance(sources, Mapping):
        return [str(code) for code in sources]
    return names_of(sources)


def task_owners(task: Any) -> list[str]:
    return names_of(getattr(task, "owner", None))
