"""Walk a plan tree, validate every document, run the cross-file checks.

``load_plan`` never raises on bad data and never stops at the first problem: it returns
the plan (everything that validated) and every diagnostic, each with its file, line and
column.
"""

from __future__ import annotations

import errno
import functools
import gc
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from kplan.checks import CHECKS, CheckContext
from kplan.diagnostics import Diagnostic, sorted_diagnostics
from kplan.diagnostics.codes import diag
from kplan.diagnostics.suppress import Suppressions
from kplan.load.cache import DocumentCache, Entry, Outcome, Scan, digest_of
from kplan.load.controls import control_diagnostics
from kplan.load.locations import validation_diagnostics
from kplan.load.pool import Prepared, prepare
from kplan.plan.layout import (
    ACTIVITIES,
    MEETINGS,
    PLAN_FILE,
    SERVICES,
    YAML_SUFFIX,
    card_group,
    max_files,
    safe_name,
    shown_name,
)
from kplan.plan.model import Activity, Meeting, Plan, PlanFile, Service, _Document
from kplan.yamlio import (
    BOM,
    Document,
    RawFile,
    os_reason,
    parse_bytes,
    position_of,
    read_document,
    read_raw,
)

DocumentT = TypeVar("DocumentT", bound=_Document)


@dataclass(slots=True)
class LoadResult:
    root: Path
    plan: Plan
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def outcome(self) -> Outcome:
        plan = self.plan
        counts = {"activity": len(plan.activities), "service": len(plan.services),
                  "meeting": len(plan.meetings)}
        locale = plan.meta.locale.value if plan.meta else None
        return Outcome(tuple(self.diagnostics), counts, locale)


def load_plan(root: Path, today: date | None = None, *,
              cache: DocumentCache | None = None) -> LoadResult:
    """Read, validate and check the plan at ``root``.

    With a ``cache``, documents unchanged since an earlier run come from it instead of
    being parsed and validated again, and the outcome is remembered for the next run.
    """
    day = today or date.today()
    seen = cache.scan(root) if cache is not None else Scan((), {})
    collecting = gc.isenabled()
    gc.disable()  # a bulk load makes many objects and frees none: collections are waste
    try:
        loader = _Loader(root, cache, seen.contents)
        loader.prepared = _prepared(root, cache)
        loader.load()
        gc.freeze()  # what loaded lives on: later collections need not look at it again
    finally:
        if collecting:
            gc.enable()
        if loader.prepared is not None:
            loader.prepared.close()
    result = _checked(root, loader, day)
    if cache is not None:
        cache.remember(day, seen.fingerprint, result.outcome)
        cache.save()
    return result


def _prepared(root: Path, cache: DocumentCache | None) -> Prepared | None:
    """A worker validating half of what the cache lacks, when that is much."""
    if cache is None:
        return None
    missing = [file for file in cache.missing() if _model_for(file) is not None]
    return prepare(missing, functools.partial(_entry_of, root))


def _model_for(file: str) -> type[_Document] | None:
    parts = file.split("/")
    if not file.endswith(YAML_SUFFIX):
        return None
    if parts == [PLAN_FILE]:
        return PlanFile
    if card_group(file) is not None:
        return Activity
    folders: dict[str, type[_Document]] = {SERVICES: Service, MEETINGS: Meeting}
    return folders.get(parts[0]) if len(parts) == 2 else None


def _entry_of(root: Path, file: str) -> Entry | None:
    """What reading and validating the file gives, as the loader would make it."""
    model = _model_for(file)
    problems: list[Diagnostic] = []
    raw = read_raw(root / file, file, problems)
    if raw is None or model is None:
        return None
    document = parse_bytes(raw.data, file, problems)
    result = None if document is None else _Loader._model_of(document, model, problems)
    suppressions = document.suppressions if document is not None else None
    return Entry(raw.size, digest_of(raw.data), result, tuple(problems), suppressions)


def _checked(root: Path, loader: _Loader, today: date) -> LoadResult:
    context = CheckContext(plan=loader.plan, today=today)
    for check in CHECKS:
        loader.diagnostics.extend(check(context))
    diagnostics = _apply_suppressions(_with_positions(root, loader.diagnostics),
                                      loader.suppressions)
    return LoadResult(root=root, plan=loader.plan, diagnostics=sorted_diagnostics(diagnostics))


