"""Plans from strangers: limits, odd paths, interrupted writes, privacy, bugs without locals.

Each test here fails when the protection it names is removed.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kplan import limits
from kplan.atomic import TEMPORARY_NAME
from kplan.cli import app
from kplan.load import loader, scan
from kplan.yamlio import write
from tests.plantree import CARD_YAML, PLAN_YAML, PlanFactory, load, write_tree
from tests.test_terminal import run as run_kplan

CARD = "activities/drogy/2.1.2.yaml"


def card(number: str) -> str:
    return CARD_YAML.replace("2.1.2", number)


def refuse_reading(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Opening a file called ``name`` fails as a file of mode 000 does for a user (root
    reads any file, so the refusal is simulated where the file is opened)."""
    original = os.open

    def refusing(path: str | Path, flags: int, *args: int, **kwargs: int) -> int:
        if os.path.basename(path) == name:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return original(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)


def codes(root: Path) -> list[tuple[str, str]]:
    return sorted((d.file, d.code) for d in load(root).diagnostics)


# --- the file limit ------------------------------------------------------------------------

def test_the_file_limit_defaults_to_20000(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KPLAN_MAX_FILES", raising=False)
    assert limits.max_files() == 20_000
    for wrong in ("", "abc", "-5", "0"):
        monkeypatch.setenv("KPLAN_MAX_FILES", wrong)
        assert limits.max_files() == 20_000
    monkeypatch.setenv("KPLAN_MAX_FILES", "7")
    assert limits.max_files() == 7


def test_the_loader_stops_at_the_limit_and_says_so_once(
        make_plan: PlanFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    files = {f"activities/drogy/2.1.{n}.yaml": card(f"2.1.{n}") for n in range(2, 9)}
    files.update({f"meetings/2019-0{n}-01-drogy.yaml": "x: 1\n" for n in range(1, 5)})
    root = make_plan(files)
    read: list[str] = []
    original = loader.read_file
    monkeypatch.setattr(loader, "read_file",
                        lambda document, *rest: read.append(document.rel)
                        or original(document, *rest))
    monkeypatch.setenv("KPLAN_MAX_FILES", "3")
    found = codes(root)
    assert [f for f in found if f[1] == "KP116"] == [("activities/drogy/2.1.5.yaml", "KP116")]
    assert not [f for f in found if f[0].startswith("meetings/")]
    assert len(read) == 1 + 3  # plan.yaml and three cards: nothing past the limit is read


def test_the_cache_scan_stops_at_the_limit(make_plan: PlanFactory,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_plan({f"services/s{n}.yaml": "x: 1\n" for n in range(50)})
    monkeypatch.setenv("KPLAN_MAX_FILES", "5")
    seen = scan.scan(root)
    assert len(seen.contents) <= 1 + 6


def test_a_plan_over_the_limit_fails_validation(make_plan: PlanFactory) -> None:
    root = make_plan({f"activities/drogy/2.1.{n}.yaml": card(f"2.1.{n}") for n in range(3, 6)})
    result = CliRunner().invoke(app, ["validate", str(root), "--format", "json"],
                                env={"KPLAN_MAX_FILES": "2"})
    assert result.exit_code == 1
    assert [d["code"] for d in json.loads(result.stdout)["diagnostics"]] == ["KP116"]


# --- odd paths -----------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["2.1.2 kopie.yaml", "žluťoučký kůň.yaml", "-2.1.2.yaml",
                                  "--help.yaml", "2.1.2'; rm -rf ~.yaml"])
def test_odd_but_printable_names_are_read(make_plan: PlanFactory, name: str) -> None:
    root = make_plan({f"activities/drogy/{name}": card("2.1.3")})
    assert (f"activities/drogy/{name}", "KP210") in codes(root)  # read: its number is checked
    result = CliRunner().invoke(app, ["validate", str(root)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("name", "shown"), [
    (b"2.1.3\n.yaml", "2.1.3\\n.yaml"), (b"\x1b]0;pwned\x07\x1b[31m.yaml", "\\x1b]0;pwned\\x07"),
    (b"\xe2\x80\xae3.1.2.yaml", "\\u202e3.1.2.yaml"), (b"2.1.3\xff.yaml", "2.1.3\\xff.yaml"),
])
def test_names_with_control_characters_are_not_read_and_shown_escaped(
        make_plan: PlanFactory, name: bytes, shown: str) -> None:
    root = make_plan()
    with open(os.fsencode(root / "activities/drogy") + b"/" + name, "wb") as handle:
        handle.write(card("2.1.3").encode())
    found = codes(root)
    assert len(found) == 1 and found[0][1] == "KP118" and shown in found[0][0], found
    for args in (["validate", str(root)], ["validate", str(root), "--format", "github"],
                 ["status", str(root), "--as-of", "2020-01-01"]):
        result = run_kplan(args)
        assert result.returncode == (0 if args[0] == "status" else 1), result.stderr
        assert b"\x1b" not in result.stdout + result.stderr
        assert b"Traceback" not in result.stderr


@pytest.mark.parametrize("folder", ["activities", "services", "meetings"])
def test_a_data_folder_that_is_a_file_is_a_diagnostic(make_plan: PlanFactory,
                                                      folder: str) -> None:
    root = make_plan(card=False)
    (root / folder).write_text("tajné\n", encoding="utf-8")
    assert codes(root) == [(folder, "KP113")]
    result = CliRunner().invoke(app, ["validate", str(root)], env={"KPLAN_LANG": "cs"})
    assert result.exit_code == 1
    assert "má to být složka, je to soubor" in result.output


def test_an_unreadable_file_is_a_diagnostic_even_for_root(
        make_plan: PlanFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root reads files of mode 000, so the refusal is simulated where the file is read."""
    root = make_plan()
    refuse_reading(monkeypatch, "2.1.2.yaml")
    assert codes(root) == [(CARD, "KP113")]
    result = CliRunner().invoke(app, ["validate", str(root), "--no-cache"])
    assert result.exit_code == 1
    assert "Jana Nováková" not in result.output and "Traceback" not in result.output


# --- interrupted writes --------------------------------------------------------------------

def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if TEMPORARY_NAME.match(p.name))


@pytest.mark.parametrize("fault", ["write", "fsync", "chmod", "before_rename", "after_rename"])
def test_an_interrupted_write_keeps_the_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 fault: str) -> None:
    target = tmp_path / "1.1.1.yaml"
    target.write_bytes(b"puvodni\n")

    def fail(*_: object, **__: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    if fault == "write":
        real_fdopen = os.fdopen

        def fdopen(fd: int, mode: str) -> object:
            handle = real_fdopen(fd, mode)
            handle.write = fail  # type: ignore[method-assign]
            return handle
        monkeypatch.setattr(write.os, "fdopen", fdopen)
    elif fault == "fsync":
        monkeypatch.setattr(write.os, "fsync", fail)
    elif fault == "chmod":
        monkeypatch.setattr(write.os, "chmod", fail)
    elif fault == "before_rename":
        monkeypatch.setattr(write.os, "replace", fail)
    else:
        real_replace = os.replace

        def replace_then_fail(source: str, destination: Path) -> None:
            real_replace(source, destination)
            raise KeyboardInterrupt
        monkeypatch.setattr(write.os, "replace", replace_then_fail)
    with pytest.raises((OSError, KeyboardInterrupt)):
        write.atomic_write(target, b"nove\n")
    assert target.read_bytes() in ((b"nove\n",) if fault == "after_rename" else (b"puvodni\n",))
    assert _leftovers(tmp_path) == []


def test_a_full_disk_during_an_edit_is_a_message_and_the_card_is_intact(
        make_plan: PlanFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_plan()
    before = (root / CARD).read_bytes()

    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(write.os, "fsync", full)
    result = CliRunner().invoke(app, ["done", "2.1.2", "Zajistit", str(root), "--date",
                                      "2019-05-01"], env={"KPLAN_LANG": "cs"})
    assert result.exit_code == 1, result.output
    assert "Nelze zapsat" in result.stderr and "beze změny" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert (root / CARD).read_bytes() == before
    assert _leftovers(root / "activities/drogy") == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_a_message(make_plan: PlanFactory) -> None:
    root = make_plan()
    folder = root / "activities/drogy"
    before = (root / CARD).read_bytes()
    folder.chmod(0o555)
    try:
        result = CliRunner().invoke(app, ["done", "2.1.2", "Zajistit", str(root)])
    finally:
        folder.chmod(0o755)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert (root / CARD).read_bytes() == before


@pytest.mark.realclock
def test_a_leftover_temporary_file_is_ignored_then_removed(make_plan: PlanFactory) -> None:
    root = make_plan()
    folder = root / "activities/drogy"
    leftover = folder / ".2.1.2.yaml.k2j4_x9a.tmp"
    leftover.write_text("id: [rozbité\n", encoding="utf-8")
    fresh = folder / ".2.1.2.yaml.abcd1234.tmp"  # a write in progress elsewhere: kept
    fresh.write_text("id: [rozbité\n", encoding="utf-8")
    old = time.time() - 3600
    os.utime(leftover, (old, old))
    assert codes(root) == []  # the loader never reads them
    result = CliRunner().invoke(app, ["done", "2.1.2", "Zajistit", str(root), "--date",
                                      "2019-05-01"])
    assert result.exit_code == 0, result.output
    assert not leftover.exists()
    assert fresh.exists()


# --- privacy -------------------------------------------------------------------------------

PRIVATE = ("+420 777 123 456", "jana.soukroma@example.cz", "+420 608 999 000",
           "vedouci.doma@example.org")
PUBLIC = ("+420 596 000 111", "info@renarkon.example")
CONTACTS = f"""\
id: renarkon-terenni-program
name: Terénní program
provider: {{name: "Renarkon, o.p.s."}}
kind: terenni-programy
groups: [drogy]
contacts:
  - name: Recepce
    phone: "{PUBLIC[0]}"
    email: {PUBLIC[1]}
    public: true
  - name: Jana Soukromá
    phone: "{PRIVATE[0]}"
    email: {PRIVATE[1]}
  - name: Vedoucí
    phone: "{PRIVATE[2]}"
    email: {PRIVATE[3]}
    public: false
"""


def _private_plan(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "plan", {"plan.yaml": PLAN_YAML, CARD: CARD_YAML,
                                          "services/renarkon-terenni-program.yaml": CONTACTS})


def _public_outputs(root: Path, tmp_path: Path) -> dict[str, str]:
    runner = CliRunner()
    outputs = {}
    for fmt in ("md", "html"):
        for lang in ("cs", "en"):
            result = runner.invoke(app, ["report", str(root), "--year", "2019", "--format", fmt,
                                         "--as-of", "2020-01-01", "--lang", lang])
            assert result.exit_code == 0, result.output
            outputs[f"report-{fmt}-{lang}"] = result.output
    help_text = runner.invoke(app, ["--help"]).output
    if " site " in help_text or "\n  site" in help_text:
        site = tmp_path / "site"
        result = runner.invoke(app, ["site", str(root), "-o", str(site)])
        assert result.exit_code == 0, result.output
        outputs["site"] = result.output
        for page in sorted(site.rglob("*")):
            if page.is_file():
                outputs[f"site/{page.relative_to(site)}"] = page.read_bytes().decode(
                    "utf-8", "replace")
    return outputs


def test_public_outputs_hold_no_private_contact(tmp_path: Path) -> None:
    root = _private_plan(tmp_path)
    outputs = _public_outputs(root, tmp_path)
    assert any(PUBLIC[0] in text for text in outputs.values())  # the scan sees contacts
    for name, text in outputs.items():
        for secret in PRIVATE:
            assert secret not in text, (name, secret)
            assert secret.replace(" ", "") not in text.replace(" ", ""), (name, secret)


def test_a_bug_keeps_its_traceback_but_no_local_variables(tmp_path: Path) -> None:
    root = _private_plan(tmp_path)
    script = textwrap.dedent(f"""\
        import sys
        import kplan.load.loader
        from kplan.cli import main

        def load_plan(root, *args, **kwargs):
            contact = {PRIVATE[0]!r}
            raise RuntimeError("bug in the loader")

        kplan.load.loader.load_plan = load_plan
        sys.argv = ["kplan", "validate", {str(root)!r}, "--no-cache"]
        main()
        """)
    for env in ({}, {"_TYPER_STANDARD_TRACEBACK": ""}, {"TERM": "xterm-256color"}):
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60,
                                env={**os.environ, **env}, check=False)
        stderr = result.stderr.decode("utf-8", "replace")
        assert result.returncode == 1
        assert "Traceback" in stderr and "RuntimeError: bug in the loader" in stderr
        assert PRIVATE[0] not in stderr + result.stdout.decode("utf-8", "replace")


def test_typer_would_not_show_locals_either() -> None:
    """Should pretty exceptions ever be turned on, rich must not print local variables."""
    assert app.pretty_exceptions_show_locals is False


# --- terminals -----------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_report_prints_under_ascii(tmp_path: Path, fmt: str) -> None:
    root = _private_plan(tmp_path)
    result = run_kplan(["report", str(root), "--year", "2019", "--format", fmt, "--as-of",
                        "2020-01-01"], PYTHONIOENCODING="ascii")
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    result.stdout.decode("ascii")
