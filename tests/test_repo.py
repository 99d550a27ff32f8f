"""A plan repository from `kplan init`: it validates, its CI steps work as written, and
`kplan changes` and `kplan log` read its git history as a working group would."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from kplan import __version__
from kplan.cli import app
from kplan.edit.scaffold import GITLAB_CI, PRE_COMMIT_CONFIG, WORKFLOW
from kplan.plan.schema import EDITOR_GLOBS
from kplan.yamlio import read_document

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
KPLAN = Path(sys.executable).parent / "kplan"
CARD = "activities/drogy/2.1.2.yaml"
runner = CliRunner()

CARD_YAML = """\
id: "2.1.2"
title: Podpořit vznik krizového lůžka
responsible: Jana Nováková
budget: {amount: 200000, per: year}
milestones:
  - title: Zajistit jednání
    due: 2025
  - title: Mapovat možnosti
    due: 2026
evaluations:
  - year: 2025
    status: on_track
"""
OTHER_YAML = """\
id: "3.1.1"
title: Síťování služeb
responsible: Petr Novák
"""
MEETING_YAML = """\
date: 2025-01-20
group: drogy
title: Schůzka skupiny
tasks:
  - title: Oslovit poskytovatele
    owner: Jana
    due: 2025-03
"""
PRIORITIES = """\
    priorities:
      - number: "2"
        measures: [{number: "2.1"}]
      - number: "3"
        measures: [{number: "3.1"}]
"""


def kplan(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"GITHUB_ACTIONS": "", "KPLAN_LANG": ""})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def git(cwd: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          check=True)
    return done.stdout


def init(folder: Path, *extra: str) -> Path:
    code, output = kplan("init", str(folder), "--town", "Testov", "--start", "2025", "--end",
                         "2028", *extra)
    assert code == 0, output
    return folder


def write(root: Path, relative: str, text: str) -> None:
    (root / relative).parent.mkdir(parents=True, exist_ok=True)
    (root / relative).write_text(text, encoding="utf-8")


def edit(root: Path, relative: str, old: str, new: str) -> None:
    text = (root / relative).read_text(encoding="utf-8")
    assert old in text, old
    (root / relative).write_text(text.replace(old, new, 1), encoding="utf-8")


def first_commit(root: Path) -> Path:
    """``root`` as a git repository with everything in it committed once, by Jana."""
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Jana Nováková")
    git(root, "config", "user.email", "jana@example.org")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Plán", date="2025-01-21T10:00:00")
    return root


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository from kplan init with one group, two cards and a meeting, committed."""
    root = init(tmp_path / "plan", "--group", "drogy", "--group-name", "Protidrogová prevence")
    plan = (root / "plan.yaml").read_text(encoding="utf-8")
    write(root, "plan.yaml", re.sub(r"    priorities: \[\].*\n", PRIORITIES, plan))
    write(root, CARD, CARD_YAML)
    write(root, "activities/drogy/3.1.1.yaml", OTHER_YAML)
    write(root, "meetings/2025-01-20-drogy.yaml", MEETING_YAML)
    return first_commit(root)


# --- kplan init -------------------------------------------------------------------------------

