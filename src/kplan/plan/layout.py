"""Where things are in a plan repository (DATA.md, "Layout of a plan repository")."""

import unicodedata
from pathlib import Path

from kplan.errors import KplanError

PLAN_FILE = "plan.yaml"
YAML_SUFFIX = ".yaml"
ACTIVITIES, SERVICES, MEETINGS = "activities", "services", "meetings"
NEEDS = "needs"
"""One needs analysis a file: ``needs/<id>.yaml`` (DATA.md, "Needs")."""
DATA_FOLDERS = (ACTIVITIES, SERVICES, MEETINGS, NEEDS)


_BIDI_CONTROLS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def safe_name(name: str) -> bool:
    """A file name kplan can show: no control characters (a newline, an escape sequence for
    the terminal), no bidirectional overrides, no bytes that are not UTF-8 (``os.listdir``
    gives them as lone surrogates)."""
    if name.isascii():
        return name.isprintable()
    return not any(unicodedata.category(ch) in ("Cc", "Cs") or ch in _BIDI_CONTROLS
                   for ch in name)


def shown_name(name: str) -> str:
    """The name with every unsafe character written as an escape (``\\n``, ``\\x1b``)."""
    parts = []
    for ch in name:
        if 0xDC80 <= ord(ch) <= 0xDCFF:
            parts.append(f"\\x{ord(ch) - 0xDC00:02x}")
        elif safe_name(ch):
            parts.append(ch)
        else:
            parts.append(ascii(ch)[1:-1])
    return "".join(parts)


class NotAPlanError(KplanError):
    """The path given is not a plan: no ``plan.yaml`` in it. A usage error (exit 2)."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"„{path}“ není složka plánu: chybí v ní plan.yaml. Zadejte složku "
                         "plánu, např. kplan validate data.",
                         f"'{path}' is not a plan: it has no plan.yaml. Name the plan folder, "
                         "e.g. kplan validate data.")
        self.path = path


def find_plan_root(path: Path | None) -> Path:
    """The plan folder: ``path``, or ``./data`` when it holds a plan, or the current folder."""
    candidates = [Path("data"), Path(".")] if path is None else [path]
    for candidate in candidates:
        if (candidate / PLAN_FILE).exists() or (candidate / PLAN_FILE).is_symlink():
            return candidate
    raise NotAPlanError(path if path is not None else Path("."))


def card_group(relative: str) -> str | None:
    """The group of a card at ``relative`` (a path in the plan): ``activities/<group>/<n>.yaml``
    belongs to that group, ``activities/<n>.yaml`` to the plan as a whole (``""``); None for
    a path that is not a card's."""
    parts = relative.split("/")
    if parts[0] != ACTIVITIES or not relative.endswith(YAML_SUFFIX) or len(parts) not in (2, 3):
        return None
    return parts[1] if len(parts) == 3 else ""


def card_path(group: str, number: str) -> str:
    """Where the card ``group/number`` lives; a card of no group directly in activities/."""
    return f"{ACTIVITIES}/{group}/{number}{YAML_SUFFIX}" if group else \
        f"{ACTIVITIES}/{number}{YAML_SUFFIX}"
