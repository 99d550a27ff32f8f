"""Files kplan ships beside its code, and the folder it keeps its cache in."""

from __future__ import annotations

import os
from pathlib import Path


def builtin_templates() -> Path:
    """The built-in templates: inside the installed package, or the repository's
    ``templates/`` folder when kplan runs from a checkout (an editable install)."""
    packaged = Path(__file__).parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"


def guide() -> Path:
    """The coordinators' guide in Czech (``docs/navod.md``), which ``kplan init`` copies."""
    packaged = Path(__file__).parent / "navod.md"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "docs" / "navod.md"


def cache_folder() -> Path:
    """``KPLAN_CACHE_DIR``, else ``$XDG_CACHE_HOME/kplan``, else ``~/.cache/kplan``."""
    configured = os.environ.get("KPLAN_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kplan"
