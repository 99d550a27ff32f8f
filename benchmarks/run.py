"""Time kplan as whole processes on synthetic plans, side by side with its peers.

    pip install -e '.[bench]'
    python benchmarks/run.py [--sizes 100 1000 10000] [--runs 5] [--json benchmarks/results.json]
                             [--no-peers]

For each plan size it generates a plan (benchmarks/generate.py), then times, as the
median of several runs: ``kplan --help``; ``kplan validate`` cold (empty cache) and warm;
``kplan status`` cold, warm (piped, and on a 120-column terminal in colour, as on the
projector) and after one card changed (as after ``kplan done`` in a meeting: the view is
made again, the other cards come from the cache); ``kplan done`` of a planned milestone
followed by ``status``, timed as one pair; a warm ``validate`` of a plan with a warning on
every card, as text and as JSON; ``yamllint -d relaxed`` and
``check-jsonschema`` (with the schemas from ``kplan schema``) on the same files; and a
plain ``json.loads`` of the same data saved as JSON, the floor no YAML tool can beat. Each
row has the peak memory of its processes and the cores it kept busy (CPU time over wall
time). It prints a table and writes JSON.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import platform
import pty
import shlex
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from generate import generate

BIN = Path(sys.executable).parent
JSON_FLOOR = ("import json, pathlib, sys\n"
              "data = [json.loads(p.read_bytes()) for p in sorted(pathlib.Path(sys.argv[1])"
              ".rglob('*.json'))]\nprint(len(data))")


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


def yaml_files(plan: Path) -> list[str]:
    return [str(p) for p in sorted(plan.rglob("*.yaml"))]


def mirror_as_json(plan: Path, out: Path) -> None:
    """The same data as JSON files, read with kplan's own YAML reader."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from kplan.yamlio import read_document

    for path in plan.rglob("*.yaml"):
        document, _ = read_document(path, path.name)
        target = out / path.relative_to(plan).with_suffix(".json")
        target.parent.mkdir(parents=True, exist_ok=True)
        data = document.data if document else None
        target.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")


def schema_commands(plan: Path, schemas: Path) -> list[list[str]]:
    kinds = {"plan": ["plan.yaml"], "activity": ["activities/*/*.yaml"],
             "service": ["services/*.yaml"], "meeting": ["meetings/*.yaml"]}
    commands = []
    for kind, patterns in kinds.items():
        files = [str(p) for pattern in patterns for p in sorted(plan.glob(pattern))]
        if files:
            commands.append([str(BIN / "check-jsonschema"), "--schemafile",
                             str(schemas / f"{kind}.schema.json"), *files])
    return commands


def diagnostics_as_text_and_json(size: int, runs: int, work: Path, env: dict[str, str],
                                 kplan: str) -> list[Timing]:
    """A warm ``validate`` of a plan with a warning on every card, as text and as JSON."""
    plan = work / f"plan-{size}-warned"
    generate(plan, size, warned=True)
    validate = [kplan, "validate", str(plan)]
    subprocess.run(validate, env=env, capture_output=True, check=False)
    return [measure(size, "kplan validate (warm, a warning a card, text)", validate, runs,
                    env=env),
            measure(size, "kplan validate (warm, a warning a card, json)",
                    [*validate, "--format", "json"], runs, env=env)]


