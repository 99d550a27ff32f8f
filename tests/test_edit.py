"""Editing the plan as a coordinator does: kplan new, done, set-status, task done, evaluate,
add milestone, fmt; refusals leave every file as it was."""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kplan.cli import app
from kplan.diagnostics import Diagnostic
from kplan.edit import change as edit
from kplan.load.cache import DocumentCache
from kplan.load.loader import load_plan
from kplan.plan.statuses import EvaluationStatus, MilestoneStatus, TaskStatus
from tests.plantree import PlanFactory

EXAMPLE = Path(__file__).resolve().parents[1] / "data"
GROUP = "protidrogova-prevence"
CARD_212 = f"activities/{GROUP}/2.1.2.yaml"
ROUND_TABLE = f"meetings/2016-11-22-{GROUP}.yaml"
runner = CliRunner()


def kplan(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"GITHUB_ACTIONS": "", "KPLAN_LANG": ""})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


@pytest.fixture
def example(tmp_path: Path) -> Path:
    return Path(shutil.copytree(EXAMPLE, tmp_path / "data"))


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def changed_lines(before: bytes, after: bytes) -> tuple[list[str], list[str]]:
    """The removed and the added lines of a diff."""
    lines = list(difflib.ndiff(before.decode().splitlines(), after.decode().splitlines()))
    return ([line[2:] for line in lines if line.startswith("- ")],
            [line[2:] for line in lines if line.startswith("+ ")])


def test_done_marks_a_milestone_found_by_a_fragment(example: Path) -> None:
    before = (example / CARD_212).read_bytes()
    code, output = kplan("done", "2.1.2", "MAPOVAT moznosti", str(example), "--date",
                         "2019-06-30")
    assert code == 0, output
    after = (example / CARD_212).read_bytes()
    assert changed_lines(before, after) == (
        ["    status: planned", "    done: null"], ["    status: done", "    done: 2019-06-30"])
    assert len(after.splitlines()) == len(before.splitlines())
    card = load_plan(example).plan.activity(f"{GROUP}/2.1.2")
    assert card is not None and card.milestones[0].status is MilestoneStatus.DONE
    assert card.milestones[0].done == date(2019, 6, 30)


def test_a_fragment_matching_several_milestones_lists_them(example: Path) -> None:
    before = snapshot(example)
    code, output = kplan("done", "2.1.2", "zajistit", str(example))
    assert code == 2
    assert "1. " not in output and "3. Zajistit jednání" in output and "4. Zajistit fin" in output
    assert snapshot(example) == before


def test_an_ambiguous_bare_number_lists_full_references(make_plan: PlanFactory) -> None:
    root = make_plan({"plan.yaml": (EXAMPLE / "plan.yaml").read_text(encoding="utf-8"),
                      f"activities/{GROUP}/2.1.2.yaml": "id: \"2.1.2\"\ntitle: A\n"
                      "responsible: X\nmilestones: [{title: K, due: 2020}]\n",
                      "activities/drogy/2.1.2.yaml": "id: \"2.1.2\"\ntitle: B\n"})
    code, output = kplan("done", "2.1.2", "1", str(root))
    assert code == 2
    assert f"drogy/2.1.2, {GROUP}/2.1.2" in output or f"{GROUP}/2.1.2, drogy/2.1.2" in output


def test_set_status_task_done_evaluate_and_add_milestone(example: Path) -> None:
    assert kplan("set-status", f"{GROUP}/2.1.2", "evaluace", "in_progress", str(example))[0] == 0
    assert kplan("task", "done", f"2016-11-22-{GROUP}", "2", str(example))[0] == 0
    assert kplan("evaluate", "3.2", str(example), "--year", "2020", "--status", "on_track",
                 "--spent", "150000", "--comment", "Stáže: běží")[0] == 0
    assert kplan("evaluate", "3.2", str(example), "--year", "2020", "--status", "delayed")[0] == 0
    assert kplan("add", "milestone", "3.2", str(example), "--title", "První stáž",
                 "--due", "2020-06")[0] == 0
    plan = load_plan(example).plan
    card = plan.activity(f"{GROUP}/2.1.2")
    assert card is not None and card.milestones[-1].status is MilestoneStatus.IN_PROGRESS
    meeting = next(m for m in plan.meetings if m.file == ROUND_TABLE)
    assert [t.status for t in meeting.tasks][:3] == [TaskStatus.OPEN, TaskStatus.DONE,
                                                     TaskStatus.OPEN]
    card = plan.activity(f"{GROUP}/3.2")
    assert card is not None
    assert [(e.year, e.status, e.spent, e.comment) for e in card.evaluations] == [
        (2020, EvaluationStatus.DELAYED, 150000, "Stáže: běží")]
    assert [(m.title, str(m.due)) for m in card.milestones] == [("První stáž", "2020-06")]
    assert kplan("validate", str(example), "--strict")[0] == 0


