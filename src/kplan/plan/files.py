"""Every plan file kplan reads, from the working tree or from git, through one set of rules.

The rules are those of ``kplan validate`` and hold for every command (status, report,
site, edits, fmt, changes, log):

- only regular files are read: a FIFO, a device or a socket is never opened (its status is
  looked at first, and a file is opened with ``O_NONBLOCK`` in case it changed meanwhile);
- a symbolic link is followed only when it leads to a place inside the plan (KP109 when it
  leads out, KP113 when it leads nowhere);
- a file larger than ``MAX_FILE_BYTES`` is not read (KP104), and a blob from git is not
  read when git says it is larger;
- a file that cannot be read is a diagnostic (KP113), never a traceback.

Here: what a document is (``kind_of``), ``find`` names one by its path and ``read`` reads
it (by ``reader.read_source``). ``walker.walk`` lists the plan's documents once a run
(``plan.yaml``, ``activities/<group>/*.yaml``, ``services/*.yaml``, ``meetings/*.yaml``)
with the diagnostics of what it met on the way. ``is_plan_file`` and ``gittree``'s
``blob_usable`` and ``link_in_tree`` apply the same rules to a commit's tree.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from kplan.diagnostics import Diagnostic
from kplan.diagnostics.codes import diag
from kplan.plan.layout import MEETINGS, NEEDS, PLAN_FILE, SERVICES, YAML_SUFFIX, card_group
from kplan.plan.reader import RawFile, os_reason, read_source

Kind = Literal["plan", "activity", "service", "meeting", "needs"]
FLAT_KINDS: dict[str, Kind] = {SERVICES: "service", MEETINGS: "meeting", NEEDS: "needs"}
"""The data folders of one level and what their files are."""


@dataclass(frozen=True, slots=True)
class PlanDocument:
    """One document of the plan, found by ``walk`` or ``find``."""

    rel: str
    """Its path in the plan, with forward slashes."""
    kind: Kind
    source: str
    """What is opened: the file itself, or the real file inside the plan a link leads to."""
    link: str = ""
    """The link's target as written, when the document is a symbolic link."""

    @property
    def group(self) -> str:
        return (card_group(self.rel) or "") if self.kind == "activity" else ""

    @property
    def stem(self) -> str:
        return posixpath.basename(self.rel).removesuffix(YAML_SUFFIX)



def read(document: PlanDocument, problems: list[Diagnostic]) -> RawFile | None:
    """The document's bytes, or None with a diagnostic (KP104, KP113)."""
    return read_source(document.source, document.rel, problems)



# --- one document by its path -------------------------------------------------------------------

def kind_of(rel: str) -> Kind | None:
    """What a path in the plan is by its place: only what the loader reads is a document
    (``plan.yaml``, ``activities/<group>/<x>.yaml``, ``services/``, ``meetings/`` and
    ``needs/`` files; hidden files are not plan data)."""
    parts = rel.split("/")
    if rel == PLAN_FILE:
        return "plan"
    if any(part.startswith(".") for part in parts) or not rel.endswith(YAML_SUFFIX):
        return None
    if card_group(rel) is not None:
        return "activity"
    if len(parts) == 2 and parts[0] in FLAT_KINDS:
        return FLAT_KINDS[parts[0]]
    return None


def is_plan_file(rel: str) -> bool:
    return kind_of(rel) is not None


def find(root: Path, rel: str, problems: list[Diagnostic]) -> PlanDocument | None:
    """The document at ``rel`` when the rules let it be read (a link only inside the
    plan); None with a diagnostic (KP109, KP113) when they do not, None alone when it is
    not a document or not there."""
    kind = kind_of(rel)
    path = os.path.join(root, rel)
    if kind is None or not os.path.lexists(path):
        return None
    real_root = os.path.realpath(root)
    real = os.path.realpath(path)
    if os.path.islink(path):
        target = os.readlink(path)
        return _linked(rel, kind, path, target, real_root, problems)
    if not is_within(real, real_root):
        problems.append(diag(rel, "KP109", line=1, column=1, target=real))
        return None
    return PlanDocument(rel, kind, real if real != os.path.abspath(path) else path)


def read_at(root: Path, rel: str) -> RawFile | None:
    """The bytes of the plan's document ``rel`` by the reader's rules (a link only inside
    the plan, a regular file, the size limit); None when it is not there or may not be read."""
    problems: list[Diagnostic] = []
    found = find(root, rel, problems)
    return read(found, problems) if found is not None else None


def writable_target(root: Path, rel: str) -> Path:
    """Where an edit of ``rel`` writes: the file itself, or the file inside the plan a
    link leads to, so that the link stays a link."""
    path = root / rel
    if path.is_symlink():
        real = Path(os.path.realpath(path))
        if is_within(str(real), os.path.realpath(root)):
            return real
    return path


def read_only(path: Path) -> bool:
    """True for a file its mode keeps from being written (0444), even for root, who could:
    kplan respects the mode instead of replacing the file with a writable copy."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not mode & 0o222 or not os.access(path, os.W_OK)


def _linked(rel: str, kind: Kind, path: str, target: str, real_root: str,
            problems: list[Diagnostic]) -> PlanDocument | None:
    try:
        real = Path(path).resolve(strict=True)
    except (OSError, RuntimeError) as error:
        problems.append(diag(rel, "KP113", line=1, column=1, reason=os_reason(error)))
        return None
    if not is_within(str(real), real_root):
        problems.append(diag(rel, "KP109", line=1, column=1, target=target))
        return None
    return PlanDocument(rel, kind, str(real), target)


def is_within(real: str, real_root: str) -> bool:
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)