class _Loader:
    def __init__(self, root: Path, cache: DocumentCache | None = None,
                 contents: dict[str, bytes] | None = None) -> None:
        self.root = root
        self.cache = cache
        self.contents = contents or {}
        """Files already read (by the cache's scan), by their path in the plan."""
        self.real_root = root.resolve()
        self.plan = Plan()
        self.diagnostics: list[Diagnostic] = []
        self.suppressions: dict[str, Suppressions] = {}
        self.prepared: Prepared | None = None
        """Entries a worker process validates meanwhile (``kplan.load.pool``)."""
        self.files_left = max_files()
        """How many more files of the data folders may be read; below zero: stopped, said so."""

    def load(self) -> None:
        plan_path = self.root / PLAN_FILE
        if not plan_path.exists() and not plan_path.is_symlink():
            self.diagnostics.append(diag(PLAN_FILE, "KP114", line=1, column=1))
        elif self._inside_root(plan_path):
            self.plan.meta = self._validate(plan_path, PlanFile)
        self._load_activities()
        for path in self._yaml_files(self.root / SERVICES):
            self.plan.present_service_ids.add(path.stem)
            service = self._validate(path, Service)
            if service is not None:
                self.plan.services.append(service)
        for path in self._yaml_files(self.root / MEETINGS):
            meeting = self._validate(path, Meeting)
            if meeting is not None:
                self.plan.meetings.append(meeting)

    def _load_activities(self) -> None:
        folder = self.root / ACTIVITIES
        for entry in self._entries(folder):
            if entry.is_dir():
                for path in self._yaml_files(entry):
                    self._load_activity(path, entry.name)
            elif entry.suffix == YAML_SUFFIX:
                self._load_activity(entry, "")
            else:
                self._not_yaml(entry)

    def _load_activity(self, path: Path, group: str) -> None:
        """A card of ``group``; ``""``: a card of the plan as a whole, its reference bare."""
        self.plan.present_activity_refs.add(f"{group}/{path.stem}" if group else path.stem)
        activity = self._validate(path, Activity)
        if activity is not None:
            activity._group = group
            self.plan.activities.append(activity)

    def _validate(self, path: Path, model: type[DocumentT]) -> DocumentT | None:
        """The file's model, or None; its problems go to the plan's diagnostics."""
        file = self._rel(path)
        entry = self._read_and_validate(path, file, model)
        self.diagnostics.extend(entry.diagnostics)
        if entry.suppressions is not None:
            self.suppressions[file] = entry.suppressions
        return entry.model if isinstance(entry.model, model) else None

    def _read_and_validate(self, path: Path, file: str, model: type[_Document]) -> Entry:
        problems: list[Diagnostic] = []
        known = self.contents.pop(file, None)
        made = self.prepared.take(file) if self.prepared is not None else None
        if made is not None and self.cache is not None and self.cache.adopt(file, made):
            return made
        if known is None and self.cache is not None:
            unchanged = self.cache.unchanged(file)
            if unchanged is not None:
                return unchanged
        raw = RawFile(known, len(known)) if known is not None else read_raw(path, file, problems)
        if raw is None:
            return Entry(0, b"", None, tuple(problems), None)
        if self.cache is not None:
            cached = self.cache.lookup(file, raw)
            if cached is not None:
                return cached
        document = parse_bytes(raw.data, file, problems)
        if document is not None:
            problems.extend(control_diagnostics(document, lambda: _text_of(raw)))
        result = None if document is None else self._model_of(document, model, problems)
        suppressions = document.suppressions if document is not None else None
        if self.cache is not None:
            self.cache.store(file, raw, result, tuple(problems), suppressions)
        return Entry(raw.size, b"", result, tuple(problems), suppressions)

    @staticmethod
    def _model_of(document: Document, model: type[_Document],
                  problems: list[Diagnostic]) -> _Document | None:
        if document.root is None:
            return None
        try:
            result = model.model_validate(document.data)
        except ValidationError as error:
            problems.extend(validation_diagnostics(error, model, document.root, document.file))
            return None
        result._file = document.file
        return result

    def _yaml_files(self, folder: Path) -> Iterator[Path]:
        for entry in self._entries(folder):
            if entry.suffix == YAML_SUFFIX and not entry.is_dir():
                yield entry
            else:
                self._not_yaml(entry)

    def _entries(self, folder: Path) -> Iterator[Path]:
        """The visible entries of a folder, in name order, none of them outside the plan."""
        if not (folder.exists() or folder.is_symlink()) or not self._inside_root(folder):
            return
        if not folder.is_dir():
            self.diagnostics.append(diag(self._rel(folder), "KP113", line=1, column=1,
                                         reason=os_reason(NotADirectoryError(
                                             errno.ENOTDIR, "Not a directory"))))
            return
        try:
            names = sorted(os.listdir(folder))
        except OSError as error:
            self.diagnostics.append(diag(self._rel(folder), "KP113", line=1, column=1,
                                         reason=os_reason(error)))
            return
        for name in names:
            if name.startswith("."):
                continue  # hidden, e.g. a temporary file of an interrupted write
            entry = folder / name
            if not safe_name(name):
                self.diagnostics.append(diag(f"{self._rel(folder)}/{shown_name(name)}", "KP118",
                                             line=1, column=1))
                continue
            if not self._within_file_limit(entry):
                return
            if self._inside_root(entry):
                yield entry

    def _within_file_limit(self, entry: Path) -> bool:
        """False once the plan's files exceed the limit; the first file over it is reported."""
        if entry.is_dir() and not entry.is_symlink():
            return self.files_left >= 0
        self.files_left -= 1
        if self.files_left == -1:
            self.diagnostics.append(diag(self._rel(entry), "KP116", line=1, column=1,
                                         limit=max_files()))
        return self.files_left >= 0

    def _inside_root(self, entry: Path) -> bool:
        """False, with a diagnostic, for a link that leads outside the plan or nowhere."""
        if not entry.is_symlink():
            return True
        try:
            target = entry.resolve(strict=True)
        except (OSError, RuntimeError) as error:
            self.diagnostics.append(diag(self._rel(entry), "KP113", line=1, column=1,
                                         reason=os_reason(error)))
            return False
        if target.is_relative_to(self.real_root):
            return True
        self.diagnostics.append(diag(self._rel(entry), "KP109", line=1, column=1,
                                     target=os.readlink(entry)))
        return False

    def _not_yaml(self, entry: Path) -> None:
        if entry.suffix == ".yml":
            suggestion = {"cs": f"Přejmenujte ho na {entry.stem}.yaml.",
                          "en": f"Rename it to {entry.stem}.yaml."}
        elif entry.is_dir():
            suggestion = {"cs": "Složky zde kplan nečte; přesuňte soubory o úroveň výš.",
                          "en": "kplan reads no folders here; move the files one level up."}
        else:
            suggestion = {"cs": "Přesuňte ho jinam (např. do docs/) nebo ho smažte.",
                          "en": "Move it elsewhere (e.g. docs/) or delete it."}
        self.diagnostics.append(diag(self._rel(entry), "KP110", line=1, column=1,
                                     name=entry.name, folder=self._rel(entry.parent),
                                     suggestion=suggestion))

    def _rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()


def _text_of(raw: RawFile) -> str:
    return raw.data.decode("utf-8").removeprefix(BOM)


def _with_positions(root: Path, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Give a line and column to diagnostics that know only their place in a document.

    Cross-file checks speak in document paths; only the few files they point into are
    read again here, so no node tree is kept alive for the whole plan.
    """
    pending: dict[str, list[Diagnostic]] = defaultdict(list)
    done: list[Diagnostic] = []
    for diagnostic in diagnostics:
        (pending[diagnostic.file] if diagnostic.line == 0 else done).append(diagnostic)
    for file, waiting in pending.items():
        document, _ = read_document(root / file, file)
        for diagnostic in waiting:
            if document is None or document.root is None or diagnostic.loc is None:
                done.append(diagnostic.at(1, 1))
                continue
            position = position_of(document.root, diagnostic.loc, diagnostic.part)
            done.append(diagnostic.at(position.line, position.column))
    return done


def _apply_suppressions(diagnostics: list[Diagnostic],
                        suppressions: dict[str, Suppressions]) -> list[Diagnostic]:
    kept = [d for d in diagnostics
            if d.file not in suppressions or not suppressions[d.file].covers(d)]
    for found in suppressions.values():
        kept.extend(found.unknown)
    return kept
