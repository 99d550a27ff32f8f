"""One reader for plan files in every command: nothing outside the plan, nothing private,
no FIFO opened, the size limit everywhere, a message instead of a traceback.

Each test names a command that once read a plan file by other rules than ``validate``.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kplan.cli import app
from tests.plantree import CARD_YAML, PlanFactory
from tests.test_hardening import refuse_reading
from tests.test_repo import git

CARD = "activities/drogy/2.1.2.yaml"
KPLAN = [str(Path(sys.executable).parent / "kplan")]
SECRET = "TAJNE-HESLO"
SERVICE_YAML = """\
id: arka
name: Terénní program Arka
provider: {name: "Arka, z.s."}
kind: terenni-programy
groups: [drogy]
contacts:
  - name: Jana Veřejná
    phone: "+420 596 111 111"
    public: true
  - name: Petr Soukromý
    phone: "+420 777 999 999"
    public: false
"""
runner = CliRunner()


def kplan(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"KPLAN_LANG": "cs", "GITHUB_ACTIONS": ""})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def run(*args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """kplan in its own process, so that a hang is a failure and not a stuck suite."""
    env = {**os.environ, "KPLAN_LANG": "cs", "GITHUB_ACTIONS": "", "KPLAN_NO_CACHE": "1"}
    return subprocess.run([*KPLAN, *args], capture_output=True, text=True, env=env,
                          timeout=timeout, check=False)


def outside_card(root: Path) -> Path:
    """A card outside the plan with a secret title, and a link to it in the plan."""
    secret = root.parent / "mimo" / "2.1.3.yaml"
    secret.parent.mkdir()
    secret.write_text(f'id: "2.1.3"\ntitle: {SECRET}\nresponsible:   X\n', encoding="utf-8")
    (root / "activities/drogy/2.1.3.yaml").symlink_to(secret)
    return secret


# --- templates ---------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["report", "site"])
def test_a_template_link_inside_the_plan_shows_no_private_contact(
        make_plan: PlanFactory, tmp_path: Path, command: str) -> None:
    root = make_plan({"services/arka.yaml": SERVICE_YAML})
    templates = root / "templates"
    templates.mkdir()
    (templates / "x.txt").symlink_to("../services/arka.yaml")
    (templates / "report.html.j2").write_text(
        '{% extends "kplan/report.html.j2" %}{% block title %}{% include "x.txt" %}'
        "{% endblock %}\n", encoding="utf-8")
    args = (["report", str(root), "--year", "2020", "--format", "html"] if command == "report"
            else ["site", str(root), "-o", str(tmp_path / "web")])
    code, output = kplan(*args, "--as-of", "2021-02-01")
    assert code == 1
    assert "templates/x.txt" in output and "je symbolický odkaz" in output
    written = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "web").rglob("*.html"))
    assert "Soukromý" not in output + written and "777 999" not in output + written


def test_a_fifo_template_is_refused_quickly(make_plan: PlanFactory) -> None:
    root = make_plan()
    (root / "templates").mkdir()
    os.mkfifo(root / "templates/report.md.j2")
    done = run("report", str(root), "--year", "2020", "--as-of", "2021-02-01", timeout=20)
    assert done.returncode == 1
    assert done.stderr == ("Chyba v šabloně report.md.j2: soubor šablony nelze přečíst (není to "
                           "obyčejný soubor v UTF-8 do 1 MiB): templates/report.md.j2\n")


# --- FIFOs are never opened --------------------------------------------------------------------

@pytest.mark.parametrize("command", [
    ["validate", "ROOT", "--format", "json"], ["status", "ROOT", "--as-of", "2020-01-01"],
    ["done", "2.1.2", "1", "ROOT", "--date", "2020-01-05"]])
def test_a_fifo_in_activities_is_reported_not_opened(make_plan: PlanFactory,
                                                     command: list[str]) -> None:
    root = make_plan()
    os.mkfifo(root / "activities/drogy/2.1.3.yaml")
    started = time.monotonic()
    done = run(*[str(root) if part == "ROOT" else part for part in command])
    assert time.monotonic() - started < 20
    assert "Traceback" not in done.stderr
    if command[0] == "validate":
        assert [(d["file"], d["code"]) for d in json.loads(done.stdout)["diagnostics"]] == [
            ("activities/drogy/2.1.3.yaml", "KP113")]
    elif command[0] == "done":
        assert done.returncode == 0, done.stderr
        assert "status: done" in (root / CARD).read_text(encoding="utf-8")
    else:
        assert done.returncode == 0 and "Podpořit vznik krizového lůžka" in done.stdout


def test_the_reason_for_a_fifo_is_said_in_czech(make_plan: PlanFactory) -> None:
    root = make_plan()
    os.mkfifo(root / "activities/drogy/2.1.3.yaml")
    done = run("validate", str(root), "--format", "json")
    assert [d["message"] for d in json.loads(done.stdout)["diagnostics"]] == [
        "Soubor nelze přečíst: není to obyčejný soubor (je to roura, zařízení nebo socket)."]


# --- kplan fmt ---------------------------------------------------------------------------------

def test_fmt_leaves_a_link_outside_the_plan_alone(make_plan: PlanFactory) -> None:
    root = make_plan()
    secret = outside_card(root)
    before = secret.read_bytes()
    code, output = kplan("fmt", str(root))
    link = root / "activities/drogy/2.1.3.yaml"
    assert link.is_symlink() and secret.read_bytes() == before
    assert code == 0
    assert f"Vynechán {link.as_posix()}: Odkaz „{secret}“ vede mimo složku plánu" in output
    assert SECRET not in output


def test_fmt_formats_a_linked_card_where_it_leads_and_keeps_the_link(
        make_plan: PlanFactory) -> None:
    root = make_plan({"activities/drogy/2.1.3.yaml": 'id: "2.1.3"\ntitle:   X\nresponsible: Y\n'})
    link = root / "activities/drogy/2.1.4.yaml"
    link.symlink_to("2.1.3.yaml")
    kplan("fmt", str(root))
    assert link.is_symlink()
    assert (root / "activities/drogy/2.1.3.yaml").read_text(encoding="utf-8") == (
        'id: "2.1.3"\ntitle: X\nresponsible: Y\n')


def test_fmt_check_skips_a_file_over_the_limit(make_plan: PlanFactory) -> None:
    root = make_plan({"activities/drogy/2.1.3.yaml": "description: " + "x" * 2_000_000 + "\n"})
    started = time.monotonic()
    code, output = kplan("fmt", str(root), "--check")
    assert time.monotonic() - started < 10
    assert code == 0
    assert (f"Vynechán {(root / 'activities/drogy/2.1.3.yaml').as_posix()}: Soubor má "
            "2000014 bajtů, víc než povolený 1 MiB.") in output


def test_fmt_check_on_an_unreadable_file_says_so(make_plan: PlanFactory,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_plan()
    refuse_reading(monkeypatch, "2.1.2.yaml")
    original = Path.read_bytes

    def refused(path: Path) -> bytes:  # the way fmt read files before
        if path.name == "2.1.2.yaml":
            raise PermissionError(13, "Permission denied", str(path))
        return original(path)

    monkeypatch.setattr(Path, "read_bytes", refused)
    code, output = kplan("fmt", str(root), "--check")
    assert code == 0
    assert (f"Vynechán {(root / CARD).as_posix()}: Soubor nelze přečíst: chybí oprávnění ke "
            "čtení.") in output


def test_fmt_leaves_a_read_only_file_alone(make_plan: PlanFactory) -> None:
    root = make_plan({CARD: CARD_YAML.replace("title: ", "title:   ")})
    (root / CARD).chmod(0o444)
    before = (root / CARD).read_bytes()
    code, output = kplan("fmt", str(root))
    assert code == 0 and (root / CARD).read_bytes() == before
    assert stat.S_IMODE((root / CARD).stat().st_mode) == 0o444
    assert (f"Vynechán {(root / CARD).as_posix()}: soubor je jen pro čtení; kplan ho nezmění"
            in output)


# --- kplan changes and log ---------------------------------------------------------------------

def _committed(root: Path) -> None:
    git(root, "init", "-q", "-b", "main")
    git(root, "-c", "user.name=T", "-c", "user.email=t@example.org", "add", "-A")
    git(root, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-q", "-m", "x",
        date="2025-01-21T10:00:00")


def test_changes_and_log_do_not_read_a_link_outside_the_plan(make_plan: PlanFactory) -> None:
    root = make_plan()
    _committed(root)
    outside_card(root)
    code, output = kplan("changes", str(root))
    assert code == 0 and SECRET not in output
    code, output = kplan("log", "2.1.3", str(root))
    assert code == 2 and SECRET not in output


def test_changes_does_not_parse_a_blob_over_the_limit(make_plan: PlanFactory) -> None:
    steps = "".join(f"  - {{title: Krok {n}, due: 2025}}\n" for n in range(40_000))
    big = 'id: "2.1.3"\ntitle: Velká\nresponsible: X\nmilestones:\n' + steps
    assert len(big) > 1024 * 1024
    root = make_plan({"activities/drogy/2.1.3.yaml": big})
    _committed(root)
    (root / "activities/drogy/2.1.3.yaml").unlink()
    code, output = kplan("changes", str(root), "--format", "json")
    assert code == 0
    document = json.loads(output)
    assert document["skipped"]["base"] == ["activities/drogy/2.1.3.yaml"]
    assert document["changes"] == []


def test_changes_reads_a_committed_link_inside_the_plan_as_its_file(
        make_plan: PlanFactory) -> None:
    root = make_plan()
    (root / "activities/drogy/2.1.3.yaml").symlink_to("2.1.2.yaml")
    _committed(root)
    code, output = kplan("changes", str(root), "--format", "json")
    assert code == 0
    assert json.loads(output)["skipped"] == {"base": [], "working_tree": []}


# --- edits -------------------------------------------------------------------------------------

def test_an_edit_refuses_a_read_only_card(make_plan: PlanFactory) -> None:
    root = make_plan()
    (root / CARD).chmod(0o444)
    before = (root / CARD).read_bytes()
    code, output = kplan("done", "2.1.2", "1", str(root), "--date", "2020-01-05")
    assert code == 1
    assert output == (f"Soubor {CARD} je jen pro čtení; kplan ho nezmění. Povolte zápis "
                      f"(např. chmod u+w {CARD}) a spusťte příkaz znovu.\n")
    assert (root / CARD).read_bytes() == before
    assert stat.S_IMODE((root / CARD).stat().st_mode) == 0o444


def test_an_edit_of_a_linked_card_writes_where_the_link_leads(make_plan: PlanFactory) -> None:
    shared = CARD_YAML.replace("2.1.2", "2.1.3")
    root = make_plan({"shared/karta.yaml": shared})
    link = root / "activities/drogy/2.1.3.yaml"
    link.symlink_to("../../shared/karta.yaml")
    code, output = kplan("done", "2.1.3", "1", str(root), "--date", "2020-01-05")
    assert code == 0, output
    assert link.is_symlink() and os.readlink(link) == "../../shared/karta.yaml"
    assert "    status: done\n    done: 2020-01-05\n" in (root / "shared/karta.yaml").read_text(
        encoding="utf-8")


# --- the cache ---------------------------------------------------------------------------------

def test_the_cache_sees_a_linked_card_change_behind_its_link(make_plan: PlanFactory) -> None:
    """The target rewritten with the same size and its modification time set back."""
    root = make_plan({"shared/karta.yaml": CARD_YAML.replace("2.1.2", "2.1.3")})
    (root / "activities/drogy/2.1.3.yaml").symlink_to("../../shared/karta.yaml")
    target = root / "shared/karta.yaml"
    status = target.stat()
    time.sleep(0.01)
    assert kplan("validate", str(root))[0] == 0
    target.write_text(CARD_YAML.replace("2.1.2", "2.1.4"), encoding="utf-8")
    os.utime(target, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert target.stat().st_size == status.st_size
    cached = json.loads(kplan("validate", str(root), "--format", "json")[1])
    fresh = json.loads(kplan("validate", str(root), "--format", "json", "--no-cache")[1])
    assert [d["code"] for d in fresh["diagnostics"]] == ["KP210"]
    assert cached["diagnostics"] == fresh["diagnostics"]
