"""`python -m bench [--repeat N] [--warmup N] [--quick]`: what the monitor costs against a bare
Playwright script; prints the table and writes reports/bench.json. Every figure is the median of
--repeat runs; the runs of a ratio's two sides alternate; warm-up runs are not counted. Each run
writes its reports into a temporary folder: the user's reports/ is left alone (but bench.json).
--quick (the smoke test): one repetition, one cheap check on every side, fewer items."""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from bench import plan
from bench.plan import Item, bare, checks, closed_port, measure, monitor, with_baseline
from bench.runs import median
from bench.table import Row, render
from bench.targets import account_environment, replica_targets
from monitor.core.exit_codes import MonitorExit
from monitor.core.paths import ROOT

OUTPUT = ROOT / "reports" / "bench.json"
GROWTH = (1, 2, 4)  # targets in one run, --jobs 2
SEQUENTIAL = 2  # these targets run also with --jobs 1
CHECKS_GOAL, MONITOR_GOAL, UNREACHABLE_GOAL_S, MEMORY_GOAL_MB, FLAT_GOAL = 1.25, 1.5, 3.0, 600, 1.1
SKIPPED = "skipped (--quick or --sections)"
SECTIONS = ("core", "unreachable", "growth")


def progress(line: str) -> None:
    print(f"bench: {line}", file=sys.stderr, flush=True)


def core_items(tmp: Path, quick: bool, attribute: bool) -> list[Item]:
    items = [bare(quick), checks("checks", tmp / "checks", quick), monitor("monitor", tmp / "monitor", quick),
             checks("checks_n2", tmp / "checks-n2", quick, "-n", "2")]
    if not quick:
        items.append(monitor("monitor_n2", tmp / "monitor-n2", quick, "-n", "2"))
    if attribute:  # what the failure artifacts cost: recorded on every check, kept on a failure
        items += [checks("checks_no_trace", tmp / "no-trace", quick, "--tracing=off"),
                  checks("checks_no_video", tmp / "no-video", quick, "--video=off")]
    return items


def unreachable_items(tmp: Path, quick: bool) -> list[Item]:
    urls = {"port": f"http://127.0.0.1:{closed_port()}/focus", "dns": "http://focus.invalid/focus"}
    items = []
    for kind, url in urls.items():
        items.append(checks(f"unreachable_{kind}_checks", tmp / f"down-{kind}-checks", quick, f"--base-url={url}",
                            expect=MonitorExit.SITE_UNREACHABLE))
        if not quick:  # the monitor's run is the healthy one's, plus a report build
            items.append(monitor(f"unreachable_{kind}_monitor", tmp / f"down-{kind}-monitor", quick,
                                 f"--base-url={url}", expect=MonitorExit.SITE_UNREACHABLE))
    return items


def growth_items(tmp: Path, quick: bool, targets_file: Path, names: list[str]) -> list[Item]:
    env = account_environment()

    def several(key: str, count: int, jobs: int) -> Item:
        selected = [f"--target={name}" for name in names[:count]]
        return monitor(key, tmp / key, quick, f"--targets-file={targets_file}", *selected, f"--jobs={jobs}", env=env)

    if quick:
        return [several(f"growth_{SEQUENTIAL}", SEQUENTIAL, 2)]
    return [*(several(f"growth_{count}", count, 2) for count in GROWTH),
            several(f"sequential_{SEQUENTIAL}", SEQUENTIAL, 1)]


