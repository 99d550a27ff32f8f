"""Changing the plan: one document at a time, surgically, re-validated before it is written.

Each command builds ``Change`` values (a file's bytes before and after) without touching
the disk; ``check`` loads a copy of the plan with the changes in it and says which errors
they would add; ``write`` writes them atomically, refusing a file that changed on disk
since it was read. The caller holds the plan's lock (``yamlio.write.plan_lock``) from
reading to writing, so edits made at once by several kplan processes all land.
"""

from __future__ import annotations

import difflib
import re
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from pathlib import Path

from kplan.diagnostics import Diagnostic, Severity
from kplan.edit.finding import find_activity, find_meeting, pick
from kplan.edit.plancopy import added, copy_file, loaded_copies
from kplan.edit.problem import Conflict, EditProblem
from kplan.load.cache import DocumentCache
from kplan.load.warm import load_checked
from kplan.plan.activity import Activity
from kplan.plan.files import read_at, read_only, writable_target
from kplan.plan.layout import MEETINGS, PLAN_FILE, SERVICES, YAML_SUFFIX, card_path
from kplan.plan.model import Plan
from kplan.plan.statuses import (
    STATUS_WORDS,
    EvaluationStatus,
    MilestoneStatus,
    TaskStatus,
    status_word,
)
from kplan.query import catalog
from kplan.query.status import meeting_id
from kplan.yamlio import read_document
from kplan.yamlio.textedit import AppendItem, FlowMap, Op, Scalar, SetKey, TextEditError, edit_text
from kplan.yamlio.write import atomic_write, content_hash

__all__ = ["Change", "Conflict", "EditProblem", "add_milestone", "check", "diff", "evaluate",
           "find_activity", "find_meeting", "mark_done", "new_file", "pick", "preview",
           "set_status", "task_done", "write"]


@dataclass(frozen=True, slots=True)
class Change:
    """One file's content before (None: a new file) and after the edit."""

    file: str
    """Relative to the plan root, with forward slashes."""
    old: bytes | None
    new: bytes
    what: tuple[str, str] | None = None
    """What changed, in Czech and English, for the user (``krok 1 „…“ splněn``)."""


# --- the edits ---------------------------------------------------------------------------------

def _edit(root: Path, file: str, ops: Sequence[Op]) -> Change:
    old = _current(root, file)
    if old is None:
        raise EditProblem(f"Soubor {file} nejde přečíst; spusťte kplan validate a opravte ho.",
                          f"{file} cannot be read; run kplan validate and fix it.", exit_code=1)
    if read_only(writable_target(root, file)):
        raise EditProblem(f"Soubor {file} je jen pro čtení; kplan ho nezmění. Povolte zápis "
                          f"(např. chmod u+w {file}) a spusťte příkaz znovu.",
                          f"{file} is read-only; kplan does not change it. Allow writing "
                          f"(e.g. chmod u+w {file}) and run the command again.", exit_code=1)
    try:
        text = old.decode("utf-8")
        new = edit_text(text, ops).encode("utf-8")
    except (UnicodeDecodeError, TextEditError):
        raise EditProblem(f"Soubor {file} nejde upravit bez ztráty dat; upravte ho ručně.",
                          f"{file} cannot be changed without losing data; edit it by hand.",
                          exit_code=1) from None
    return Change(file, old, new)


def _current(root: Path, file: str) -> bytes | None:
    raw = read_at(root, file)
    return raw.data if raw is not None else None


def _milestone(activity: Activity, query: str) -> int:
    return pick([m.title for m in activity.milestones], query, ("krok", "milestone"),
                activity.ref)


def status_language(root: Path, plan: Plan) -> str:
    """The language of the status words the plan's files are written in: ``status_words``
    of plan.yaml (``cs`` or ``en``, the default), read from the file when the model does
    not know the field."""
    given = getattr(plan.meta, "status_words", None)
    if given is None:
        document, _ = read_document(root / PLAN_FILE, PLAN_FILE)
        data = document.data if document is not None else None
        given = data.get("status_words") if isinstance(data, dict) else None
    return "cs" if str(given or "").strip().lower() in ("cs", "cz", "czech", "česky") else "en"


def _status_op(root: Path, plan: Plan, path: tuple[str | int, ...], kind: str,
               current: StrEnum | None, wanted: StrEnum) -> list[Op]:
    """Setting a status to ``wanted`` in the plan's words; none when it already means that
    (a status written in other words stays as it is)."""
    if current == wanted:
        return []
    return [SetKey(path, "status", status_word(kind, wanted.value, status_language(root, plan)))]


