"""The plan at a point of its git history: git as a subprocess, never a shell.

Every command is a list of arguments; a ref the user gave is checked once with
``git rev-parse --verify --end-of-options REF^{commit}`` and only the full commit hash is
used after that. Files are read in one ``git cat-file --batch`` process (what
``git show REF:path`` gives, for a thousand files at the cost of one process).
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from kplan.diagnostics import Diagnostic
from kplan.errors import KplanError
from kplan.limits import MAX_FILE_BYTES
from kplan.load.scan import digest_of
from kplan.plan import files as planfiles
from kplan.plan import gittree, walker
from kplan.plan.activity import Activity
from kplan.plan.base import _Document
from kplan.plan.layout import ACTIVITIES, NEEDS, PLAN_FILE, SERVICES, card_group
from kplan.plan.meeting import Meeting
from kplan.plan.model import Plan
from kplan.plan.needs import NeedsAnalysis
from kplan.plan.planfile import PlanFile
from kplan.plan.service import Service
from kplan.yamlio import parse_bytes

DocumentT = TypeVar("DocumentT", bound=_Document)
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
LAST_MEETING = "last-meeting"
_LINK_BYTES = 4096
_LINK_HOPS = 8


class GitError(KplanError):
    """git could not answer: ``reason`` is ``not_a_repo``, ``bad_ref``, ``no_commit``,
    ``no_meeting``, ``no_git`` or ``failed`` (exit 2)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        cs, en = _GIT_TEXTS[reason]
        super().__init__(cs.format(detail=detail), en.format(detail=detail))
        self.reason = reason
        self.detail = detail


_GIT_TEXTS = {
    "not_a_repo": ("„{detail}“ není v repozitáři gitu. kplan changes a kplan log čtou "
                   "historii plánu z gitu; založte repozitář (git init) nebo zadejte složku "
                   "plánu v něm.",
                   "'{detail}' is not in a git repository. kplan changes and kplan log read "
                   "the plan's history from git; create one (git init) or name a plan folder "
                   "inside one."),
    "bad_ref": ("„{detail}“ v gitu tohoto plánu není (není to uložená verze, větev ani "
                "značka). Zadejte např. last-meeting, den RRRR-MM-DD, main nebo origin/main.",
                "'{detail}' is not a commit, branch or tag of this repository. Use e.g. HEAD, "
                "main, origin/main, a day YYYY-MM-DD or last-meeting."),
    "no_commit": ("Před {detail} není v gitu uložená žádná verze plánu.",
                  "The repository has no commit before {detail}."),
    "no_meeting": ("V plánu není žádná schůzka, od které by šlo porovnávat.",
                   "The plan has no meeting to compare from."),
    "no_git": ("Program git není nainstalovaný nebo není v PATH.",
               "git is not installed or not on PATH."),
    "failed": ("git selhal: {detail}", "git failed: {detail}"),
}


