"""`kplan init`: a new plan repository that checks itself.

Everything is computed first and checked against what already exists; only when no file
would be overwritten is anything written. The files that do not depend on the plan live
under ``kplan/scaffold/`` (package data); ``plan.yaml`` and the editor settings are built
here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from kplan import __version__
from kplan.i18n import Lang
from kplan.load.locations import model_problems
from kplan.plan.layout import ACTIVITIES, MEETINGS, PLAN_FILE, SERVICES
from kplan.plan.planfile import PlanFile
from kplan.plan.schema import EDITOR_GLOBS, schema_file_name, schema_files
from kplan.resources import guide

SCHEMAS = "schemas"
TEMPLATES = "templates"

# target in the plan repository → file under kplan/scaffold/
_SCAFFOLD = {
    "README.md": "README.md",
    ".gitattributes": "gitattributes",
    ".gitignore": "gitignore",
    ".github/workflows/kplan.yml": "github-workflow.yml",
    ".gitlab-ci.yml": "gitlab-ci.yml",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
}
GUIDE = "NAVOD.md"
WORKFLOW = ".github/workflows/kplan.yml"
GITLAB_CI = ".gitlab-ci.yml"
PRE_COMMIT_CONFIG = ".pre-commit-config.yaml"


@dataclass(frozen=True, slots=True)
class PlanSettings:
    """What a new plan needs to know; a group is optional (``groups: []`` validates)."""

    town: str
    start: int
    end: int
    title: str | None = None
    group_id: str | None = None
    group_name: str | None = None
    kplan_repo: str | None = None
    """A git repository of kplan (``--kplan-repo``); None: kplan comes from the package
    index, ``kplan==<version>``."""

    @property
    def plan_title(self) -> str:
        return self.title or \
            f"Komunitní plán sociálních služeb {self.town} {self.start}–{self.end}"

    @property
    def kplan_rev(self) -> str:
        return f"v{__version__}"

    @property
    def kplan_pip(self) -> str:
        if self.kplan_repo is None:
            return f"kplan=={__version__}"
        return f"kplan @ git+{self.kplan_repo}@{self.kplan_rev}"


@dataclass(frozen=True, slots=True)
class InitResult:
    written: list[str]
    """Paths relative to the new repository, in the order written."""
    existing: list[str]
    """Files that already exist: when any does, nothing is written."""


def plan_problems(settings: PlanSettings, lang: Lang = "cs") -> list[str]:
    """Why these settings would not make a valid plan.yaml, or nothing."""
    return model_problems(PlanFile, plan_data(settings), lang)


def plan_data(settings: PlanSettings) -> dict[str, object]:
    groups = [] if settings.group_id is None else \
        [{"id": settings.group_id, "name": settings.group_name or settings.group_id}]
    return {"title": settings.plan_title, "area": settings.town,
            "period": {"start": settings.start, "end": settings.end},
            "locale": "cs", "currency": "CZK", "groups": groups}


def plan_yaml(settings: PlanSettings) -> str:
    """plan.yaml as a coordinator would write it; text in JSON quotes is valid YAML."""
    def q(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    lines = [f"title: {q(settings.plan_title)}", f"area: {q(settings.town)}",
             f"period: {{start: {settings.start}, end: {settings.end}}}",
             "locale: cs                 # jazyk výstupů: cs nebo en", "currency: CZK"]
    if settings.group_id is None:
        lines += ["groups: []                 # pracovní skupiny: - {id: protidrogova-prevence, "
                  "name: Pracovní skupina ...}"]
    else:
        lines += ["groups:", f"  - id: {settings.group_id}",
                  f"    name: {q(settings.group_name or settings.group_id)}",
                  "    coordinator: null",
                  "    priorities: []             # - {number: \"1\", title: ..., measures: "
                  "[{number: \"1.1\", title: ...}]}"]
    return "\n".join(lines) + "\n"


def vscode_settings() -> str:
    schemas = {f"{SCHEMAS}/{schema_file_name(kind)}": globs
               for kind, globs in EDITOR_GLOBS.items()}
    settings = {"yaml.schemas": schemas, "files.eol": "\n",
                "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2}}
    return json.dumps(settings, ensure_ascii=False, indent=2) + "\n"


def vscode_extensions() -> str:
    return json.dumps({"recommendations": ["redhat.vscode-yaml"]}, indent=2) + "\n"


def scaffold_text(name: str, settings: PlanSettings) -> str:
    text = files("kplan").joinpath("scaffold", name).read_text(encoding="utf-8")
    for marker, value in (("@KPLAN_PIP@", settings.kplan_pip),
                          ("@KPLAN_REPO@", settings.kplan_repo or ""),
                          ("@KPLAN_REV@", settings.kplan_rev),
                          ("@TITLE@", settings.plan_title), ("@AREA@", settings.town),
                          ("@START@", str(settings.start)), ("@END@", str(settings.end))):
        text = text.replace(marker, value)
    return text


def guide_text() -> str:
    """The guide, its links to docs/codes.md pointed at the copy's neighbour, kplan's own."""
    text = guide().read_text(encoding="utf-8")
    return text.replace("v [codes.md](codes.md)", "v dokumentaci kplanu (docs/codes.md)")


def repository_files(settings: PlanSettings) -> dict[str, str]:
    """Every file of the new repository but the schemas, by relative path."""
    contents = {PLAN_FILE: plan_yaml(settings)}
    contents.update({target: scaffold_text(source, settings)
                     for target, source in _SCAFFOLD.items()})
    if settings.kplan_repo is None:
        contents[PRE_COMMIT_CONFIG] = scaffold_text("pre-commit-config-index.yaml", settings)
    contents[GUIDE] = guide_text()
    contents[".vscode/settings.json"] = vscode_settings()
    contents[".vscode/extensions.json"] = vscode_extensions()
    for folder in (ACTIVITIES, SERVICES, MEETINGS, TEMPLATES):
        contents[f"{folder}/.gitkeep"] = ""
    return contents


def init_repository(target: Path, settings: PlanSettings) -> InitResult:
    """Write the repository into ``target`` unless that would overwrite a file."""
    contents = repository_files(settings)
    contents.update({f"{SCHEMAS}/{name}": text for name, text in schema_files().items()})
    existing = sorted(p for p in contents
                      if (target / p).exists() or (target / p).is_symlink())
    if existing:
        return InitResult([], existing)
    written = []
    for relative, text in contents.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        written.append(relative)
    return InitResult(written, [])