def rows_from(items: dict[str, Item]) -> list[Row]:
    def row(key: str, label: str) -> Row:
        item = items.get(key)
        if item is None or not item.runs:
            return Row(key, label, note=SKIPPED)
        return Row(key, label, median(item.seconds), [round(s, 2) for s in item.seconds],
                   peak_mb=max(r.peak_mb for r in item.runs))

    def against(row: Row, base: Row, goal: float | None) -> Row:
        if row.seconds is not None and base.seconds:
            row.ratio = row.seconds / base.seconds
            if goal is not None:
                row.goal, row.met = f"<= {goal:g}x", row.ratio <= goal
        return row

    def report_build(key: str, label: str) -> Row:
        item = items.get(key)
        figures = [r.report_seconds for r in item.runs if r.report_seconds is not None] if item else []
        if not figures:
            return Row(f"{key}_report", label, note=SKIPPED if item is None else "no report line")
        seconds = median(figures)
        whole = median(item.seconds)
        return Row(f"{key}_report", label, seconds, figures, note=f"{100 * seconds / whole:.0f}% of the run")

    floor = row("floor", "floor: bare Playwright script (bench/bare_flow.py)")
    rows = [floor,
            against(row("checks", "checks alone: python -m pytest"), floor, CHECKS_GOAL),
            against(row("monitor", "whole monitor: python -m monitor"), floor, MONITOR_GOAL),
            report_build("monitor", "  of which the report build"),
            against(row("checks_n2", "checks alone, -n 2"), floor, CHECKS_GOAL),
            against(row("monitor_n2", "whole monitor, -n 2"), floor, MONITOR_GOAL),
            report_build("monitor_n2", "  of which the report build (-n 2)")]
    for key, words in (("trace", "--tracing=off"), ("video", "--video=off")):
        without = row(f"checks_no_{key}", f"checks alone, {words} (what it costs)")
        if without.runs:
            without.note = f"ratio: against the checks as shipped; {rows[1].seconds - without.seconds:+.1f} s"
            against(without, rows[1], None)
        else:
            without.note = "add --attribute"
        rows.append(without)
    for kind, words in (("port", "closed port"), ("dns", "host that does not resolve")):
        for side, command in (("checks", "pytest"), ("monitor", "monitor")):
            down = row(f"unreachable_{kind}_{side}", f"unreachable, {words}: {command}")
            if down.seconds is not None:
                down.goal, down.met = f"< {UNREACHABLE_GOAL_S:g} s", down.seconds < UNREACHABLE_GOAL_S
            rows.append(down)
    single = [r for r in rows if r.peak_mb is not None]
    peak = Row("peak_memory", "peak memory of the process tree (one target)",
               peak_mb=max((r.peak_mb for r in single), default=None))
    if peak.peak_mb is not None:
        heaviest = max(single, key=lambda r: r.peak_mb)
        peak.goal, peak.met, peak.note = f"< {MEMORY_GOAL_MB} MB", peak.peak_mb < MEMORY_GOAL_MB, heaviest.label
    rows.append(peak)
    one = row("growth_1", "")
    for count in GROWTH:
        grown = row(f"growth_{count}", f"{count} target(s) in one run, --jobs 2")
        if grown.seconds is not None:
            grown.note = f"{grown.seconds / count:.1f} s a target"
            if one.seconds:
                grown.ratio = grown.seconds / count / one.seconds
                grown.goal, grown.met = f"per target <= {FLAT_GOAL:g}x of 1", grown.ratio <= FLAT_GOAL
        rows.append(grown)
    sequential = row(f"sequential_{SEQUENTIAL}", f"{SEQUENTIAL} targets, --jobs 1 (sequential)")
    parallel = items.get(f"growth_{SEQUENTIAL}")
    if sequential.seconds is not None and parallel is not None and parallel.runs:
        sequential.ratio = median(parallel.seconds) / sequential.seconds
        sequential.note = f"ratio: --jobs 2 takes {sequential.ratio:.2f}x the sequential time"
    rows.append(sequential)
    return rows


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--repeat", type=int, default=5, help="counted runs of every item (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="uncounted rounds first (default 1; --quick: 0)")
    parser.add_argument("--quick", action="store_true", help="the smoke test's cheap mode")
    parser.add_argument("--attribute", action="store_true",
                        help="also the checks without trace, and without video (what each costs)")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where the figures go (JSON)")
    parser.add_argument("--baseline", type=Path, default=None,
                        help="another checkout (with node_modules; e.g. `git worktree add`): its monitor runs "
                             "alternate with this one's; a second table gives its figures (the floor and the "
                             "checks alone are shared: the same code on both sides unless fixtures/ changed)")
    parser.add_argument("--sections", default=",".join(SECTIONS),
                        help=f"which of {', '.join(SECTIONS)} to run (default: all; the others' rows say skipped)")
    args = parser.parse_args(argv)
    warmup = 0 if args.quick else args.warmup
    sections = set(args.sections.split(","))
    measured: list[Item] = []
    try:
        with tempfile.TemporaryDirectory(prefix="focus-bench-") as folder:
            tmp = Path(folder)
            if "core" in sections:
                core = with_baseline(core_items(tmp, args.quick, args.attribute), args.baseline, tmp)
                measured += measure(core, args.repeat, warmup, progress)
            if "unreachable" in sections:
                down = with_baseline(unreachable_items(tmp, args.quick), args.baseline, tmp)
                measured += measure(down, args.repeat, 0, progress)
            if "growth" in sections:
                with replica_targets(tmp, SEQUENTIAL if args.quick else max(GROWTH)) as (targets_file, names):
                    measured += measure(growth_items(tmp, args.quick, targets_file, names), args.repeat, 0, progress)
    except plan.BenchError as error:
        print(f"bench: ERROR: {error}", file=sys.stderr)
        return 1
    ours = {item.key: item for item in measured if item.cwd == ROOT}
    rows = rows_from(ours)
    baseline_rows = None
    if args.baseline is not None:  # the floor is shared: it is the same script on both sides
        shared = {key: item for key, item in ours.items() if not key.startswith(("growth_", "sequential_"))}
        baseline_rows = rows_from({**shared, **{item.key: item for item in measured if item.cwd != ROOT}})
        print(f"baseline: {args.baseline}")
        for line in render(baseline_rows):
            print(line)
        print("\nthis checkout:")
    for line in render(rows):
        print(line)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps({
        "finished": datetime.now(UTC).isoformat(timespec="seconds"), "repeat": args.repeat, "warmup": warmup,
        "quick": args.quick, "sections": sorted(sections),
        "load_average": os.getloadavg(), "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "rows": {row.key: row.as_json() for row in rows},
        **({"baseline": str(args.baseline), "baseline_rows": {row.key: row.as_json() for row in baseline_rows}}
           if baseline_rows else {})}, indent=2), encoding="utf-8")
    print(f"bench: figures in {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
