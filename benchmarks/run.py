"""Time kplan as whole processes on synthetic plans, side by side with its peers.

    pip install -e '.[bench]'
    python benchmarks/run.py [--sizes 100 1000 10000] [--runs 5] [--json benchmarks/results.json]
                             [--no-peers] [--only WORD ...] [--markdown]

For each plan size it generates a plan (benchmarks/generate.py), then times, as the
median of several runs: ``kplan --help``; ``kplan validate`` cold (empty cache), cold
on one core (``taskset``: no worker process) and warm; ``kplan status`` cold, warm (piped,
and on a 120-column terminal in colour, as on the projector) and after one card changed
(as after ``kplan done`` in a meeting: the view is made again, the other cards come from
the cache); ``kplan done`` of a planned milestone followed by ``status``, timed as one
pair; ``kplan list activities`` after one card changed; ``kplan report`` from a warm
cache; every other command that reads the whole plan (``everycommand.COMMANDS``: the
other formats of ``status``, ``overdue``, ``show``, the other lists, ``minutes``,
``needs``, ``map``, the exports, ``fmt --check``, ``changes``, ``log``, ``site``) after
one card changed; a warm ``validate`` of a plan with a warning on every card, as text and as JSON;
``yamllint -d relaxed`` and ``check-jsonschema`` (with the schemas from ``kplan schema``)
on the same files; and a plain ``json.loads`` of the same data saved as JSON, the floor no
YAML tool can beat. Each row has the peak memory of its processes and the cores it kept
busy (CPU time over wall time). It prints a table per size (with ``--markdown`` also one
table of all sizes, as the README shows it) and writes JSON.

``--only`` runs the rows whose name holds one of the words (``--only cold yamllint``),
for quick runs while working; ``--no-peers`` leaves out yamllint and check-jsonschema.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from everycommand import COMMANDS, IN_GIT, arguments
from generate import generate
from measure import Timing, compile_kplan, machine, measure, run_once

from kplan.load.scan import RACY_SECONDS

BIN = Path(sys.executable).parent
AS_OF = "2025-06-30"
JSON_FLOOR = ("import json, pathlib, sys\n"
              "data = [json.loads(p.read_bytes()) for p in sorted(pathlib.Path(sys.argv[1])"
              ".rglob('*.json'))]\nprint(len(data))")


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


@dataclass
class Bench:
    """One plan size: its plan, cache and commands, with what the rows share made once."""

    size: int
    runs: int
    work: Path
    kplan: str = str(BIN / "kplan")
    made: set[str] = field(default_factory=set)

    @property
    def plan(self) -> Path:
        return self.work / f"plan-{self.size}"

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "KPLAN_CACHE_DIR": str(self.work / f"cache-{self.size}"),
                "NO_COLOR": "1"}

    @property
    def slow_runs(self) -> int:
        return max(1, self.runs // 2) if self.size >= 10_000 else self.runs

    @property
    def status(self) -> list[str]:
        return [self.kplan, "status", str(self.plan), "--as-of", AS_OF]

    def once(self, what: str, make: Callable[[], object]) -> None:
        if what not in self.made:
            make()
            self.made.add(what)

    def warm(self, command: Sequence[str], env: dict[str, str] | None = None) -> None:
        """The cache (and the view memo) filled by one run of ``command``."""
        subprocess.run(command, env=env or self.env, capture_output=True, check=False)

    def time(self, name: str, command: Sequence[str], slow: bool = False,
             **options: Any) -> Timing:
        options.setdefault("env", self.env)
        return measure(self.size, name, command, self.slow_runs if slow else self.runs,
                       **options)


Row = Callable[["Bench", str], "Timing | None"]


def settled(plan: Path, size: int, warned: bool = False) -> None:
    """A plan generated and left for as long as kplan's scan distrusts a file just
    written (it hashes such a file again at every run, as after a change in a meeting):
    else the first rows would time that and the later ones not."""
    generate(plan, size, warned=warned)
    time.sleep(RACY_SECONDS + 0.1)
ROWS: dict[str, Row] = {}
"""Every row by its name, in the order of the table."""
PEERS: set[str] = set()


def row(name: str, peer: bool = False) -> Callable[[Row], Row]:
    def register(function: Row) -> Row:
        ROWS[name] = function
        if peer:
            PEERS.add(name)
        return function
    return register


@row("kplan --help")
def _help(b: Bench, name: str) -> Timing:
    return b.time(name, [b.kplan, "--help"])


@row("kplan validate (cold)")
def _validate_cold(b: Bench, name: str) -> Timing:
    return b.time(name, [b.kplan, "validate", str(b.plan)], slow=True, before_each="cold")


@row("kplan validate (cold, one core)")
def _validate_cold_one_core(b: Bench, name: str) -> Timing:
    """The same on one core: ``kplan.load.pool`` starts no worker then."""
    return b.time(name, ["taskset", "-c", "0", b.kplan, "validate", str(b.plan)],
                  slow=True, before_each="cold")


@row("kplan validate (warm)")
def _validate_warm(b: Bench, name: str) -> Timing:
    b.warm([b.kplan, "validate", str(b.plan)])
    return b.time(name, [b.kplan, "validate", str(b.plan)])


@row("kplan status (cold)")
def _status_cold(b: Bench, name: str) -> Timing:
    return b.time(name, b.status, slow=True, before_each="cold")


@row("kplan status (warm)")
def _status_warm(b: Bench, name: str) -> Timing:
    b.warm(b.status)
    return b.time(name, b.status)


@row("kplan status (warm, terminal)")
def _status_terminal(b: Bench, name: str) -> Timing:
    projector = {key: value for key, value in b.env.items() if key != "NO_COLOR"}
    projector["TERM"] = "xterm-256color"
    run_once(b.status, projector, terminal=True)
    return b.time(name, b.status, env=projector, terminal=True)


@row("kplan status (one card changed)")
def _status_changed(b: Bench, name: str) -> Timing:
    b.warm(b.status)
    return b.time(name, b.status, slow=True, before_each="edit", plan=b.plan)


@row("kplan done, then status")
def _done_status(b: Bench, name: str) -> Timing:
    b.warm(b.status)
    return b.time(name, [b.kplan, "done"], slow=True, before_each="done", plan=b.plan,
                  then=b.status)


@row("kplan list activities (one card changed)")
def _list_changed(b: Bench, name: str) -> Timing:
    listing = [b.kplan, "list", "activities", str(b.plan), "--as-of", AS_OF]
    b.warm(listing)
    return b.time(name, listing, slow=True, before_each="edit", plan=b.plan)


@row("kplan report (warm cache)")
def _report(b: Bench, name: str) -> Timing:
    report = [b.kplan, "report", str(b.plan), "--year", "2024", "--as-of", AS_OF]
    b.warm([b.kplan, "validate", str(b.plan)])
    return b.time(name, report, slow=True)


def _every_command(b: Bench, name: str) -> Timing:
    """A command of ``everycommand.COMMANDS``: the cache warm, one card changed."""
    if name in IN_GIT:
        b.once("git", lambda: in_git(b.plan))
    out = b.work / f"out-{b.size}"
    out.mkdir(exist_ok=True)
    card = min((b.plan / "activities").glob("*/*.yaml"))
    meeting = min((b.plan / "meetings").glob("*.yaml"))
    command = [b.kplan, *arguments(name, plan=str(b.plan), as_of=AS_OF, out=str(out),
                                   card=f"{card.parent.name}/{card.stem}", meeting=meeting.stem)]
    b.warm([b.kplan, "validate", str(b.plan)])
    return b.time(name, command, slow=True, before_each="edit", plan=b.plan)


for _name in COMMANDS:
    ROWS[_name] = _every_command


def in_git(plan: Path) -> None:
    """The plan committed to a git repository of its own, for ``changes`` and ``log``."""
    git = ["git", "-C", str(plan), "-c", "user.name=kplan", "-c", "user.email=kplan@example.org"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "Plán"]):
        subprocess.run([*git, *command], check=True, capture_output=True)


def _warned(b: Bench, name: str, options: Sequence[str]) -> Timing:
    """A warm ``validate`` of a plan with a warning on every card."""
    plan = b.work / f"plan-{b.size}-warned"
    b.once("warned", lambda: settled(plan, b.size, warned=True))
    validate = [b.kplan, "validate", str(plan), *options]
    b.warm(validate)
    return b.time(name, validate)


@row("kplan validate (warm, a warning a card, text)")
def _warned_text(b: Bench, name: str) -> Timing:
    return _warned(b, name, [])


@row("kplan validate (warm, a warning a card, json)")
def _warned_json(b: Bench, name: str) -> Timing:
    return _warned(b, name, ["--format", "json"])


@row("yamllint -d relaxed", peer=True)
def _yamllint(b: Bench, name: str) -> Timing | None:
    if not (BIN / "yamllint").exists():
        return None
    return b.time(name, [str(BIN / "yamllint"), "-d", "relaxed", *yaml_files(b.plan)],
                  slow=True)


@row("check-jsonschema", peer=True)
def _check_jsonschema(b: Bench, name: str) -> Timing | None:
    if not (BIN / "check-jsonschema").exists():
        return None
    schemas = b.work / "schemas"
    b.once("schemas", lambda: subprocess.run([b.kplan, "schema", str(schemas)], check=True,
                                             capture_output=True))
    script = b.work / f"check-jsonschema-{b.size}.sh"  # too long for one `sh -c` argument
    script.write_text("set -e\n" + "".join(" ".join(shlex.quote(a) for a in c) + "\n"
                                           for c in schema_commands(b.plan, schemas)))
    return b.time(name, ["sh", str(script)], slow=True)


@row("json.loads floor")
def _json_floor(b: Bench, name: str) -> Timing:
    mirror = b.work / f"json-{b.size}"
    b.once("json", lambda: mirror_as_json(b.plan, mirror))
    return b.time(name, [sys.executable, "-c", JSON_FLOOR, str(mirror)])


def chosen_rows(only: Sequence[str], peers: bool) -> list[str]:
    """The names of the rows to run: all, or those holding one of the words of ``only``."""
    names = [name for name in ROWS if peers or name not in PEERS]
    return [name for name in names
            if not only or any(word.lower() in name.lower() for word in only)]


def bench_size(size: int, runs: int, work: Path, rows: Sequence[str]) -> list[Timing]:
    bench = Bench(size, runs, work)
    settled(bench.plan, size)
    timings = [ROWS[name](bench, name) for name in rows]
    return [timing for timing in timings if timing is not None]


RATIOS = {"validate cold / yamllint": ("kplan validate (cold)", "yamllint -d relaxed"),
          "validate cold / check-jsonschema": ("kplan validate (cold)", "check-jsonschema"),
          "validate cold, one core / both": ("kplan validate (cold, one core)",
                                             "kplan validate (cold)"),
          "validate warm / json floor": ("kplan validate (warm)", "json.loads floor"),
          "status warm / json floor": ("kplan status (warm)", "json.loads floor")}


def ratios(timings: list[Timing]) -> dict[str, float]:
    by_name = {t.name: t.median_s for t in timings}
    found = {name: by_name[top] / by_name[bottom] for name, (top, bottom) in RATIOS.items()
             if top in by_name and bottom in by_name}
    text, json_ = (f"kplan validate (warm, a warning a card, {f})" for f in ("text", "json"))
    if text in by_name and json_ in by_name:
        found["validate warm, text - json (s)"] = by_name[text] - by_name[json_]
    return found


def markdown(results: dict[int, list[Timing]]) -> str:
    """One table of every row and size: the median, then the peak memory and cores."""
    sizes = sorted(results)
    names = list(dict.fromkeys(t.name for size in sizes for t in results[size]))
    lines = ["| | " + " | ".join(f"{size:,} cards" for size in sizes) + " |",
             "|---|" + "---:|" * len(sizes)]
    for name in names:
        cells = []
        for size in sizes:
            found = next((t for t in results[size] if t.name == name), None)
            cells.append("–" if found is None else
                         f"{_seconds(found.median_s)}, {found.peak_rss_mb:.0f} MB, "
                         f"{found.cores:.1f}×")
        lines.append(f"| `{name}` | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _seconds(value: float) -> str:
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s" if value < 100 \
        else f"{value:.0f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, default=Path("benchmarks/results.json"))
    parser.add_argument("--no-peers", action="store_true",
                        help="Leave out yamllint and check-jsonschema (quicker, while working).")
    parser.add_argument("--only", nargs="+", default=[], metavar="WORD",
                        help="Only the rows whose name holds one of these words.")
    parser.add_argument("--markdown", action="store_true",
                        help="Also print one Markdown table of all sizes, as in the README.")
    args = parser.parse_args()
    compile_kplan()
    rows = chosen_rows(args.only, peers=not args.no_peers)
    results: dict[str, object] = {"machine": machine(), "sizes": {}}
    measured: dict[int, list[Timing]] = {}
    with tempfile.TemporaryDirectory(prefix="kplan-bench-") as work:
        for size in args.sizes:
            timings = measured[size] = bench_size(size, args.runs, Path(work), rows)
            print_size(size, timings)
            results["sizes"][str(size)] = {  # type: ignore[index]
                "timings": [asdict(t) for t in timings], "ratios": ratios(timings)}
    if args.markdown:
        print("\n" + markdown(measured))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten: {args.json}")


def print_size(size: int, timings: list[Timing]) -> None:
    print(f"\n{size} activity cards")
    print(f"{'command':46} {'median':>9} {'peak RSS':>10} {'cores':>6}")
    for timing in timings:
        print(f"{timing.name:46} {timing.median_s:8.3f}s {timing.peak_rss_mb:8.0f}MB "
              f"{timing.cores:6.2f}")
    for name, value in ratios(timings).items():
        print(f"  {name}: {value:.2f}")


if __name__ == "__main__":
    main()
