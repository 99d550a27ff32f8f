"""Files kplan ships beside its code."""

from __future__ import annotations

from pathlib import Path


def builtin_templates() -> Path:
    """The built-in templates: inside the installed package, or the repository's
    ``templates/`` folder when kplan runs from a checkout (an editable install)."""
    packaged = Path(__file__).parents[1] / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "templates"
