"""Any terminal: legacy encodings, pipes, NO_COLOR, TERM=dumb, narrow windows."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.plantree import PlanFactory

EXAMPLE = Path(__file__).resolve().parents[1] / "data"
KPLAN = shutil.which("kplan") or str(Path(sys.executable).parent / "kplan")

BROKEN = """\
id: "2.1.2"
titel: Krizové lůžko – „noclehárna“ → 24 h…
responsible: Jana Nováková
"""


def run(args: list[str], **env: str) -> subprocess.CompletedProcess[bytes]:
    environment = {**os.environ, "KPLAN_LANG": "cs", **env}
    return subprocess.run([KPLAN, *args], capture_output=True, env=environment, timeout=60,
                          check=False)


@pytest.mark.parametrize("encoding", ["ascii", "cp1250", "latin-1"])
def test_legacy_encodings_get_stand_ins(make_plan: PlanFactory, encoding: str) -> None:
    root = make_plan({"activities/drogy/2.1.2.yaml": BROKEN})
    for args in (["validate", str(root)], ["status", str(EXAMPLE), "--as-of", "2021-01-01"],
                 ["show", "2.1.2", str(EXAMPLE)]):
        result = run(args, PYTHONIOENCODING=encoding)
        assert b"Traceback" not in result.stderr, result.stderr.decode(encoding, "replace")
        assert result.returncode in (0, 1)
        text = result.stdout.decode(encoding)  # every byte is valid in that encoding
        if args[0] == "validate" and encoding == "ascii":
            assert 'Nezname pole "titel".' in text and "-> Myslite" in text
        if args[0] == "validate" and encoding == "cp1250":
            assert "Neznámé pole „titel“." in text


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TERM": "dumb"}, {"COLUMNS": "40"}])
def test_plain_environments(env: dict[str, str]) -> None:
    result = run(["status", str(EXAMPLE), "--as-of", "2021-01-01"], **env)
    assert result.returncode == 0
    assert b"\x1b[" not in result.stdout
    assert b"Traceback" not in result.stderr


def test_forty_columns_on_a_terminal_fit(tmp_path: Path) -> None:
    """Through a pseudo-terminal 40 columns wide, no line is wider than 40."""
    script = ("import os, pty, sys\n"
              "pid, fd = pty.fork()\n"
              "if pid == 0:\n"
              f"    os.execvpe({KPLAN!r}, ['kplan', 'status', {str(EXAMPLE)!r}, '--as-of',"
              " '2021-01-01'], {**os.environ, 'COLUMNS': '40', 'LINES': '50'})\n"
              "out = b''\n"
              "while True:\n"
              "    try:\n"
              "        chunk = os.read(fd, 65536)\n"
              "    except OSError:\n"
              "        break\n"
              "    if not chunk:\n"
              "        break\n"
              "    out += chunk\n"
              "sys.stdout.buffer.write(out)\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60,
                            check=False)
    text = result.stdout.decode("utf-8", "replace")
    assert "Traceback" not in text
    plain = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", text)
    widths = [len(line) for line in plain.replace("\r", "").splitlines()]
    assert widths and max(widths) <= 40, max(widths)


def test_text_measured_without_rich_is_as_wide_as_rich_says() -> None:
    from rich.cells import cell_len

    from kplan.output.cells import NARROW, cell_width

    narrow = [chr(c) for c in range(0x20, 0x3000) if NARROW.fullmatch(chr(c))]
    assert "ř" in narrow and "„" in narrow and "\u0301" not in narrow and "中" not in narrow
    assert [c for c in narrow if cell_len(c) != 1] == []
    assert cell_width("Příliš žluťoučký kůň – „úpěl“") == 29
    assert cell_width("e\u0301") == 1 and cell_width("中文") == 4


@pytest.mark.parametrize("env", [{}, {"COLUMNS": "50"}, {"FORCE_COLOR": "1"}, {"NO_COLOR": ""},
                                 {"TTY_COMPATIBLE": "1"}, {"TERM": "dumb"}])
def test_a_piped_shape_is_known_without_a_console(env: dict[str, str],
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    """A remembered view is written to a pipe without importing rich: its shape is the
    one rich's console would have."""
    from kplan.output.terminal import console_for, stream_shape, terminal_shape

    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with (tmp_path / "out").open("w") as file:
        for stream in (io.StringIO(), file):
            assert stream_shape(stream) == terminal_shape(console_for(stream))