def test_init_writes_a_repository_that_passes_strict_validation(tmp_path: Path) -> None:
    root = init(tmp_path / "new")
    written = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    assert written == sorted([
        ".gitattributes", ".github/workflows/kplan.yml", ".gitignore", ".gitlab-ci.yml",
        ".pre-commit-config.yaml", ".vscode/extensions.json", ".vscode/settings.json",
        "NAVOD.md", "README.md", "activities/.gitkeep", "meetings/.gitkeep", "plan.yaml",
        "schemas/activity.schema.json", "schemas/meeting.schema.json", "schemas/needs.schema.json",
        "schemas/plan.schema.json", "schemas/service.schema.json", "services/.gitkeep",
        "templates/.gitkeep"])
    assert kplan("validate", str(root), "--strict")[0] == 0
    plan = (root / "plan.yaml").read_text(encoding="utf-8")
    assert 'title: "Komunitní plán sociálních služeb Testov 2025–2028"' in plan
    assert "groups: []" in plan
    assert "*.yaml text eol=lf" in (root / ".gitattributes").read_text(encoding="utf-8")
    assert ".kplan.lock" in (root / ".gitignore").read_text(encoding="utf-8").splitlines()
    settings = json.loads((root / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"]["schemas/activity.schema.json"] == ["activities/*/*.yaml"]
    extensions = json.loads((root / ".vscode/extensions.json").read_text(encoding="utf-8"))
    assert extensions == {"recommendations": ["redhat.vscode-yaml"]}
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert readme.index("[NAVOD.md](NAVOD.md)") < readme.index("## Co kde je")
    assert readme.index("## Běžné práce příkazy") < readme.index("## Ruční úpravy souborů")
    assert (root / "NAVOD.md").read_text(encoding="utf-8").startswith("# Návod pro koordinátor")


def test_init_with_a_group_and_title(tmp_path: Path) -> None:
    root = init(tmp_path / "new", "--title", "2. komunitní plán", "--group", "seniori",
                "--group-name", "Senioři")
    assert kplan("validate", str(root), "--strict")[0] == 0
    plan = (root / "plan.yaml").read_text(encoding="utf-8")
    assert 'title: "2. komunitní plán"' in plan and "  - id: seniori" in plan


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "old"
    write(root, "README.md", "můj\n")
    code, output = kplan("init", str(root), "--town", "T", "--start", "2025", "--end", "2026")
    assert code == 1
    assert "README.md" in output and "nic jsem nezapsal" in output
    assert [p.name for p in root.iterdir()] == ["README.md"]
    assert (root / "README.md").read_text(encoding="utf-8") == "můj\n"


def test_init_without_a_terminal_names_the_missing_options(tmp_path: Path) -> None:
    code, output = kplan("init", str(tmp_path / "x"), "--town", "T")
    assert code == 2
    assert "Chybí --start, --end" in output
    assert not (tmp_path / "x").exists()


def test_init_refuses_values_that_make_no_valid_plan(tmp_path: Path) -> None:
    code, output = kplan("init", str(tmp_path / "x"), "--town", "T", "--start", "2028",
                         "--end", "2025")
    assert code == 2 and "plan.yaml" in output
    code, _ = kplan("init", str(tmp_path / "x"), "--town", "T", "--start", "2025", "--end",
                    "2026", "--group", "Drogy!", "--group-name", "D")
    assert code == 2
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize("kind", EDITOR_GLOBS)
def test_schemas_written_by_init_validate_the_example_plan(tmp_path: Path, kind: str) -> None:
    root = init(tmp_path / "new")
    schema = json.loads((root / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema,
                                                format_checker=jsonschema.FormatChecker())
    paths = [p for pattern in EDITOR_GLOBS[kind] for p in sorted(DATA.glob(pattern))]
    paths += [p for pattern in EDITOR_GLOBS[kind] for p in sorted(root.glob(pattern))]
    assert paths
    for path in paths:
        document, problems = read_document(path, path.name)
        assert document is not None and not problems
        assert [e.message for e in validator.iter_errors(document.data)] == [], path


def test_the_readme_examples_are_valid(tmp_path: Path) -> None:
    """The card and the meeting the README of kplan init teaches validate, without KP411."""
    root = init(tmp_path / "new", "--group", "protidrogova-prevence", "--group-name", "P")
    readme = (root / "README.md").read_text(encoding="utf-8")
    card, meeting = re.findall(r"```yaml\n(.*?)```", readme, re.DOTALL)
    write(root, "activities/protidrogova-prevence/2.1.2.yaml", textwrap.dedent(card))
    write(root, "meetings/2026-03-12-protidrogova-prevence.yaml", meeting)
    result = CliRunner().invoke(app, ["validate", str(root), "--format", "json"])
    codes = {d["code"] for d in json.loads(result.stdout)["diagnostics"]}
    assert codes == {"KP402"}  # the measure 2.1 is not in the new plan.yaml yet
    assert '[Jana Nováková, "Renarkon, o.p.s."]' in meeting


def test_generated_ci_files_parse_and_are_safe(tmp_path: Path) -> None:
    root = init(tmp_path / "new")
    workflow = _yaml(root / WORKFLOW)
    assert set(workflow["on"]) == {"pull_request"}
    lines = (root / WORKFLOW).read_text(encoding="utf-8").splitlines()
    assert not [line for line in lines if "pull_request_target" in line.partition("#")[0]]
    assert workflow["permissions"] == {"contents": "read"}
    steps = workflow["jobs"]["plan"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    assert workflow["env"]["KPLAN_PIP"] == f"kplan=={__version__}"
    assert _yaml(root / GITLAB_CI)["kplan"]["variables"]["KPLAN_PIP"] == f"kplan=={__version__}"
    gitlab = _yaml(root / GITLAB_CI)["kplan"]
    assert gitlab["artifacts"]["reports"] == {"codequality": "gl-code-quality-report.json"}
    assert any("--format gitlab > gl-code-quality-report.json" in line
               for line in gitlab["script"])
    hooks = {hook["id"] for hook in _yaml(REPO / ".pre-commit-hooks.yaml")}
    assert hooks == {"kplan-validate", "kplan-fmt"}
    config = _yaml(root / PRE_COMMIT_CONFIG)["repos"]
    assert config[0]["repo"] == "local"
    assert {hook["id"]: hook["additional_dependencies"] for hook in config[0]["hooks"]} == \
        {key: [f"kplan=={__version__}"] for key in hooks}
    assert not [line for line in (root / PRE_COMMIT_CONFIG).read_text().splitlines()
                if "OWNER" in line]


def test_a_kplan_repository_for_a_git_source(tmp_path: Path) -> None:
    source = "https://git.example.org/mesto/kplan"
    root = init(tmp_path / "new", "--kplan-repo", source)
    assert _yaml(root / WORKFLOW)["env"]["KPLAN_PIP"] == f"kplan @ git+{source}@v{__version__}"
    [repo] = _yaml(root / PRE_COMMIT_CONFIG)["repos"]
    assert (repo["repo"], repo["rev"]) == (source, f"v{__version__}")


def _yaml(path: Path) -> object:
    document, problems = read_document(path, path.name)
    assert document is not None and not problems, problems
    return document.data


# --- the GitHub workflow, run as a shell script ------------------------------------------------

_COMMAND = re.compile(r"^::(error|warning|notice)(?: ([a-z]+=[^,:]*(?:,[a-z]+=[^,:]*)*))?::(.*)$")


def _unescape(value: str) -> str:
    for escaped, plain in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","),
                           ("%25", "%")):
        value = value.replace(escaped, plain)
    return value


def annotations(output: str) -> list[tuple[str, dict[str, str], str]]:
    """Workflow commands as the Actions toolkit reads them."""
    found = []
    for line in output.splitlines():
        match = _COMMAND.match(line)
        if match:
            properties = dict(item.split("=", 1) for item in (match[2] or "").split(",") if item)
            found.append((match[1], {k: _unescape(v) for k, v in properties.items()},
                          _unescape(match[3])))
    return found


def run_step(root: Path, step: dict[str, str], summary: Path) -> subprocess.CompletedProcess[str]:
    assert "${{" not in step["run"]
    env = {**os.environ, "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary),
           "GITHUB_BASE_REF": "main", "PATH": f"{KPLAN.parent}{os.pathsep}{os.environ['PATH']}",
           "KPLAN_LANG": "cs"}
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                          cwd=root, env=env, capture_output=True, text=True, check=False)


def test_workflow_steps_annotate_and_summarise(repo: Path, tmp_path: Path) -> None:
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    edit(repo, CARD, 'id: "2.1.2"', "id: 2.10")
    edit(repo, "activities/drogy/3.1.1.yaml", "responsible: Petr Novák", "responsible: null")
    steps = {s.get("id"): s for s in _yaml(repo / WORKFLOW)["jobs"]["plan"]["steps"]}
    summary = tmp_path / "summary.md"
    summary.write_text("", encoding="utf-8")

    validate = run_step(repo, steps["validate"], summary)
    assert validate.returncode == 1, validate.stderr
    found = annotations(validate.stdout)
    assert [(kind, props["file"], props["line"], props["title"]) for kind, props, _ in found] \
        == [("error", CARD, "1", "kplan KP205"),
            ("warning", "activities/drogy/3.1.1.yaml", "3", "kplan KP401")]
    assert found[0][2].startswith("Číslo 2.10 v poli „id“ musí být v uvozovkách.\n")
    assert f"{CARD}:1:5: error KP205" in validate.stdout  # the full list, for the log

    summarised = run_step(repo, steps["summary"], summary)
    assert summarised.returncode == 0, summarised.stderr
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## Kontrola plánu\n\n````text\n")
    assert "\n1 chyba, 1 varování ve 2 souborech.\n````\n" in text
    assert "## Co se v plánu změnilo od verze origin/main v gitu" in text
    assert "Přeskočeno v souborech na disku" in text and CARD in text


# --- kplan changes and kplan log --------------------------------------------------------------

def _change_lines(root: Path, *args: str) -> list[str]:
    code, output = kplan("changes", str(root), *args)
    assert code == 0, output
    return [line[2:] for line in output.splitlines() if line.startswith("- ")]


def test_changes_since_head_in_the_words_of_a_working_group(repo: Path) -> None:
    assert _change_lines(repo) == []
    if kplan("done", "--help")[0] == 0:  # through kplan done where it exists, else by hand
        code, output = kplan("done", "2.1.2", "Zajistit jednání", str(repo), "--date",
                             "2025-02-01")
        assert code == 0, output
    else:
        edit(repo, CARD, "    due: 2025\n", "    due: 2025\n    status: done\n"
             "    done: 2025-02-01\n")
    edit(repo, CARD, "due: 2026", "due: 2027")
    edit(repo, CARD, "amount: 200000", "amount: 250000")
    edit(repo, CARD, "status: on_track", "status: delayed")
    edit(repo, CARD, "evaluations:", "  - title: Otevřít lůžko\n    due: 2028\nevaluations:")
    edit(repo, "meetings/2025-01-20-drogy.yaml", "due: 2025-03", "due: 2025-03\n    status: done")
    write(repo, "meetings/2025-03-10-drogy.yaml",
          "date: 2025-03-10\ngroup: drogy\ntasks:\n  - title: Připravit hodnocení\n")
    write(repo, "activities/drogy/2.1.3.yaml", 'id: "2.1.3"\ntitle: Nová\nresponsible: X\n')
    assert kplan("validate", str(repo), "--strict")[0] == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Březen", date="2025-03-11T10:00:00")

    assert _change_lines(repo, "--since", "HEAD~1") == [
        "Nová aktivita 2.1.3 Nová",
        "2.1.2 Podpořit vznik krizového lůžka: krok „Zajistit jednání“ splněn (1. 2. 2025)",
        "2.1.2 Podpořit vznik krizového lůžka: krok „Mapovat možnosti“ přesunut z 2026 na 2027",
        "2.1.2 Podpořit vznik krizového lůžka: nový krok „Otevřít lůžko“, termín 2028",
        "2.1.2 Podpořit vznik krizového lůžka: hodnocení 2025: plní se → zpožděno",
        "2.1.2 Podpořit vznik krizového lůžka: rozpočet 200\xa0000\xa0Kč ročně → "
        "250\xa0000\xa0Kč ročně",
        "Úkol „Oslovit poskytovatele“ ze schůzky 20. 1. 2025: splněný",
        "Zapsána schůzka 10. 3. 2025 (drogy)",
        "Nový úkol „Připravit hodnocení“ ze schůzky 10. 3. 2025",
    ]
    assert _change_lines(repo, "--since", "2025-03-01") == _change_lines(repo, "--since",
                                                                        "HEAD~1")
    # the plan as it was at the end of the last meeting's day (10 Mar): the January commit
    assert _change_lines(repo, "--since", "last-meeting") == _change_lines(repo, "--since",
                                                                          "HEAD~1")
    assert _change_lines(repo) == []

    output = kplan("changes", str(repo), "--since", "HEAD~1", "--format", "json")[1]
    document = json.loads(output)
    assert document["version"] == 1 and document["base"]["short"]
    assert [c["kind"] for c in document["changes"]][:2] == ["activity_added", "milestone_done"]
    assert document["changes"][5] == {
        "kind": "budget", "group": "drogy", "subject": "2.1.2",
        "title": "Podpořit vznik krizového lůžka", "item": None, "before": 200000,
        "after": 250000, "extra": "year", "was": "year"}

    output = kplan("changes", str(repo), "--since", "HEAD~1", "--format", "md")[1]
    assert output.startswith("## Co se v plánu změnilo od verze HEAD~1 v gitu\n")
    assert "### Harmonogram\n\n- 2.1.2" in output


def test_renumbering_is_not_a_removal_and_an_addition(repo: Path) -> None:
    git(repo, "mv", "activities/drogy/3.1.1.yaml", "activities/drogy/3.1.2.yaml")
    edit(repo, "activities/drogy/3.1.2.yaml", 'id: "3.1.1"',
         'id: "3.1.2"\nprevious_numbers: ["3.1.1"]')
    assert kplan("validate", str(repo), "--strict")[0] == 0
    assert _change_lines(repo) == ["Aktivita 3.1.1 přečíslována na 3.1.2: Síťování služeb"]
    # without previous_numbers, the same title says it is the same activity
    edit(repo, "activities/drogy/3.1.2.yaml", 'previous_numbers: ["3.1.1"]\n', "")
    assert _change_lines(repo) == ["Aktivita 3.1.1 přečíslována na 3.1.2: Síťování služeb"]
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Přečíslování")
    assert _change_lines(repo, "--since", "HEAD~1") == [
        "Aktivita 3.1.1 přečíslována na 3.1.2: Síťování služeb"]


def test_a_file_that_did_not_validate_then_is_skipped_with_a_note(repo: Path) -> None:
    edit(repo, "activities/drogy/3.1.1.yaml", 'id: "3.1.1"', "id: 3.10")
    git(repo, "commit", "-q", "-am", "rozbitá")
    edit(repo, "activities/drogy/3.1.1.yaml", "id: 3.10", 'id: "3.1.1"')
    code, output = kplan("changes", str(repo))
    assert code == 0
    assert "Přeskočeno ve verzi " in output and "activities/drogy/3.1.1.yaml" in output


def test_changes_of_one_group_and_usage_mistakes(repo: Path, tmp_path: Path) -> None:
    assert kplan("changes", str(repo), "--group", "drogy")[0] == 0
    code, output = kplan("changes", str(repo), "--group", "senioři")
    assert code == 2 and "Skupina „senioři“ v plánu není; jsou: drogy." in output
    code, output = kplan("changes", str(repo), "--since", "--not-a-ref")
    assert code == 2 and "v gitu tohoto plánu není" in output
    code, output = kplan("changes", str(repo), "--since", "2020-01-01")
    assert code == 2 and "Před 2020-01-01 není v gitu uložená žádná verze plánu." in output
    outside = Path(shutil.copytree(repo, tmp_path / "copy", ignore=shutil.ignore_patterns(".git")))
    code, output = kplan("changes", str(outside))
    assert code == 2 and "není v repozitáři gitu" in output


def test_log_of_a_card_follows_renames_and_names_commits(repo: Path) -> None:
    edit(repo, CARD, "    due: 2025\n", "    due: 2025\n    status: in_progress\n")
    git(repo, "commit", "-q", "-am", "Probíhá", date="2025-02-01T10:00:00")
    git(repo, "mv", CARD, "activities/drogy/2.2.1.yaml")
    edit(repo, "activities/drogy/2.2.1.yaml", 'id: "2.1.2"',
         'id: "2.2.1"\nprevious_numbers: ["2.1.2"]')
    edit(repo, "plan.yaml", '{number: "2.1"}', '{number: "2.1"}, {number: "2.2"}')
    edit(repo, "activities/drogy/2.2.1.yaml", "status: in_progress",
         "status: done\n    done: 2025-03-01")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Hotovo", date="2025-03-02T10:00:00")
    code, output = kplan("log", "2.2.1", str(repo), "--format", "json")
    assert code == 0, output
    events = json.loads(output)
    assert events["commits"] == 3
    assert [(e["date"][:10], e["number"], e["kind"], e["milestone"], e["after"])
            for e in events["events"]] == [
        ("2025-01-21", "2.1.2", "milestone_added", "Zajistit jednání", "2025"),
        ("2025-01-21", "2.1.2", "milestone_added", "Mapovat možnosti", "2026"),
        ("2025-02-01", "2.1.2", "milestone_status", "Zajistit jednání", "in_progress"),
        ("2025-03-02", "2.2.1", "milestone_done", "Zajistit jednání", "done"),
    ]
    assert {e["author"] for e in events["events"]} == {"Jana Nováková"}
    code, output = kplan("log", "drogy/2.2.1", str(repo))
    assert code == 0
    assert "| 2. 3. 2025 " in output and "splněn 1. 3. 2025" in output
    code, output = kplan("log", "9.9", str(repo))
    assert code == 2 and "Aktivita „9.9“ v plánu není." in output


# --- GitLab Code Quality -----------------------------------------------------------------------

def test_gitlab_report_has_code_quality_fields_and_stable_fingerprints(repo: Path) -> None:
    edit(repo, CARD, 'id: "2.1.2"', "id: 2.10")
    edit(repo, "activities/drogy/3.1.1.yaml", "responsible: Petr Novák", "responsible: null")
    code, output = kplan("validate", str(repo), "--format", "gitlab")
    assert code == 1
    issues = json.loads(output)
    assert [(i["check_name"], i["severity"], i["location"]) for i in issues] == [
        ("KP205", "major", {"path": f"{repo.as_posix()}/{CARD}", "lines": {"begin": 1}}),
        ("KP401", "minor", {"path": f"{repo.as_posix()}/activities/drogy/3.1.1.yaml",
                            "lines": {"begin": 3}})]
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity",
                              "location"}
        assert issue["description"].startswith(issue["check_name"] + ": ")
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
    assert len({i["fingerprint"] for i in issues}) == 2
    # the same problems in English, one line lower: the same fingerprints
    edit(repo, "activities/drogy/3.1.1.yaml", "title:", "# komentář\ntitle:")
    again = json.loads(kplan("validate", str(repo), "--format", "gitlab", "--lang", "en")[1])
    assert [i["fingerprint"] for i in again] == [i["fingerprint"] for i in issues]
    assert again[1]["location"]["lines"]["begin"] == 4
