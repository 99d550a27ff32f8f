"""Which cache a command reads, and what ``kplan validate`` answers from it.

A command asked for ``--no-cache`` (or run with ``KPLAN_NO_CACHE`` set) reads the plan
afresh and leaves the cache alone. ``kplan validate`` of a plan whose every file is the
one of its last run on the same day answers with the remembered outcome, without
importing pydantic: the loader is imported only when it must load.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from kplan.load.cache import DocumentCache, Outcome


def plan_cache(root: Path, wanted: bool = True) -> DocumentCache | None:
    if not wanted or os.environ.get("KPLAN_NO_CACHE"):
        return None
    return DocumentCache.for_plan(root)


def validation_outcome(root: Path, today: date, cache: DocumentCache | None) -> Outcome:
    """The outcome of validating the plan: remembered from an earlier run when nothing
    changed, else with the cards as their skeletons (``load_checked``): no card's whole
    model is unpickled whose checks of single cards the cache or a worker process kept."""
    if cache is None:
        from kplan.load.loader import load_plan

        return load_plan(root, today).outcome
    tree = None
    if not cache.knows_files():
        from kplan.load.worker import early

        tree = early(root, cache, today)
    outcome = cache.outcome(today, cache.scan(root, tree).fingerprint)
    if outcome is None:
        from kplan.load.warm import load_checked

        return load_checked(root, today, cache).outcome
    if cache.worker is not None:  # started for nothing: the plan did not change after all
        cache.worker.close()
        cache.worker = None
    cache.save()  # what the scan learnt about files that stopped changing
    return outcome