def mark_done(root: Path, plan: Plan, ref: str, milestone: str, day: date) -> Change:
    """The milestone's status becomes ``done`` and its ``done`` day ``day``."""
    activity = find_activity(plan, ref)
    index = _milestone(activity, milestone)
    path = ("milestones", index)
    status = _status_op(root, plan, path, "milestone", activity.milestones[index].status,
                        MilestoneStatus.DONE)
    change = _edit(root, activity.file, [*status, SetKey(path, "done", day.isoformat())])
    title = activity.milestones[index].title
    shown = f"{day.day}. {day.month}. {day.year}"
    return replace(change, what=(f"krok {index + 1} „{title}“ aktivity {activity.ref} "
                                 f"splněn {shown}",
                                 f"milestone {index + 1} '{title}' of {activity.ref} done on "
                                 f"{day.isoformat()}"))


def set_status(root: Path, plan: Plan, ref: str, milestone: str,
               status: MilestoneStatus) -> Change:
    """Only the milestone's ``status`` changes (its ``done`` day, if any, stays)."""
    activity = find_activity(plan, ref)
    index = _milestone(activity, milestone)
    change = _edit(root, activity.file, _status_op(
        root, plan, ("milestones", index), "milestone", activity.milestones[index].status,
        status))
    title = activity.milestones[index].title
    czech = status_word("milestone", status.value, "cs")
    return replace(change, what=(f"krok {index + 1} „{title}“ aktivity {activity.ref}: "
                                 f"{czech}", f"milestone {index + 1} '{title}' of "
                                 f"{activity.ref}: {status.value}"))


def task_done(root: Path, plan: Plan, meeting: str, task: str) -> Change:
    found = find_meeting(plan, meeting)
    index = pick([t.title for t in found.tasks], task, ("úkol", "task"), meeting_id(found))
    change = _edit(root, found.file, _status_op(root, plan, ("tasks", index), "task",
                                                found.tasks[index].status, TaskStatus.DONE))
    title = found.tasks[index].title
    return replace(change, what=(f"úkol {index + 1} „{title}“ splněn",
                                 f"task {index + 1} '{title}' done"))


def evaluate(root: Path, plan: Plan, ref: str, year: int, status: EvaluationStatus | None,
             spent: int | FlowMap | None = None, comment: str | None = None) -> Change:
    """Add the year's evaluation, or change the one there: its status, its ``spent`` (a
    sum, or amounts by source) and ``comment`` when given (one not given stays as it is;
    a status that already means the same stays in its words)."""
    activity = find_activity(plan, ref)
    index = next((i for i, e in enumerate(activity.evaluations) if e.year == year), None)
    current = activity.evaluations[index] if index is not None else None
    word = status_word("evaluation", status.value, status_language(root, plan)) \
        if status is not None and (current is None or current.status != status) else None
    given: dict[str, Scalar | FlowMap] = {"year": year, "status": word, "spent": spent,
                                          "comment": comment}
    item: dict[str, Scalar | FlowMap] = {k: v for k, v in given.items() if v is not None}
    if index is None:
        change = _edit(root, activity.file, [AppendItem((), "evaluations", item)])
    else:
        change = _edit(root, activity.file, [SetKey(("evaluations", index), key, value)
                                             for key, value in item.items() if key != "year"])
    cs, en = (text.format(year=year, ref=activity.ref, now=now) for text, now in zip(
        _EVALUATED[index is None], _evaluated(status, spent, comment), strict=True))
    return replace(change, what=(cs, en))


_EVALUATED = {True: ("nové hodnocení {year} aktivity {ref}: {now}",
                     "new evaluation {year} of {ref}: {now}"),
              False: ("hodnocení {year} aktivity {ref} změněno: {now}",
                      "evaluation {year} of {ref} changed: {now}")}


def _evaluated(status: EvaluationStatus | None, spent: int | FlowMap | None,
               comment: str | None) -> tuple[str, str]:
    """What an evaluation now says: ``plní se, vyčerpáno 150 000 Kč, s komentářem``."""
    cs = [STATUS_WORDS["evaluation"][status.value][0]] if status is not None else []
    en = [status.value] if status is not None else []
    total = sum(v for v in spent.values() if isinstance(v, int)) \
        if isinstance(spent, dict) else spent
    if total is not None:
        cs.append(f"vyčerpáno {total:,} Kč".replace(",", " "))
        en.append(f"spent {total:,} CZK")
    if comment:
        cs.append("s komentářem")
        en.append("with a comment")
    return ", ".join(cs), ", ".join(en)