@dataclass(frozen=True, slots=True)
class Commit:
    hash: str
    short: str
    author: str
    when: datetime


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The plan as it was (or is), from the documents that validated."""

    plan: Plan
    skipped: list[str]
    """Files that were there but did not parse or validate, skipped."""
    read: dict[str, tuple[bytes, _Document | None]] = field(
        default_factory=dict, repr=False, compare=False)
    """Each file read: a hash of its bytes and its model (None: it did not validate)."""


# --- running git ------------------------------------------------------------------------------

def _git(repo: Path, *args: str, stdin: bytes | None = None) -> bytes:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}
    try:
        done = subprocess.run(["git", *args], cwd=repo, input=stdin, capture_output=True,
                              env=env, check=False)
    except FileNotFoundError as error:
        raise GitError("no_git", str(error)) from None
    if done.returncode != 0:
        raise GitError("failed", done.stderr.decode("utf-8", "replace").strip())
    return done.stdout


def toplevel(path: Path) -> Path:
    """The repository that holds ``path``; GitError ``not_a_repo`` outside one."""
    try:
        out = _git(path, "rev-parse", "--show-toplevel")
    except GitError as error:
        if error.reason == "failed":
            raise GitError("not_a_repo", str(path)) from None
        raise
    return Path(out.decode("utf-8").strip())


def resolve(repo: Path, ref: str) -> str:
    """The full hash of the commit ``ref`` names; GitError ``bad_ref`` when none."""
    try:
        out = _git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options",
                   f"{ref}^{{commit}}")
    except GitError:
        raise GitError("bad_ref", ref) from None
    return out.decode("ascii").strip()


def commit(repo: Path, commit_hash: str) -> Commit:
    out = _git(repo, "show", "-s", "--format=%H%x1f%h%x1f%an%x1f%aI", commit_hash, "--")
    return _commit(out.decode("utf-8").strip())


def _commit(line: str) -> Commit:
    full, short, author, when = line.split("\x1f")
    return Commit(full, short, author, datetime.fromisoformat(when))


def last_commit_before(repo: Path, moment: datetime) -> str:
    """The last commit on the current branch made before ``moment`` (local time)."""
    out = _git(repo, "rev-list", "-1", f"--before={moment.isoformat()}", "HEAD", "--")
    found = out.decode("ascii").strip()
    if not found:
        raise GitError("no_commit", moment.date().isoformat())
    return found


def base_commit(repo: Path, since: str, last_meeting: date | None) -> str:
    """What ``--since`` names: ``last-meeting``, a day (YYYY-MM-DD) or a ref."""
    if since == LAST_MEETING:
        if last_meeting is None:
            raise GitError("no_meeting")
        return last_commit_before(repo, datetime.combine(last_meeting + timedelta(days=1),
                                                         time()))
    if _DAY.match(since):
        try:
            day = date.fromisoformat(since)
        except ValueError:
            raise GitError("bad_ref", since) from None
        return last_commit_before(repo, datetime.combine(day, time()))
    return resolve(repo, since)


# --- reading files --------------------------------------------------------------------------

def plan_prefix(repo: Path, root: Path) -> str:
    """The plan folder inside the repository, ``""`` or ``"data/"``."""
    relative = root.resolve().relative_to(repo.resolve()).as_posix()
    return "" if relative == "." else relative + "/"


@dataclass(frozen=True, slots=True)
class _TreeEntry:
    mode: str
    oid: str
    size: int


def files_at(repo: Path, commit_hash: str, prefix: str) -> dict[str, bytes | None]:
    """The plan's documents at a commit, by path relative to the plan folder, read by the
    rules of ``planfiles``: a link is read as the file it leads to when that is inside the
    plan, a file larger than the limit is not read (None, as one that may not be read)."""
    tree = _tree(repo, commit_hash, prefix)
    targets = _link_targets(repo, tree)
    wanted = {rel: _followed(tree, targets, rel) for rel in tree if planfiles.is_plan_file(rel)}
    oids = sorted({found.oid for found in wanted.values() if found is not None})
    contents = dict(zip(oids, _objects(repo, oids), strict=True))
    return {rel: None if found is None else contents[found.oid]
            for rel, found in sorted(wanted.items())}


def _tree(repo: Path, commit_hash: str, prefix: str) -> dict[str, _TreeEntry]:
    listed = _git(repo, "ls-tree", "-r", "-z", "-l", "--full-tree", commit_hash, "--",
                  prefix or ".").decode("utf-8", "surrogateescape")
    tree: dict[str, _TreeEntry] = {}
    for line in listed.split("\0"):
        meta, _, path = line.partition("\t")
        fields = meta.split()
        if len(fields) == 4 and path.startswith(prefix):
            size = int(fields[3]) if fields[3].isdigit() else -1
            tree[path[len(prefix):]] = _TreeEntry(fields[0], fields[2], size)
    return tree


def _link_targets(repo: Path, tree: dict[str, _TreeEntry]) -> dict[str, str]:
    """What each link of the tree points at, as written (links are short blobs)."""
    links = {rel: entry.oid for rel, entry in tree.items()
             if entry.mode == gittree.GIT_LINK_MODE and 0 <= entry.size <= _LINK_BYTES}
    oids = sorted(set(links.values()))
    found = dict(zip(oids, _objects(repo, oids), strict=True))
    return {rel: found[oid].decode("utf-8", "surrogateescape") for rel, oid in links.items()}


def _followed(tree: dict[str, _TreeEntry], targets: dict[str, str],
              rel: str) -> _TreeEntry | None:
    """The file ``rel`` is, following links inside the plan; None when it may not be read."""
    found: _TreeEntry | None = tree.get(rel)
    for _ in range(_LINK_HOPS):
        if found is None or found.mode != gittree.GIT_LINK_MODE:
            break
        target = targets.get(rel)
        next_rel = gittree.link_in_tree(rel, target) if target is not None else None
        found, rel = (tree.get(next_rel), next_rel) if next_rel is not None else (None, rel)
    if found is None or not gittree.blob_usable(found.mode, found.size):
        return None
    return found


def _objects(repo: Path, oids: list[str]) -> list[bytes]:
    """The contents of git objects whose size is already known to be within the limit."""
    if not oids:
        return []
    out = _git(repo, "cat-file", "--batch", stdin="".join(f"{o}\n" for o in oids).encode())
    contents, offset = [], 0
    for _ in oids:
        end = out.index(b"\n", offset)
        header = out[offset:end].split()
        offset = end + 1
        size = int(header[2]) if len(header) == 3 else 0
        contents.append(out[offset:offset + size])
        offset += size + (1 if len(header) == 3 else 0)
    return contents


def read_blobs(repo: Path, wanted: list[tuple[str, str]]) -> list[bytes | None]:
    """The contents of ``commit:path`` for each pair, in two git processes: the sizes
    first, then only the files that are within the limit (a link, a folder or a file
    too large to read gives None)."""
    usable = [(c, p) for c, p in wanted if "\n" not in p]
    if not usable:
        return [None] * len(wanted)
    request = "".join(f"{c}:{p}\n" for c, p in usable).encode("utf-8", "surrogateescape")
    checked = _git(repo, "cat-file", "--batch-check=%(objectname) %(objecttype) %(objectsize)",
                   stdin=request).decode("ascii", "replace").splitlines()
    found: dict[tuple[str, str], str] = {}
    for pair, line in zip(usable, checked, strict=True):
        fields = line.split()
        if len(fields) == 3 and fields[1] == "blob" and int(fields[2]) <= MAX_FILE_BYTES:
            found[pair] = fields[0]
    oids = sorted(set(found.values()))
    contents = dict(zip(oids, _objects(repo, oids), strict=True))
    return [contents[found[pair]] if pair in found else None for pair in wanted]


def working_files(root: Path) -> dict[str, bytes | None]:
    """The plan's documents as they are on disk, read by the rules of every command."""
    return walker.documents(root)


