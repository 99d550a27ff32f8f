"""Two versions of kplan timed in turns, run by run: before and after a change.

    python benchmarks/interleaved.py BEFORE_SRC [AFTER_SRC] [--sizes 1000 10000] [--runs 9]
                                     [--rows changed done cold help terminal]

``BEFORE_SRC`` is the ``src`` folder of another checkout (``git worktree add ../before
<commit>``); ``AFTER_SRC`` defaults to this checkout's. The machine this project runs on
drifts by a fifth or more between runs minutes apart, so ``run.py`` run once for each
version compares the machine more than the code: here every run of the one is followed
by the same run of the other, each with its own copy of the plan and its own cache, and
the table gives both medians, the fastest runs and the peak memory. Rows:

- ``changed``: ``kplan status`` after one card changed (as ``run.py``'s row);
- ``done``: ``kplan done`` of a planned milestone, then ``status``, as one pair;
- ``cold``: ``kplan validate`` with an empty cache;
- ``status-cold``: ``kplan status`` with an empty cache (the first view on a new machine);
- ``help``: ``kplan --help``;
- ``terminal``: a warm ``kplan status`` on a 120-column terminal in colour.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from generate import generate
from measure import done_command, run_once

from kplan.load.scan import RACY_SECONDS

KPLAN = str(Path(sys.executable).parent / "kplan")
AS_OF = "2025-06-30"
ROWS = ("changed", "done", "cold", "status-cold", "help", "terminal")


class Version:
    """One version of kplan with its own copy of the plan and its own cache."""

    def __init__(self, src: Path, plan: Path, work: Path, name: str) -> None:
        self.src, self.name = src, name
        self.plan = work / f"plan-{name}"
        shutil.copytree(plan, self.plan)
        self.cache = work / f"cache-{name}"
        self.times: dict[str, list[float]] = {}
        self.peaks: dict[str, float] = {}

    def env(self, terminal: bool = False) -> dict[str, str]:
        env = {**os.environ, "PYTHONPATH": str(self.src), "KPLAN_CACHE_DIR": str(self.cache)}
        if terminal:
            env["TERM"] = "xterm-256color"
        else:
            env["NO_COLOR"] = "1"
        return env

    def status(self) -> list[str]:
        return [KPLAN, "status", str(self.plan), "--as-of", AS_OF]

    def run(self, row: str, number: int) -> None:
        wall, peak = STEPS[row](self, number)
        self.times.setdefault(row, []).append(wall)
        self.peaks[row] = max(self.peaks.get(row, 0.0), peak)


def _changed(version: Version, number: int) -> tuple[float, float]:
    card = min((version.plan / "activities").glob("*/*.yaml"))
    with card.open("a", encoding="utf-8") as stream:
        stream.write(f"# poznámka ze schůzky {number}\n")
    wall, peak, _, _ = run_once(version.status(), version.env())
    return wall, peak


def _done(version: Version, number: int) -> tuple[float, float]:
    wall, peak, _, _ = run_once(done_command(version.plan, number, [KPLAN, "done"]),
                                version.env())
    more, peak_then, _, _ = run_once(version.status(), version.env())
    return wall + more, max(peak, peak_then)


def _cold(version: Version, number: int) -> tuple[float, float]:
    shutil.rmtree(version.cache, ignore_errors=True)
    wall, peak, _, _ = run_once([KPLAN, "validate", str(version.plan)], version.env())
    return wall, peak


def _status_cold(version: Version, number: int) -> tuple[float, float]:
    shutil.rmtree(version.cache, ignore_errors=True)
    wall, peak, _, _ = run_once(version.status(), version.env())
    return wall, peak


def _help(version: Version, number: int) -> tuple[float, float]:
    wall, peak, _, _ = run_once([KPLAN, "--help"], version.env())
    return wall, peak


def _terminal(version: Version, number: int) -> tuple[float, float]:
    wall, peak, _, _ = run_once(version.status(), version.env(terminal=True), terminal=True)
    return wall, peak


STEPS: dict[str, Callable[[Version, int], tuple[float, float]]] = {
    "changed": _changed, "done": _done, "cold": _cold, "status-cold": _status_cold,
    "help": _help, "terminal": _terminal}


def compare(size: int, runs: int, rows: list[str], sources: list[Path],
            work: Path) -> list[str]:
    """The table's lines for one plan size."""
    plan = work / "plan"
    generate(plan, size)
    time.sleep(RACY_SECONDS + 0.1)
    versions = [Version(src, plan, work, name)
                for src, name in zip(sources, ("before", "after"), strict=True)]
    for row in rows:
        for version in versions:  # the cache filled, the views of the plan as it is now kept
            run_once(version.status(), version.env())
            run_once(version.status(), version.env(terminal=True), terminal=True)
        for number in range(runs):
            for version in versions if number % 2 == 0 else reversed(versions):
                version.run(row, number)
    before, after = versions
    return [f"| {row} | {size:,} | {_cell(before, row)} | {_cell(after, row)} |"
            for row in rows]


def _cell(version: Version, row: str) -> str:
    times = version.times[row]
    return (f"{statistics.median(times):.2f} s (fastest {min(times):.2f} s), "
            f"{version.peaks[row]:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path, nargs="?",
                        default=Path(__file__).resolve().parents[1] / "src")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--rows", nargs="+", choices=ROWS, default=list(ROWS))
    args = parser.parse_args()
    sources = [args.before.resolve(), args.after.resolve()]
    for src in sources:  # as an installed wheel has it, not compiled at every run
        compileall.compile_dir(src, quiet=1)
    lines = ["| row | cards | before | after |", "|---|---:|---:|---:|"]
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="kplan-interleaved-") as folder:
            lines += compare(size, args.runs, args.rows, sources, Path(folder))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