def due_value(text: str) -> Scalar:
    """A due date as the files write it: a year is a number (``2019``), else text."""
    stripped = text.strip()
    return int(stripped) if re.fullmatch(r"[0-9]{4}", stripped) else stripped


def add_milestone(root: Path, plan: Plan, ref: str, title: str, due: str,
                  status: MilestoneStatus = MilestoneStatus.PLANNED,
                  note: str | None = None) -> Change:
    activity = find_activity(plan, ref)
    item: dict[str, Scalar | FlowMap] = {
        "title": title, "due": due_value(due),
        "status": status_word("milestone", status.value, status_language(root, plan))}
    if note:
        item["note"] = note
    change = _edit(root, activity.file, [AppendItem((), "milestones", item)])
    number = len(activity.milestones) + 1
    return replace(change, what=(f"krok {number} „{title}“ aktivity {activity.ref}, termín {due}",
                                 f"milestone {number} '{title}' of {activity.ref}, due {due}"))


def add_task(root: Path, plan: Plan, meeting: str, title: str, owner: str | None = None,
             due: str | None = None, activity: str | None = None) -> Change:
    """A new open task at the end of the meeting's tasks."""
    found = find_meeting(plan, meeting)
    item: dict[str, Scalar | FlowMap] = {"title": title}
    if owner:
        item["owner"] = owner
    if due:
        item["due"] = due_value(due)
    item["status"] = status_word("task", TaskStatus.OPEN.value, status_language(root, plan))
    if activity:
        item["activity"] = activity
    change = _edit(root, found.file, [AppendItem((), "tasks", item)])
    return replace(change, what=(f"úkol {len(found.tasks) + 1} „{title}“",
                                 f"task {len(found.tasks) + 1} '{title}'"))


def add_decision(root: Path, plan: Plan, meeting: str, text: str) -> Change:
    """A decision at the end of the meeting's decisions (quoted when YAML needs it)."""
    found = find_meeting(plan, meeting)
    change = _edit(root, found.file, [AppendItem((), "decisions", text)])
    return replace(change, what=(f"usnesení {len(found.decisions) + 1}",
                                 f"decision {len(found.decisions) + 1}"))


TEXT_FIELDS = {"title": ("nazev",), "responsible": ("odpovedna-osoba", "odpovedny", "odpovedna"),
               "area": ("uzemi",), "measure": ("opatreni",)}
LIST_FIELDS = {"implementers": ("realizator", "realizatori"),
               "partners": ("partner", "partneri", "spolupracujici"),
               "description": ("popis",), "target_groups": ("cilove-skupiny",),
               "outputs": ("vystupy",), "risks": ("rizika",)}
"""The card's simple fields ``kplan set`` changes, with the Czech names it takes for them."""


def card_field(name: str) -> str | None:
    """A card field by its key or Czech name (any case, with or without diacritics)."""
    wanted = catalog.fold(name).replace("_", "-").replace(" ", "-")
    for key, czech in {**TEXT_FIELDS, **LIST_FIELDS}.items():
        if wanted in (key.replace("_", "-"), *czech):
            return key
    return None


def set_field(root: Path, plan: Plan, ref: str, key: str, values: Sequence[str]) -> Change:
    """A simple field of the card becomes the values given (a text field takes one; no
    value empties it: null or [])."""
    activity = find_activity(plan, ref)
    value: Scalar | list[Scalar]
    if key in LIST_FIELDS:
        value = [v for v in values if v.strip()]
    elif len(values) > 1:
        raise EditProblem(f"Pole {key} má jednu hodnotu; dejte text do uvozovek: "
                          f"kplan set {ref} {key} \"{' '.join(values)}\".",
                          f"{key} takes one value; put the text in quotes: "
                          f"kplan set {ref} {key} \"{' '.join(values)}\".")
    else:
        value = values[0].strip() or None if values else None
    change = _edit(root, activity.file, [SetKey((), key, value)])
    shown = ", ".join(map(str, value)) if isinstance(value, list) else value
    return replace(change, what=(f"{key} aktivity {activity.ref}: {shown or 'prázdné'}",
                                 f"{key} of {activity.ref}: {shown or 'empty'}"))