def validated(model: type[DocumentT], data: bytes, file: str) -> DocumentT | None:
    """One document parsed and validated on its own; None when it does not."""
    problems: list[Diagnostic] = []
    document = parse_bytes(data, file, problems)
    if document is None or document.root is None:
        return None
    try:
        value = model.model_validate(document.data)
    except ValidationError:
        return None
    value._file = file
    return value


def snapshot(files: dict[str, bytes | None], alike: Snapshot | None = None) -> Snapshot:
    """A Plan from file contents: each document parsed and validated on its own; a file
    that could not be read (None) is skipped. With ``alike`` (the other plan of a
    comparison), a file with the same bytes there is not validated again: its model is
    shared, so that what did not change is held once, not once a plan."""
    plan, skipped = Plan(), []
    read: dict[str, tuple[bytes, _Document | None]] = {}
    known = alike.read if alike is not None else {}
    for relative in sorted(files):
        data = files[relative]
        if data is None:
            skipped.append(relative)
            continue
        digest = digest_of(data)
        kept = known.get(relative)
        found = kept[1] if kept is not None and kept[0] == digest else _document(relative, data)
        read[relative] = (digest, found)
        if found is None:
            skipped.append(relative)
        else:
            _place(plan, found)
    return Snapshot(plan, skipped, read)


def _document(relative: str, data: bytes) -> _Document | None:
    kind = relative.split("/")[0]
    if relative == PLAN_FILE:
        return validated(PlanFile, data, relative)
    if kind == ACTIVITIES:
        activity = validated(Activity, data, relative)
        if activity is not None:
            activity._group = card_group(relative) or ""
        return activity
    if kind == SERVICES:
        return validated(Service, data, relative)
    return validated(NeedsAnalysis if kind == NEEDS else Meeting, data, relative)


def _place(plan: Plan, found: _Document) -> None:
    if isinstance(found, PlanFile):
        plan.meta = found
    elif isinstance(found, Activity):
        plan.activities.append(found)
    elif isinstance(found, Service):
        plan.services.append(found)
    elif isinstance(found, NeedsAnalysis):
        plan.needs.append(found)
    elif isinstance(found, Meeting):
        plan.meetings.append(found)


# --- the history of one file ----------------------------------------------------------------

def file_history(repo: Path, path: str) -> list[tuple[Commit, bytes | None]]:
    """Each commit that changed ``path`` (following renames), oldest first, with the
    file's content in it (None where it did not parse out of git)."""
    out = _git(repo, "log", "--follow", "--name-only", "--format=%x1e%H%x1f%h%x1f%an%x1f%aI",
               "--", path).decode("utf-8", "surrogateescape")
    entries: list[tuple[Commit, str]] = []
    for chunk in out.split("\x1e"):
        lines = [line for line in chunk.splitlines() if line.strip()]
        if len(lines) >= 2:
            entries.append((_commit(lines[0]), lines[-1]))
    entries.reverse()
    blobs = read_blobs(repo, [(c.hash, p) for c, p in entries])
    return [(c, blob) for (c, _), blob in zip(entries, blobs, strict=True)]
