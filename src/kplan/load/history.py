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
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from kplan.diagnostics import Diagnostic
from kplan.plan.layout import ACTIVITIES, MEETINGS, PLAN_FILE, SERVICES, YAML_SUFFIX, card_group
from kplan.plan.model import Activity, Meeting, Plan, PlanFile, Service, _Document
from kplan.yamlio import parse_bytes

DocumentT = TypeVar("DocumentT", bound=_Document)
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
LAST_MEETING = "last-meeting"


class GitError(Exception):
    """git could not answer: ``reason`` is ``not_a_repo``, ``bad_ref``, ``no_commit`` or
    ``failed``; the CLI turns it into a message in the user's language and exit 2."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


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


def is_plan_file(relative: str) -> bool:
    """Only what the loader reads: plan.yaml, activities/<group>/<x>.yaml, services/ and
    meetings/ files; hidden files are not plan data."""
    parts = relative.split("/")
    if any(part.startswith(".") for part in parts) or not relative.endswith(YAML_SUFFIX):
        return relative == PLAN_FILE
    if parts[0] == ACTIVITIES:
        return card_group(relative) is not None
    return parts[0] in (SERVICES, MEETINGS) and len(parts) == 2


def files_at(repo: Path, commit_hash: str, prefix: str) -> dict[str, bytes]:
    """The plan's files at a commit, by path relative to the plan folder."""
    specs = [prefix + name for name in (PLAN_FILE, ACTIVITIES, SERVICES, MEETINGS)]
    listed = _git(repo, "ls-tree", "-r", "-z", "--name-only", "--full-tree", commit_hash, "--",
                  *specs).decode("utf-8", "surrogateescape")
    paths = [p for p in listed.split("\0") if p and is_plan_file(p[len(prefix):])]
    blobs = read_blobs(repo, [(commit_hash, p) for p in paths])
    return {path[len(prefix):]: blob for path, blob in zip(paths, blobs, strict=True)
            if blob is not None}


def read_blobs(repo: Path, wanted: list[tuple[str, str]]) -> list[bytes | None]:
    """The contents of ``commit:path`` for each pair, in one git process."""
    usable = [(c, p) for c, p in wanted if "\n" not in p]
    if not usable:
        return [None] * len(wanted)
    request = "".join(f"{c}:{p}\n" for c, p in usable).encode("utf-8", "surrogateescape")
    out = _git(repo, "cat-file", "--batch", stdin=request)
    found: dict[tuple[str, str], bytes | None] = {}
    offset = 0
    for pair in usable:
        end = out.index(b"\n", offset)
        header = out[offset:end].split()
        offset = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            found[pair] = out[offset:offset + size]
            offset += size + 1
        elif len(header) == 3:  # a tree or another object: skip its body
            offset += int(header[2]) + 1
            found[pair] = None
        else:
            found[pair] = None
    return [found.get(pair) for pair in wanted]


def working_files(root: Path) -> dict[str, bytes]:
    """The plan's files as they are on disk, by relative path."""
    found: dict[str, bytes] = {}
    if (root / PLAN_FILE).is_file():
        found[PLAN_FILE] = (root / PLAN_FILE).read_bytes()
    for path in sorted(root.glob("*/*.yaml")) + sorted(root.glob(f"{ACTIVITIES}/*/*.yaml")):
        relative = path.relative_to(root).as_posix()
        if is_plan_file(relative) and path.is_file():
            found[relative] = path.read_bytes()
    return found


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


def snapshot(files: dict[str, bytes]) -> Snapshot:
    """A Plan from file contents: each document parsed and validated on its own."""
    plan, skipped = Plan(), []
    for relative in sorted(files):
        parts = relative.split("/")
        data = files[relative]
        if relative == PLAN_FILE:
            plan.meta = validated(PlanFile, data, relative)
            found: object = plan.meta
        elif parts[0] == ACTIVITIES:
            found = activity = validated(Activity, data, relative)
            if activity is not None:
                activity._group = card_group(relative) or ""
                plan.activities.append(activity)
        elif parts[0] == SERVICES:
            found = service = validated(Service, data, relative)
            if service is not None:
                plan.services.append(service)
        else:
            found = meeting = validated(Meeting, data, relative)
            if meeting is not None:
                plan.meetings.append(meeting)
        if found is None:
            skipped.append(relative)
    return Snapshot(plan, skipped)


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