def new_file(root: Path, file: str, text: str) -> Change:
    """A new file; refused when one is there already (kplan never overwrites by creating)."""
    path = root / file
    if path.exists() or path.is_symlink():
        raise EditProblem(f"Soubor {path.as_posix()} už existuje; kplan ho nepřepíše.",
                          f"{path.as_posix()} already exists; kplan does not overwrite it.",
                          exit_code=1)
    return Change(file, None, text.encode("utf-8"))


def free_meeting_file(root: Path, day: date, group: str) -> str:
    """``meetings/<day>-<group>.yaml``; a second meeting that day ``-2``, then ``-3``…"""
    base = f"{MEETINGS}/{day.isoformat()}-{group}"
    file, number = f"{base}{YAML_SUFFIX}", 1
    while (root / file).exists() or (root / file).is_symlink():
        number += 1
        file = f"{base}-{number}{YAML_SUFFIX}"
    return file


def activity_file(group: str, number: str) -> str:
    return card_path(group, number)


def service_file(service_id: str) -> str:
    return f"{SERVICES}/{service_id}{YAML_SUFFIX}"


# --- checking before writing -------------------------------------------------------------------

def check(root: Path, changes: Sequence[Change], today: date) -> list[Diagnostic]:
    """The errors the changes would add to the plan (empty: safe to write)."""
    return check_all(root, changes, today)[0]


def check_all(root: Path, changes: Sequence[Change], today: date,
              cache: DocumentCache | None = None, before: Sequence[Diagnostic] | None = None
              ) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """The errors and the warnings the changes would add to the plan.

    The plan is loaded before and after the changes; errors the plan already had (in any
    file) do not block an edit, only errors that are new do. Diagnostics are compared
    without their line, since an edit moves the lines below it. With the plan's ``cache``
    and the diagnostics of its load ``before`` the changes, the plan is loaded again from
    the cache with the changed files' new bytes in place (``load_checked``): nothing on
    disk is touched, and only the changed files are validated. Else (a new file, a link,
    no cache) a copy of the plan is loaded before and after (``plancopy``).
    """
    new = {change.file: change.new for change in changes}
    if cache is not None and before is not None and in_place(root, changes, cache):
        after = load_checked(root, today, cache, changed=new).diagnostics
    else:
        before, after = loaded_copies(root, new, today, cache)
    return added(before, after, Severity.ERROR), added(before, after, Severity.WARNING)


def in_place(root: Path, changes: Sequence[Change], cache: DocumentCache) -> bool:
    """Whether the changes can be checked without a copy: each changes a document the
    plan's scan found, that is no link."""
    return all(change.old is not None and cache.digest(change.file) is not None
               and writable_target(root, change.file) == root / change.file
               for change in changes)


@contextmanager
def preview(root: Path, changes: Sequence[Change],
            diagnostics: Sequence[Diagnostic]) -> Iterator[Path]:
    """A folder with the changed files as they would be, and the other files the
    diagnostics name, for showing each diagnostic with its source line."""
    with tempfile.TemporaryDirectory(prefix="kplan-preview-") as folder:
        shown = Path(folder)
        for change in changes:
            target = shown / change.file
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(change.new)
        changed = {c.file for c in changes}
        for file in {d.file for d in diagnostics} - changed:
            source = root / file
            if source.is_file() and not source.is_symlink():
                (shown / file).parent.mkdir(parents=True, exist_ok=True)
                copy_file(source, shown / file)
        yield shown


# --- writing -----------------------------------------------------------------------------------

def write(root: Path, changes: Sequence[Change]) -> None:
    """Write the changes atomically; ``Conflict`` and nothing written when a file is no
    longer what it was when it was read (or a new file has appeared meanwhile). A card that
    is a link inside the plan is written where the link leads: the link stays a link."""
    for change in changes:
        if content_hash(_current(root, change.file)) != content_hash(change.old):
            raise Conflict(change.file, (root / change.file).as_posix())
    for change in changes:
        atomic_write(writable_target(root, change.file), change.new)


def diff(changes: Sequence[Change]) -> str:
    """The changes as a unified diff (``a/`` before, ``b/`` after)."""
    parts = []
    for change in changes:
        old = (change.old or b"").decode("utf-8", errors="replace").splitlines(keepends=True)
        new = change.new.decode("utf-8", errors="replace").splitlines(keepends=True)
        before = f"a/{change.file}" if change.old is not None else "/dev/null"
        lines = difflib.unified_diff(old, new, before, f"b/{change.file}")
        parts.append("".join(line if line.endswith("\n") else line + "\n" for line in lines))
    return "".join(parts)
