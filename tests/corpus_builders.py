"""Special files of the broken-plans corpus, made at test time.

Some defects cannot live in the repository as ordinary files: bytes in windows-1250, a
BOM, a 2 MiB file, symbolic links, a file nobody may read, CRLF line endings (git may
rewrite them), or are just too big to review (an alias bomb, 500 levels of nesting).
``BUILDERS`` maps a case folder's name to a function that writes its special file into a
copy of the case folder (``case_dir``); the test copies the folder to ``tmp_path`` first,
so ``case_dir.parent`` is a scratch folder outside the plan that symlinks may point into.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

CARD = "activities/prevence/1.1.1.yaml"
CARD_TEXT = """\
id: "1.1.1"
title: Terénní práce v lokalitách
responsible: Jana Nováková
"""


def _write(case_dir: Path, rel: str, data: bytes) -> None:
    path = case_dir / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _outside(case_dir: Path) -> Path:
    """A folder next to the plan root, i.e. outside the plan."""
    folder = case_dir.parent / f"{case_dir.name}-outside"
    folder.mkdir(exist_ok=True)
    return folder


# --- KP1xx: files and YAML -----------------------------------------------------------------

def billion_laughs(case_dir: Path) -> None:
    """The classic alias bomb: 9 levels of 10 aliases, 10^9 strings once expanded."""
    lines = [CARD_TEXT.rstrip("\n"), 'description: &l0 ["chacha", "chacha", "chacha"]']
    for level in range(1, 10):
        aliases = ", ".join([f"*l{level - 1}"] * 10)
        lines.append(f"x{level}: &l{level} [{aliases}]")
    _write(case_dir, CARD, ("\n".join(lines) + "\n").encode())


def file_too_large(case_dir: Path) -> None:
    """A valid card padded with description lines to 2 MiB."""
    step = "  - Vyhledávání a kontaktování uživatelů drog v lokalitách Přívoz a Vítkovice\n"
    body = CARD_TEXT + "description:\n"
    count = (2 * 1024 * 1024 - len(body.encode())) // len(step.encode()) + 1
    _write(case_dir, CARD, (body + step * count).encode())


def cp1250(case_dir: Path) -> None:
    """A card saved as windows-1250 (Notepad's “ANSI” on a Czech Windows)."""
    _write(case_dir, CARD, CARD_TEXT.encode("cp1250"))


def bom(case_dir: Path) -> None:
    """A card saved as “UTF-8 with BOM”."""
    _write(case_dir, CARD, b"\xef\xbb\xbf" + CARD_TEXT.encode())


def deep_flow(case_dir: Path) -> None:
    """500 nested flow lists in one value."""
    _write(case_dir, CARD, (CARD_TEXT + "description: " + "[" * 500 + "]" * 500 + "\n").encode())


def deep_block(case_dir: Path) -> None:
    """500 levels of block mappings, indented one space a level."""
    lines = [CARD_TEXT.rstrip("\n"), "risks:"]
    lines += [" " * level + f"k{level}:" for level in range(1, 500)]
    lines.append(" " * 500 + "konec")
    _write(case_dir, CARD, ("\n".join(lines) + "\n").encode())


def deep_compact(case_dir: Path) -> None:
    """30,000 compact nested sequences on one line (``- - - …``): 60 KB that would crash
    libyaml's recursive composer if it ever got to compose them."""
    _write(case_dir, CARD, (CARD_TEXT + "risks:\n  " + "- " * 30_000 + "x\n").encode())


def long_string(case_dir: Path) -> None:
    """A description of 100,001 characters: one line pasted a hundred thousand times over."""
    _write(case_dir, CARD, (CARD_TEXT + "description: " + "x" * 100_001 + "\n").encode())


def control_character_in_name(case_dir: Path) -> None:
    """A card whose name ends in a newline (an editor's slip, or a name made to break the
    output of a tool that prints it)."""
    _write(case_dir, "activities/prevence/1.1.2\n.yaml",
           CARD_TEXT.replace("1.1.1", "1.1.2").encode())


def symlink_loop(case_dir: Path) -> None:
    """A card that is a symbolic link to itself."""
    (case_dir / "activities/prevence/1.1.2.yaml").symlink_to("1.1.2.yaml")


def dangling_symlink(case_dir: Path) -> None:
    """A card that is a symbolic link to a file that does not exist."""
    (case_dir / "activities/prevence/1.1.2.yaml").symlink_to("smazano.yaml")


def symlink_outside(case_dir: Path) -> None:
    """A card that is a symbolic link to a file outside the plan."""
    target = _outside(case_dir) / "1.1.2.yaml"
    target.write_text(CARD_TEXT.replace("1.1.1", "1.1.2"), encoding="utf-8")
    link = case_dir / "activities/prevence/1.1.2.yaml"
    link.symlink_to(os.path.relpath(target, link.parent))


def group_folder_symlink_outside(case_dir: Path) -> None:
    """A group folder that is a symbolic link to a folder outside the plan."""
    target = _outside(case_dir) / "cards"
    target.mkdir()
    (target / "1.1.1.yaml").write_text(CARD_TEXT, encoding="utf-8")
    (case_dir / "activities/drogy").symlink_to(target, target_is_directory=True)


def plan_yaml_symlink_outside(case_dir: Path) -> None:
    """plan.yaml itself is a symbolic link to a file outside the plan."""
    target = _outside(case_dir) / "plan.yaml"
    shutil.move(case_dir / "plan.yaml", target)
    (case_dir / "plan.yaml").symlink_to(target)


def services_folder_symlink_outside(case_dir: Path) -> None:
    """The services/ folder is a symbolic link to a folder outside the plan."""
    target = _outside(case_dir) / "services"
    target.mkdir()
    (target / "terenni-program.yaml").write_text(
        "id: terenni-program\nname: Terénní program\nprovider: {name: \"Renarkon, o.p.s.\"}\n"
        "kind: terenni-programy\ngroups: [prevence]\n", encoding="utf-8")
    (case_dir / "services").symlink_to(target, target_is_directory=True)


def fifo_card(case_dir: Path) -> None:
    """A card that is a named pipe: opening it would wait for a writer for ever."""
    os.mkfifo(case_dir / "activities/prevence/1.1.2.yaml")


def plan_yaml_is_directory(case_dir: Path) -> None:
    """plan.yaml is a folder: the one read error that can be made even as root."""
    (case_dir / "plan.yaml").unlink()
    (case_dir / "plan.yaml").mkdir()
    (case_dir / "plan.yaml" / "plan.yaml").write_text("title: Plán\n", encoding="utf-8")


def unreadable(case_dir: Path) -> None:
    """A card nobody may read (root still can: the test skips the case then)."""
    (case_dir / CARD).chmod(0)


# --- valid -----------------------------------------------------------------------------------

def crlf(case_dir: Path) -> None:
    """Every YAML file of the case with Windows line endings."""
    for path in sorted(case_dir.rglob("*.yaml")):
        text = path.read_bytes().replace(b"\r\n", b"\n")
        path.write_bytes(text.replace(b"\n", b"\r\n"))


BUILDERS: dict[str, Callable[[Path], None]] = {
    "KP103-billion-laughs": billion_laughs,
    "KP104-file-too-large": file_too_large,
    "KP105-cp1250": cp1250,
    "KP108-deep-nesting-flow": deep_flow,
    "KP108-deep-nesting-block": deep_block,
    "KP108-compact-sequence-nesting": deep_compact,
    "KP109-symlink-outside": symlink_outside,
    "KP109-group-folder-symlink-outside": group_folder_symlink_outside,
    "KP109-plan-yaml-symlink-outside": plan_yaml_symlink_outside,
    "KP109-services-folder-symlink-outside": services_folder_symlink_outside,
    "KP112-bom": bom,
    "KP117-long-string": long_string,
    "KP118-control-character-in-name": control_character_in_name,
    "KP113-plan-yaml-is-directory": plan_yaml_is_directory,
    "KP113-unreadable-file": unreadable,
    "KP113-symlink-loop": symlink_loop,
    "KP113-dangling-symlink": dangling_symlink,
    "KP113-fifo-card": fifo_card,
    "VALID-crlf": crlf,
}


CASE_ENV: dict[str, dict[str, str]] = {
    "KP116-too-many-files": {"KPLAN_MAX_FILES": "2"},
}
"""Environment variables a case runs with: three cards over a limit of two files stand for
20,001 files over the default limit."""


def prepare(case_dir: Path, into: Path) -> Path:
    """Copy the case folder into ``into`` and make its special files; the plan root."""
    root = into / case_dir.name
    shutil.copytree(case_dir, root, symlinks=True, ignore=shutil.ignore_patterns("expected.txt"))
    builder = BUILDERS.get(case_dir.name)
    if builder is not None:
        builder(root)
    return root


def is_readable(path: Path) -> bool:
    """Whether this process can read ``path`` (root reads files of mode 000)."""
    try:
        with open(path, "rb"):
            return True
    except OSError:
        return False
