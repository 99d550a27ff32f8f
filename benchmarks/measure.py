"""Whole processes timed: wall time, peak memory and the cores they kept busy."""

from __future__ import annotations

import fcntl
import os
import platform
import pty
import shutil
import statistics
import struct
import subprocess
import termios
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Timing:
    size: int
    name: str
    median_s: float
    runs: list[float]
    peak_rss_mb: float
    exit_code: int
    cores: float = 0.0
    """CPU time (user and system, with the worker processes) over wall time: the median's."""


def run_once(command: Sequence[str], env: dict[str, str],
             terminal: bool = False) -> tuple[float, float, int, float]:
    """Wall time, peak resident memory (MB), exit status and CPU time of one process (with
    the children it waited for); with ``terminal``, its output goes to a pseudo-terminal
    of 120 columns that is read out."""
    master = slave = -1
    reader = None
    if terminal:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        reader = threading.Thread(target=_drain, args=(master,), daemon=True)
        reader.start()
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL,
                               stdout=slave if terminal else subprocess.DEVNULL)
    if terminal:
        os.close(slave)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if reader is not None:
        reader.join()
        os.close(master)
    return elapsed, usage.ru_maxrss / 1024, process.returncode, usage.ru_utime + usage.ru_stime


def _drain(master: int) -> None:
    while True:
        try:
            if not os.read(master, 1 << 16):
                return
        except OSError:  # the terminal's other end is closed: the process is done
            return


def measure(size: int, name: str, command: Sequence[str], runs: int, *,
            env: dict[str, str], before_each: str | None = None, plan: Path | None = None,
            terminal: bool = False, then: Sequence[str] | None = None) -> Timing:
    """The median of ``runs`` runs; with ``then``, each run is the pair: the command, then
    ``then`` (its memory is the larger peak of the two)."""
    runs_s, peaks, cpus, code = [], [], [], 0
    for number in range(runs):
        if before_each == "cold":
            shutil.rmtree(env["KPLAN_CACHE_DIR"], ignore_errors=True)
        elif before_each == "edit" and plan is not None:
            card = min((plan / "activities").glob("*/*.yaml"))
            with card.open("a", encoding="utf-8") as stream:
                stream.write(f"# poznámka ze schůzky {number}\n")
        elif before_each == "done" and plan is not None:
            command = done_command(plan, number, command)
        elapsed, peak, code, cpu = run_once(command, env, terminal)
        if then is not None:
            more, peak_then, code, cpu_then = run_once(then, env, terminal)
            elapsed, peak, cpu = elapsed + more, max(peak, peak_then), cpu + cpu_then
        runs_s.append(elapsed)
        peaks.append(peak)
        cpus.append(cpu)
    median = statistics.median(runs_s)
    cores = cpus[runs_s.index(min(runs_s, key=lambda t: abs(t - median)))] / median
    return Timing(size, name, median, runs_s, max(peaks), code, cores)


def done_command(plan: Path, number: int, command: Sequence[str]) -> list[str]:
    """``kplan done`` of a planned milestone of the number-th card, as at a meeting."""
    cards = sorted((plan / "activities").glob("*/*.yaml"))
    card = cards[number * 7 % len(cards)]
    statuses = [line.split(":", 1)[1].strip() for line in card.read_text("utf-8").splitlines()
                if line.startswith("    status:")]
    milestone = statuses.index("planned") + 1 if "planned" in statuses else 1
    ref = f"{card.parent.name}/{card.stem}"
    return [*command[:2], ref, str(milestone), str(plan), "--date", "2025-06-30"]


def compile_kplan() -> None:
    """Bytecode for kplan, as an installed wheel has it: an editable install under
    ``PYTHONDONTWRITEBYTECODE`` would otherwise compile every module on every run."""
    import compileall

    import kplan

    compileall.compile_dir(Path(kplan.__file__).parent, quiet=1)


def machine() -> dict[str, str]:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        model = next((line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                      if line.startswith("model name")), "")
    return {"cpu": model or platform.processor(), "cores": str(os.cpu_count()),
            "python": platform.python_version(), "system": platform.platform()}
