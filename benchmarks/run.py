"""Time kplan as whole processes on synthetic plans, side by side with its peers.

    pip install -e '.[bench]'
    python benchmarks/run.py [--sizes 100 1000 10000] [--runs 5] [--json benchmarks/results.json]

For each plan size it generates a plan (benchmarks/generate.py), then times, as the
median of several runs: ``kplan --help``; ``kplan validate`` cold (empty cache) and warm;
``kplan status`` cold and warm; ``yamllint -d relaxed`` and ``check-jsonschema`` (with the
schemas from ``kplan schema``) on the same files; and a plain ``json.loads`` of the same
data saved as JSON, the floor no YAML tool can beat. It prints a table and writes JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
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


def run_once(command: Sequence[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall time, peak resident memory (MB) and exit status of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, process.returncode


def measure(size: int, name: str, command: Sequence[str], runs: int, *,
            env: dict[str, str], before_each: str | None = None) -> Timing:
    times, peaks, code = [], [], 0
    for _ in range(runs):
        if before_each == "cold":
            shutil.rmtree(env["KPLAN_CACHE_DIR"], ignore_errors=True)
        elapsed, peak, code = run_once(command, env)
        times.append(elapsed)
        peaks.append(peak)
    return Timing(size, name, statistics.median(times), times, max(peaks), code)


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


def bench_size(size: int, runs: int, work: Path) -> list[Timing]:
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
    if (BIN / "yamllint").exists():
        timings.append(measure(size, "yamllint -d relaxed",
                               [str(BIN / "yamllint"), "-d", "relaxed", *yaml_files(plan)],
                               slow_runs, env=env))
    if (BIN / "check-jsonschema").exists():
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
    return found


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
    args = parser.parse_args()
    results: dict[str, object] = {"machine": machine(), "sizes": {}}
    with tempfile.TemporaryDirectory(prefix="kplan-bench-") as work:
        for size in args.sizes:
            timings = bench_size(size, args.runs, Path(work))
            print(f"\n{size} activity cards")
            print(f"{'command':32} {'median':>9} {'peak RSS':>10}")
            for timing in timings:
                print(f"{timing.name:32} {timing.median_s:8.3f}s {timing.peak_rss_mb:8.0f}MB")
            for name, value in ratios(timings).items():
                print(f"  {name}: {value:.2f}")
            results["sizes"][str(size)] = {  # type: ignore[index]
                "timings": [asdict(t) for t in timings], "ratios": ratios(timings)}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten: {args.json}")


if __name__ == "__main__":
    main()