def test_evaluate_changes_only_the_fields_given(make_plan: PlanFactory) -> None:
    card = ('id: "1.1"\ntitle: A\nresponsible: X\nevaluations:\n'
            '  - year: 2020\n    status: delayed\n    spent: 1000  # faktury\n'
            '    comment: Běží.\n')
    root = make_plan({"plan.yaml": (EXAMPLE / "plan.yaml").read_text(encoding="utf-8"),
                      f"activities/{GROUP}/1.1.yaml": card})
    file = root / f"activities/{GROUP}/1.1.yaml"
    code, output = kplan("evaluate", "1.1", str(root), "--year", "2020", "--status", "on_track")
    assert code == 0, output
    assert file.read_text(encoding="utf-8") == card.replace("delayed", "on_track")
    assert kplan("evaluate", "1.1", str(root), "--year", "2020", "--status", "on_track",
                 "--comment", "Hotovo.")[0] == 0
    assert file.read_text(encoding="utf-8") == card.replace("delayed", "on_track").replace(
        "Běží.", "Hotovo.")


def test_dry_run_prints_the_diff_and_writes_nothing(example: Path) -> None:
    before = snapshot(example)
    code, output = kplan("done", "2.1.2", "1", str(example), "--date", "2019-06-30",
                         "--dry-run")
    assert code == 0
    assert f"--- a/{CARD_212}\n+++ b/{CARD_212}\n" in output
    assert "-    status: planned\n-    done: null\n+    status: done\n+    done: 2019-06-30\n" \
        in output
    assert snapshot(example) == before
    code, output = kplan("new", "activity", GROUP, "4.1.1", str(example), "--dry-run")
    assert code == 0 and "+++ b/activities/" in output and snapshot(example) == before


def test_an_error_the_plan_had_does_not_block_an_edit_that_changes_its_advice(
        make_plan: PlanFactory) -> None:
    """A meeting names a card that is missing (KP303, whose advice lists the known cards);
    adding another card changes that list, not the error, so the edit goes through."""
    root = make_plan({"meetings/2019-03-01-drogy.yaml": (
        "date: 2019-03-01\ngroup: drogy\nactivities: [\"9.9\"]\n")})
    code, output = kplan("new", "activity", "drogy", "2.1.3", str(root), "--title", "Linka")
    assert code == 0, output
    assert (root / "activities/drogy/2.1.3.yaml").is_file()


def test_an_edit_that_makes_the_plan_invalid_writes_nothing(example: Path) -> None:
    before = snapshot(example)
    code, output = kplan("set", "3.2", "measure", "9.9", "--plan", str(example))
    assert code == 1
    assert "nic se nezapsalo" in output and "KP213" in output
    assert "3.2.yaml" in output and "kplan-preview" not in output
    assert 'measure: "9.9"' in output  # the line as it would have been
    assert snapshot(example) == before


def test_errors_already_in_other_files_do_not_block_an_edit(example: Path) -> None:
    service = example / "services/arka-terenni-program.yaml"
    service.write_text(service.read_text(encoding="utf-8").replace("kind: terenni-programy",
                                                                   "kind: neznamy"),
                       encoding="utf-8")
    code, output = kplan("done", "2.1.2", "1", str(example))
    assert code == 0, output


def test_a_file_changed_between_reading_and_writing_is_not_overwritten(example: Path) -> None:
    plan = load_plan(example).plan
    change = edit.mark_done(example, plan, "2.1.2", "1", date(2019, 6, 30))
    (example / CARD_212).write_bytes((example / CARD_212).read_bytes() + "# ruční změna\n".encode())
    changed = (example / CARD_212).read_bytes()
    with pytest.raises(edit.Conflict):
        edit.write(example, [change])
    assert (example / CARD_212).read_bytes() == changed


