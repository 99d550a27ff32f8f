"""Where things are in a plan repository (DATA.md, "Layout of a plan repository")."""

from pathlib import Path

PLAN_FILE = "plan.yaml"
YAML_SUFFIX = ".yaml"
ACTIVITIES, SERVICES, MEETINGS = "activities", "services", "meetings"
DATA_FOLDERS = (ACTIVITIES, SERVICES, MEETINGS)
MAX_FILE_BYTES = 1024 * 1024
"""The largest file kplan reads: a card is a few kilobytes (DATA.md: larger is an error)."""


class NotAPlanError(Exception):
    """The path given is not a plan: no ``plan.yaml`` in it. A usage error (exit 2)."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


def find_plan_root(path: Path | None) -> Path:
    """The plan folder: ``path``, or ``./data`` when it holds a plan, or the current folder."""
    candidates = [Path("data"), Path(".")] if path is None else [path]
    for candidate in candidates:
        if (candidate / PLAN_FILE).exists() or (candidate / PLAN_FILE).is_symlink():
            return candidate
    raise NotAPlanError(path if path is not None else Path("."))
