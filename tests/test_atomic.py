"""The one writer of plan edits and outputs (kplan.atomic): whole or not at all, never
through a link, the mode kept, nothing left behind."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from kplan import atomic
from kplan.output.files import write_output
from kplan.yamlio.write import atomic_write

Writer = Callable[[Path, bytes], object]
WRITERS: dict[str, Writer] = {"atomic": atomic.replace_file, "edit": atomic_write,
                              "output": write_output}


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if atomic.TEMPORARY_NAME.match(p.name))


def _full(*_: object, **__: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("writer", WRITERS.values(), ids=WRITERS.keys())
def test_a_link_is_replaced_and_its_target_stays(tmp_path: Path, writer: Writer) -> None:
    target = tmp_path / "elsewhere.yaml"
    target.write_bytes(b"cizi\n")
    link = tmp_path / "out.yaml"
    link.symlink_to(target)
    writer(link, b"nove\n")
    assert not link.is_symlink() and link.read_bytes() == b"nove\n"
    assert target.read_bytes() == b"cizi\n"


@pytest.mark.parametrize("writer", WRITERS.values(), ids=WRITERS.keys())
@pytest.mark.parametrize("step", ["fsync", "chmod", "replace"])
def test_a_failure_leaves_the_old_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             writer: Writer, step: str) -> None:
    path = tmp_path / "1.1.1.yaml"
    path.write_bytes(b"puvodni\n")
    monkeypatch.setattr(atomic.os, step, _full)
    with pytest.raises(OSError, match="No space"):
        writer(path, b"nove\n")
    assert path.read_bytes() == b"puvodni\n"
    assert _temporaries(tmp_path) == []


@pytest.mark.parametrize("writer", WRITERS.values(), ids=WRITERS.keys())
def test_a_folder_in_the_way_is_refused_and_kept(tmp_path: Path, writer: Writer) -> None:
    path = tmp_path / "report.md"
    (path / "inside").mkdir(parents=True)
    with pytest.raises(OSError):
        writer(path, b"nove\n")
    assert (path / "inside").is_dir()
    assert _temporaries(tmp_path) == []


@pytest.mark.parametrize("writer", WRITERS.values(), ids=WRITERS.keys())
def test_the_mode_of_the_replaced_file_is_kept(tmp_path: Path, writer: Writer) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"puvodni\n")
    path.chmod(0o640)
    writer(path, b"nove\n")
    assert path.stat().st_mode & 0o777 == 0o640
    assert path.read_bytes() == b"nove\n"


def test_a_new_file_gets_the_mode_of_the_umask(tmp_path: Path) -> None:
    before = os.umask(0o027)
    try:
        atomic.replace_file(tmp_path / "new.yaml", b"x\n")
    finally:
        os.umask(before)
    assert (tmp_path / "new.yaml").stat().st_mode & 0o777 == 0o640


def test_the_data_is_flushed_to_disk_before_the_rename(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    steps: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(descriptor: int) -> None:
        steps.append("fsync")
        real_fsync(descriptor)

    def replace(source: str, destination: Path) -> None:
        steps.append("replace")
        real_replace(source, destination)

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    monkeypatch.setattr(atomic.os, "replace", replace)
    atomic.replace_file(tmp_path / "out.html", b"<p>\n")
    assert steps == ["fsync", "replace", "fsync"]