def test_the_cli_refuses_a_file_changed_in_between(example: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    check = edit.check_all

    def meanwhile(root: Path, changes: list[edit.Change], today: date,
                  cache: DocumentCache | None = None,
                  before: list[Diagnostic] | None = None) -> object:
        (root / CARD_212).write_bytes((root / CARD_212).read_bytes() + b"# editor\n")
        return check(root, changes, today, cache, before)

    monkeypatch.setattr(edit, "check_all", meanwhile)
    code, output = kplan("done", "2.1.2", "1", str(example))
    assert code == 1
    assert "se mezitím změnil, spusťte příkaz znovu" in output
    assert (example / CARD_212).read_bytes().endswith(b"# editor\n")


def test_writes_keep_the_file_mode_and_crlf(example: Path) -> None:
    path = example / CARD_212
    path.write_bytes((path.read_bytes() + b"# z jednani\n").replace(b"\n", b"\r\n"))
    path.chmod(0o640)
    assert kplan("done", "2.1.2", "1", str(example))[0] == 0
    data = path.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n")
    assert path.stat().st_mode & 0o777 == 0o640


# --- kplan new ---------------------------------------------------------------------------------

def test_new_files_pass_validate_and_are_canonical(example: Path) -> None:
    assert kplan("new", "activity", GROUP, "2.1.3", str(example), "--title", "Nová")[0] == 0
    assert kplan("new", "service", "nova-sluzba", str(example), "--kind", "kontaktni-centra")[0] \
        == 0
    assert kplan("new", "meeting", GROUP, str(example), "--date", "2020-02-01")[0] == 0
    code, output = kplan("validate", str(example))
    assert code == 0, output
    assert "KP401" in output  # the responsible person is a placeholder to fill
    assert kplan("fmt", str(example), "--check")[0] == 0
    card = (example / f"activities/{GROUP}/2.1.3.yaml").read_text(encoding="utf-8")
    assert card.startswith("# yaml-language-server: $schema=../../schemas/activity.schema.json\n")
    service = (example / "services/nova-sluzba.yaml").read_text(encoding="utf-8")
    assert service.startswith("# yaml-language-server: $schema=../schemas/service.schema.json\n")


def test_new_refuses_to_overwrite(example: Path) -> None:
    before = snapshot(example)
    code, output = kplan("new", "activity", GROUP, "2.1.2", str(example))
    assert code == 1 and "už existuje" in output
    assert kplan("new", "service", "arka-terenni-program", str(example))[0] == 1
    assert snapshot(example) == before


def test_new_meeting_prefills_what_the_group_must_discuss(example: Path) -> None:
    assert kplan("new", "meeting", GROUP, str(example), "--date", "2020-02-01")[0] == 0
    assert kplan("new", "meeting", GROUP, str(example), "--date", "2020-02-01")[0] == 0
    first = example / f"meetings/2020-02-01-{GROUP}.yaml"
    assert (example / f"meetings/2020-02-01-{GROUP}-2.yaml").exists()
    text = first.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/meeting.schema.json\n")
    assert "  - Po termínu – 2.1.2 Mapovat možnosti poskytovatelů na zajištění lůžka " \
           "(termín 2019, plánováno)\n" in text
    assert "  - Úkol ze schůzky 2016-11-22 – Realizovat vzájemné stáže\n" in text
    assert "# (číslo je pořadí úkolu v zápisu, jak je čísluje kplan show SCHŮZKA):\n" \
           "#   kplan task done 2016-11-22-protidrogova-prevence 1   # Realizovat vzájemné " \
           "stáže\n" in text
    assert "#   kplan task done 2016-11-22-protidrogova-prevence 7   # Zapojovat " \
           "uživatele/klienty do jednání\n" in text
    assert 'activities:\n  - "2.1.2"\n  - "3.1.1"\n' in text
    meeting = next(m for m in load_plan(example).plan.meetings if m.file.endswith(
        f"2020-02-01-{GROUP}.yaml"))
    assert meeting.date == date(2020, 2, 1) and len(meeting.agenda) == 5 + 7


def test_new_with_an_unknown_group_is_a_usage_error(example: Path) -> None:
    code, output = kplan("new", "meeting", "neznama", str(example))
    assert code == 2 and GROUP in output


# --- kplan fmt ---------------------------------------------------------------------------------

def test_fmt_check_passes_on_the_example_plan() -> None:
    assert kplan("fmt", str(EXAMPLE), "--check") == (0, "")


def test_fmt_normalises_style_and_check_lists_files(example: Path) -> None:
    path = example / "services/arka-terenni-program.yaml"
    original = path.read_bytes()
    path.write_bytes(original.replace(b"\n  - ", b"\n- ").replace(b"\n", b"\r\n")
                     .replace(b"area: ", b"area:   ", 1).replace(b"null  #", b"null   #"))
    code, output = kplan("fmt", str(example), "--check")
    assert code == 1 and "services/arka-terenni-program.yaml" in output
    code, _ = kplan("fmt", str(example))
    assert code == 0
    data = path.read_bytes()
    assert b"\r" not in data and b"\n  - protidrogova-prevence\n" in data
    assert kplan("fmt", str(example), "--check")[0] == 0


def styled_texts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts fmt's round trip styles in this process, from now on."""
    from kplan.edit import restyle

    styled: list[str] = []
    original = restyle.canonical

    def counted(text: str) -> str:
        styled.append(text)
        return original(text)

    monkeypatch.setattr(restyle, "canonical", counted)
    return styled


def test_fmt_styles_again_only_the_files_whose_bytes_changed(
        example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file found in the style is remembered in the plan's cache by its content: the
    next check styles only what changed since, and says what the full check says."""
    styled = styled_texts(monkeypatch)
    documents = len(list(example.rglob("*.yaml")))
    assert kplan("fmt", str(example), "--check") == (0, "")
    assert len(styled) == documents
    styled.clear()
    assert kplan("fmt", str(example), "--check") == (0, "")
    assert styled == []
    path = example / "services/arka-terenni-program.yaml"
    path.write_bytes((path.read_bytes() + b"# z jednani\n").replace(b"\n", b"\r\n"))
    for _ in range(2):  # not remembered while it is not in the style
        code, output = kplan("fmt", str(example), "--check")
        assert code == 1 and "services/arka-terenni-program.yaml" in output
    assert len(styled) == 2
    assert kplan("fmt", str(example))[0] == 0
    styled.clear()
    assert kplan("fmt", str(example), "--check") == (0, "")
    assert len(styled) == 1
    monkeypatch.setenv("KPLAN_NO_CACHE", "1")
    styled.clear()
    assert kplan("fmt", str(example), "--check") == (0, "")
    assert len(styled) == documents


def test_fmt_styles_half_of_a_big_plan_in_a_worker_with_the_same_answer(
        example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kplan.load import pool

    monkeypatch.setenv("KPLAN_NO_CACHE", "1")
    for path in example.rglob("*.yaml"):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    alone = kplan("fmt", str(example), "--check")
    styled = styled_texts(monkeypatch)
    monkeypatch.setattr(pool, "MIN_FILES", 1)
    monkeypatch.setattr(pool, "cores", lambda: 2)
    assert kplan("fmt", str(example), "--check") == alone
    assert alone[0] == 1 and alone[1].count(".yaml") == len(list(example.rglob("*.yaml")))
    assert 0 < len(styled) < len(list(example.rglob("*.yaml")))  # the rest in the worker
    assert kplan("fmt", str(example))[0] == 0
    assert kplan("fmt", str(example), "--check") == (0, "")


@pytest.mark.parametrize(("before", "after"), [
    ("# hlavička\n---\nid: \"1.1\"\nlist:\n- a\n", "# hlavička\n---\nid: \"1.1\"\nlist:\n  - a\n"),
    ("%YAML 1.2\n--- # začátek\nid: 1\n", "%YAML 1.2\n--- # začátek\nid: 1\n"),
    ("id: 1\nlist:\n- a\n...\n# za koncem\n", "id: 1\nlist:\n  - a\n...\n# za koncem\n"),
    ("implementers: [\n  NNO,  # jedna\n  SMO\n]   \r\nlist:\n- a\n",
     "implementers: [\n  NNO,  # jedna\n  SMO\n]\nlist:\n- a\n"),
    ("# komentář\nhodnota\n", "# komentář\nhodnota\n"),
    ("a: |  # hlavička bloku\n  text  \nb: 1\n", "a: |  # hlavička bloku\n  text  \nb: 1\n"),
])
def test_fmt_keeps_every_comment(tmp_path: Path, before: str, after: str) -> None:
    (tmp_path / "plan.yaml").write_text("title: Plán\n", encoding="utf-8")
    (tmp_path / "services").mkdir()
    path = tmp_path / "services" / "soubor.yaml"
    path.write_bytes(before.encode())
    code, output = kplan("fmt", str(path))
    assert path.read_bytes() == after.encode()
    assert (code, output) == (0, f"Zapsáno: {path.as_posix()}\n" if before != after else "")
    assert kplan("fmt", str(path), "--check") == (0, "")


@pytest.mark.parametrize(("flow", "added"), [
    ("[\n    {title: A, due: 2020},  # first\n  ]\n",
     "[\n    {title: A, due: 2020},  # first\n    {title: B, due: 2021, status: planned},\n  ]\n"),
    ("[\n    {title: A, due: 2020}  # first\n  ]\n",
     "[\n    {title: A, due: 2020},  # first\n    {title: B, due: 2021, status: planned}\n  ]\n"),
    ("[{title: A, due: 2020},]  # first\n",
     "[{title: A, due: 2020}, {title: B, due: 2021, status: planned},]  # first\n"),
])
def test_add_milestone_into_a_flow_list_keeps_its_comments(make_plan: PlanFactory, flow: str,
                                                           added: str) -> None:
    head = 'id: "1.1"\ntitle: A\nresponsible: X\nmilestones: '
    root = make_plan({"plan.yaml": (EXAMPLE / "plan.yaml").read_text(encoding="utf-8"),
                      f"activities/{GROUP}/1.1.yaml": head + flow})
    code, output = kplan("add", "milestone", "1.1", str(root), "--title", "B", "--due", "2021")
    assert code == 0, output
    assert (root / f"activities/{GROUP}/1.1.yaml").read_text(encoding="utf-8") == head + added


# --- several kplan processes at once -----------------------------------------------------------

def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                          text=True, env={**os.environ, "GIT_AUTHOR_NAME": "T",
                                          "GIT_AUTHOR_EMAIL": "t@example.org",
                                          "GIT_COMMITTER_NAME": "T",
                                          "GIT_COMMITTER_EMAIL": "t@example.org"}).stdout


def test_edits_leave_nothing_in_the_working_tree(example: Path) -> None:
    _git(example, "init", "-q")
    _git(example, "add", ".")
    _git(example, "commit", "-qm", "plán")
    assert kplan("done", "2.1.2", "1", str(example), "--dry-run")[0] == 0
    assert kplan("done", "2.1.2", "99", str(example))[0] == 2
    assert _git(example, "status", "--porcelain", "--ignored", "--untracked-files=all") == ""
    assert kplan("done", "2.1.2", "1", str(example), "--date", "2019-06-30")[0] == 0
    assert _git(example, "status", "--porcelain", "--ignored", "--untracked-files=all") == \
        f" M {CARD_212}\n"


def test_where_a_folder_cannot_be_locked_the_lock_is_in_the_cache(
        example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import fcntl

    from kplan.yamlio import write as writing

    real_flock = fcntl.flock

    def no_folder_locks(descriptor: int, operation: int) -> None:
        if os.path.isdir(f"/proc/self/fd/{descriptor}"):
            raise OSError(37, "No locks available")
        real_flock(descriptor, operation)

    monkeypatch.setattr(writing.fcntl, "flock", no_folder_locks)
    monkeypatch.setenv("KPLAN_CACHE_DIR", str(tmp_path / "cache"))
    before = snapshot(example)
    with writing.plan_lock(example):
        locks = list((tmp_path / "cache/locks").iterdir())
    assert [p.suffix for p in locks] == [".lock"] and snapshot(example) == before



def test_edits_from_several_processes_all_land(example: Path) -> None:
    program = "import sys; from kplan.cli import main; sys.argv[0] = 'kplan'; main()"
    commands = [["done", "2.1.2", str(n), str(example), "--date", "2019-05-01"]
                for n in range(1, 5)]
    commands += [["task", "done", f"2016-11-22-{GROUP}", str(n), str(example)]
                 for n in range(1, 4)]
    commands += [["add", "milestone", "3.2", str(example), "--title", f"Krok {n}",
                  "--due", "2021"] for n in range(1, 4)]
    env = {**os.environ, "KPLAN_NO_CACHE": "1"}
    processes = [subprocess.Popen([sys.executable, "-c", program, *args], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for args in commands]
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, (out + err).decode()
    plan = load_plan(example).plan
    card = plan.activity(f"{GROUP}/2.1.2")
    assert card is not None
    assert [m.status for m in card.milestones[:4]] == [MilestoneStatus.DONE] * 4
    meeting = next(m for m in plan.meetings if m.file == ROUND_TABLE)
    assert [t.status for t in meeting.tasks[:3]] == [TaskStatus.DONE] * 3
    card = plan.activity(f"{GROUP}/3.2")
    assert card is not None
    assert sorted(m.title for m in card.milestones) == ["Krok 1", "Krok 2", "Krok 3"]
    assert not list(example.rglob("*.tmp"))


def test_a_warning_the_edit_adds_is_written_and_told(example: Path) -> None:
    code, output = kplan("evaluate", "2.1.2", "--year", "2030", "--status", "done",
                         str(example))
    assert code == 0
    assert "Zapsáno:" in output
    assert "Varování KP407" in output and "Hodnocení za rok 2030 je mimo období plánu" in output