def bench_size(size: int, runs: int, work: Path, peers: bool = True) -> list[Timing]:
    plan = work / f"plan-{size}"
    generate(plan, size)
    env = {**os.environ, "KPLAN_CACHE_DIR": str(work / f"cache-{size}"), "NO_COLOR": "1"}
    kplan = str(BIN / "kplan")
    subprocess.run([kplan, "schema", str(work / "schemas")], check=True, capture_output=True)
    mirror_as_json(plan, work / f"json-{size}")
    slow_runs = max(1, runs // 2) if size >= 10_000 else runs
    timings = [
        measure(size, "kplan --help", [kplan, "--help"], runs, env=env),
        measure(size, "kplan validate (cold)", [kplan, "validate", str(plan)], slow_runs,
                env=env, before_each="cold"),
    ]
    subprocess.run([kplan, "validate", str(plan)], env=env, capture_output=True, check=False)
    timings.append(measure(size, "kplan validate (warm)", [kplan, "validate", str(plan)], runs,
                           env=env))
    status = [kplan, "status", str(plan), "--as-of", "2025-06-30"]
    timings.append(measure(size, "kplan status (cold)", status, slow_runs, env=env,
                           before_each="cold"))
    subprocess.run(status, env=env, capture_output=True, check=False)
    timings.append(measure(size, "kplan status (warm)", status, runs, env=env))
    projector = {key: value for key, value in env.items() if key != "NO_COLOR"}
    projector["TERM"] = "xterm-256color"
    run_once(status, projector, terminal=True)
    timings.append(measure(size, "kplan status (warm, terminal)", status, runs, env=projector,
                           terminal=True))
    timings.append(measure(size, "kplan status (one card changed)", status, slow_runs,
                           env=env, before_each="edit", plan=plan))
    timings.append(measure(size, "kplan done, then status", [kplan, "done"], slow_runs,
                           env=env, before_each="done", plan=plan, then=status))
    timings += diagnostics_as_text_and_json(size, runs, work, env, kplan)
    if peers and (BIN / "yamllint").exists():
        timings.append(measure(size, "yamllint -d relaxed",
                               [str(BIN / "yamllint"), "-d", "relaxed", *yaml_files(plan)],
                               slow_runs, env=env))
    if peers and (BIN / "check-jsonschema").exists():
        script = work / f"check-jsonschema-{size}.sh"  # too long for one `sh -c` argument
        script.write_text("set -e\n" + "".join(" ".join(shlex.quote(a) for a in c) + "\n"
                                               for c in schema_commands(plan, work / "schemas")))
        timings.append(measure(size, "check-jsonschema", ["sh", str(script)], slow_runs,
                               env=env))
    timings.append(measure(size, "json.loads floor",
                           [sys.executable, "-c", JSON_FLOOR, str(work / f"json-{size}")],
                           runs, env=env))
    return timings


def ratios(timings: list[Timing]) -> dict[str, float]:
    by_name = {t.name: t.median_s for t in timings}
    found = {}
    if "yamllint -d relaxed" in by_name:
        found["validate cold / yamllint"] = by_name["kplan validate (cold)"] / \
            by_name["yamllint -d relaxed"]
    if "check-jsonschema" in by_name:
        found["validate cold / check-jsonschema"] = by_name["kplan validate (cold)"] / \
            by_name["check-jsonschema"]
    found["validate warm / json floor"] = by_name["kplan validate (warm)"] / \
        by_name["json.loads floor"]
    found["status warm / json floor"] = by_name["kplan status (warm)"] / \
        by_name["json.loads floor"]
    found["validate warm, text - json (s)"] = \
        by_name["kplan validate (warm, a warning a card, text)"] - \
        by_name["kplan validate (warm, a warning a card, json)"]
    return found


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, default=Path("benchmarks/results.json"))
    parser.add_argument("--no-peers", action="store_true",
                        help="Leave out yamllint and check-jsonschema (quicker, while working).")
    args = parser.parse_args()
    compile_kplan()
    results: dict[str, object] = {"machine": machine(), "sizes": {}}
    with tempfile.TemporaryDirectory(prefix="kplan-bench-") as work:
        for size in args.sizes:
            timings = bench_size(size, args.runs, Path(work), peers=not args.no_peers)
            print(f"\n{size} activity cards")
            print(f"{'command':46} {'median':>9} {'peak RSS':>10} {'cores':>6}")
            for timing in timings:
                print(f"{timing.name:46} {timing.median_s:8.3f}s {timing.peak_rss_mb:8.0f}MB "
                      f"{timing.cores:6.2f}")
            for name, value in ratios(timings).items():
                print(f"  {name}: {value:.2f}")
            results["sizes"][str(size)] = {  # type: ignore[index]
                "timings": [asdict(t) for t in timings], "ratios": ratios(timings)}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten: {args.json}")


if __name__ == "__main__":
    main()
