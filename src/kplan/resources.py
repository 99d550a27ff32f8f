"""Files kplan ships beside its code."""

from __future__ import annotations

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
