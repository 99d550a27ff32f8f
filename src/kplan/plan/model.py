"""The whole plan: what loaded of every file, and the model of each file kind.

The models are pure (no I/O), one module a file kind: ``planfile`` (plan.yaml),
``activity``, ``service``, ``meeting`` and ``needs``; their bases are in ``base``, the
statuses and their Czech words in ``statuses``, the value types in ``values`` and ``dates``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kplan.plan.activity import Activity
from kplan.plan.base import _Document
from kplan.plan.meeting import Meeting
from kplan.plan.planfile import PlanFile
from kplan.plan.service import Service
from kplan.plan.unloaded import UnloadedCard

if TYPE_CHECKING:
    from kplan.plan.needs import NeedsAnalysis


@dataclass(slots=True)
class Plan:
    """Everything that loaded without errors, plus the names of what exists but did not."""

    meta: PlanFile | None = None
    activities: list[Activity] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    present_activity_refs: set[str] = field(default_factory=set)
    """Full references of every card file, valid or not: no cascade of KP303 for a broken card."""
    present_service_ids: set[str] = field(default_factory=set)
    needs: list[NeedsAnalysis] = field(default_factory=list)
    """The needs analyses of ``needs/`` that loaded."""
    present_needs_ids: set[str] = field(default_factory=set)
    """File names of every needs analysis, valid or not."""
    unloaded: list[UnloadedCard] = field(default_factory=list)
    """Activity cards whose file exists but did not load, with the first error of each."""
    cards: Callable[[str], Activity] | None = field(default=None, repr=False, compare=False)
    """A card's whole model by its file, when ``activities`` are only their skeletons
    (a read from the cache after a few files changed)."""

    def whole(self, activity: Activity) -> Activity:
        """The card with all its fields (itself, unless the plan holds skeletons)."""
        return self.cards(activity.file) if self.cards is not None else activity

    def activity(self, ref: str) -> Activity | None:
        return next((a for a in self.activities if a.ref == ref), None)

    def service(self, service_id: str) -> Service | None:
        return next((s for s in self.services if s.id == service_id), None)

    def group_ids(self) -> set[str]:
        return {g.id for g in self.meta.groups} if self.meta else set()


FILE_MODELS: dict[str, type[_Document]] = {
    "plan": PlanFile,
    "activity": Activity,
    "service": Service,
    "meeting": Meeting,
}
