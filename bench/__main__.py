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
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from bench import breakdown, imports, plan
from bench.plan import Item, bare, checks, closed_port, measure, monitor, with_baseline
from bench.runs import median
from bench.table import Row, render
from bench.targets import account_environment, replica_targets
from monitor.core.exit_codes import MonitorExit
from monitor.core.paths import ROOT

OUTPUT = ROOT / "reports" / "bench.json"
GROWTH = (1, 2, 4)  # targets in one run, --jobs 2
# Devices in one run of one target: the second runs every check again in the same pytest.
DEVICES = ("Desktop Chrome", "Pixel 7")
# What each way of keeping a failed check's evidence costs (--attribute): recorded on every check,
# kept on a failure. Each against the checks as shipped (a trace of DOM snapshots, no video, JPEG).
ATTRIBUTION = {
    "trace_off": (("--tracing=off",), "no trace at all"),
    "trace_network": (("--trace-parts=none",), "a trace of actions and network only"),
    "trace_screenshots": (("--trace-parts=screenshots",), "a trace with the screencast, no snapshots"),
    "trace_all": (("--trace-parts=all",), "a trace with screencast, snapshots and sources"),
    "video": (("--video=retain-on-failure",), "a video as well"),
    "trace_all_video": (("--trace-parts=all", "--video=retain-on-failure"), "full trace and video (formerly)"),
    "png": (("--evidence-screenshot=png",), "PNG instead of JPEG screenshots"),
}
SEQUENTIAL = 2  # these targets run also with --jobs 1
CHECKS_GOAL, MONITOR_GOAL, UNREACHABLE_GOAL_S, MEMORY_GOAL_MB, FLAT_GOAL = 1.25, 1.5, 3.0, 600, 1.1
# The runs whose seconds are broken down by phase (bench/breakdown.py), and how their tables are titled.
BROKEN_DOWN = {"monitor": "python -m monitor", "checks": "python -m pytest"}
SKIPPED = "skipped (--quick or --sections)"
SECTIONS = ("core", "unreachable", "growth")


def progress(line: str) -> None:
    print(f"bench: {line}", file=sys.stderr, flush=True)


def core_items(tmp: Path, quick: bool, attribute: bool) -> list[Item]:
    items = [bare(quick), checks("checks", tmp / "checks", quick, timed=True),
             monitor("monitor", tmp / "monitor", quick, timed=True),
             checks("checks_n2", tmp / "checks-n2", quick, "-n", "2")]
    if not quick:
        items.append(monitor("monitor_n2", tmp / "monitor-n2", quick, "-n", "2"))
    if attribute:
        items += [checks(f"checks_{key}", tmp / key, quick, *args) for key, (args, _label) in ATTRIBUTION.items()]
    return items


def unreachable_items(tmp: Path, quick: bool) -> list[Item]:
    urls = {"port": f"http://127.0.0.1:{closed_port()}/focus", "dns": "http://focus.invalid/focus"}
    items = []
    for kind, url in urls.items():
        items.append(checks(f"unreachable_{kind}_checks", tmp / f"down-{kind}-checks", quick, f"--base-url={url}",
                            expect=MonitorExit.SITE_UNREACHABLE))
        if not quick or kind == "port":  # the alert's arrival at a local receiver, then the report
            items.append(monitor(f"unreachable_{kind}_monitor", tmp / f"down-{kind}-monitor", quick,
                                 f"--base-url={url}", expect=MonitorExit.SITE_UNREACHABLE, heard=True))
    return items


def growth_items(tmp: Path, quick: bool, targets_file: Path, names: list[str]) -> list[Item]:
    env = account_environment()

    def several(key: str, count: int, jobs: int) -> Item:
        selected = [f"--target={name}" for name in names[:count]]
        return monitor(key, tmp / key, quick, f"--targets-file={targets_file}", *selected, f"--jobs={jobs}", env=env)

    def devices(count: int) -> Item:
        return monitor(f"devices_{count}", tmp / f"devices-{count}", quick, f"--targets-file={targets_file}",
                       f"--target={names[0]}", *(f"--device={name}" for name in DEVICES[:count]), env=env)

    if quick:
        return [several(f"growth_{SEQUENTIAL}", SEQUENTIAL, 2), devices(len(DEVICES))]
    return [*(several(f"growth_{count}", count, 2) for count in GROWTH),
            several(f"sequential_{SEQUENTIAL}", SEQUENTIAL, 1), *(devices(count) for count in (1, len(DEVICES)))]


def rows_from(items: dict[str, Item]) -> list[Row]:
    def row(key: str, label: str) -> Row:
        item = items.get(key)
        if item is None or not item.runs:
            return Row(key, label, note=SKIPPED)
        return Row(key, label, median(item.seconds), [round(s, 2) for s in item.seconds],
                   cpu_s=median(item.cpu_seconds), peak_mb=max(r.peak_mb for r in item.runs))

    def against(row: Row, base: Row, goal: float | None) -> Row:
        if row.cpu_s is not None and base.cpu_s:
            row.cpu_ratio = row.cpu_s / base.cpu_s
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
    shipped = rows[1]
    for key, (args, label) in ATTRIBUTION.items():
        variant = against(row(f"checks_{key}", f"checks alone, {label} ({' '.join(args)})"), floor, None)
        if variant.seconds is not None and shipped.seconds is not None:
            variant.note = f"{variant.seconds - shipped.seconds:+.1f} s against the checks as shipped"
        elif not variant.runs:
            variant.note = "add --attribute"
        rows.append(variant)
    for kind, words in (("port", "closed port"), ("dns", "host that does not resolve")):
        rows.append(row(f"unreachable_{kind}_checks", f"unreachable, {words}: pytest"))
        rows.append(row(f"unreachable_{kind}_monitor", f"unreachable, {words}: monitor, to its exit (report built)"))
        heard = items.get(f"unreachable_{kind}_monitor")
        alert = Row(f"unreachable_{kind}_heard", f"unreachable, {words}: monitor, start to the alert's arrival",
                    note=SKIPPED)
        if heard is not None and heard.heard_seconds:
            alert = Row(alert.key, alert.label, median(heard.heard_seconds), [round(s, 2) for s in heard.heard_seconds],
                        goal=f"< {UNREACHABLE_GOAL_S:g} s", met=median(heard.heard_seconds) < UNREACHABLE_GOAL_S)
        rows.append(alert)
    single = [r for r in rows if r.peak_mb is not None]
    peak = Row("peak_memory", "peak memory of the process tree (one target)",
               peak_mb=max((r.peak_mb for r in single), default=None))
    if peak.peak_mb is not None:
        heaviest = max(single, key=lambda r: r.peak_mb)
        peak.goal, peak.met, peak.note = f"< {MEMORY_GOAL_MB} MB", peak.peak_mb < MEMORY_GOAL_MB, heaviest.label
    rows.append(peak)
    def per_unit(prefix: str, counts: tuple[int, ...], unit: str, label: Callable[[int], str]) -> None:
        """Runs of 1, 2... targets or devices: the seconds a unit, against the run of one."""
        one = row(f"{prefix}_1", "")
        for count in counts:
            grown = row(f"{prefix}_{count}", label(count))
            if grown.seconds is not None:
                grown.note = f"{grown.seconds / count:.1f} s a {unit}"
                if one.seconds:
                    grown.ratio = grown.seconds / count / one.seconds
                    grown.goal, grown.met = f"per {unit} <= {FLAT_GOAL:g}x of 1", grown.ratio <= FLAT_GOAL
            rows.append(grown)

    per_unit("growth", GROWTH, "target", lambda count: f"{count} target(s) in one run, --jobs 2")
    per_unit("devices", (1, len(DEVICES)), "device",
             lambda count: f"{count} device(s) in one run: {', '.join(DEVICES[:count])}")
    sequential = row(f"sequential_{SEQUENTIAL}", f"{SEQUENTIAL} targets, --jobs 1 (sequential)")
    parallel = items.get(f"growth_{SEQUENTIAL}")
    if sequential.seconds is not None and parallel is not None and parallel.runs:
        sequential.ratio = median(parallel.seconds) / sequential.seconds
        sequential.note = f"ratio: --jobs 2 takes {sequential.ratio:.2f}x the sequential time"
    rows.append(sequential)
    return rows


def breakdowns(items: dict[str, Item]) -> dict[str, list[tuple[str, float, float]]]:
    """Each broken-down run's phases: (phase, median wall s, median CPU s)."""
    found = {}
    for key in BROKEN_DOWN:
        runs = [run.phases for run in items[key].runs if run.phases] if key in items else []
        if runs:
            found[key] = breakdown.medians(runs)
    return found


def print_breakdowns(found: dict[str, list[tuple[str, float, float]]]) -> None:
    for key, rows in found.items():
        print()
        for line in breakdown.render(rows, BROKEN_DOWN[key]):
            print(line)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--repeat", type=int, default=5, help="counted runs of every item (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="uncounted rounds first (default 1; --quick: 0)")
    parser.add_argument("--quick", action="store_true", help="the smoke test's cheap mode")
    parser.add_argument("--attribute", action="store_true",
                        help="also the checks without trace, and without video (what each costs)")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where the figures go (JSON)")
    parser.add_argument("--baseline", type=Path, default=None,
                        help="another checkout (with node_modules; e.g. `git worktree add`): its runs alternate "
                             "with this one's; a second table gives its figures (the floor and the evidence "
                             "variants are shared: the same script, and this checkout's question)")
    parser.add_argument("--sections", default=",".join(SECTIONS),
                        help=f"which of {', '.join(SECTIONS)} to run (default: all; the others' rows say skipped)")
    args = parser.parse_args(argv)
    warmup = 0 if args.quick else args.warmup
    sections = set(args.sections.split(","))
    measured: list[Item] = []
    # Measured before the rounds, on the same machine: what the starts import (not in --quick).
    imported = imports.measure() if "core" in sections and not args.quick else {}
    try:
        with tempfile.TemporaryDirectory(prefix="focus-bench-") as folder:
            tmp = Path(folder)
            if "core" in sections:
                core = with_baseline(core_items(tmp, args.quick, args.attribute), args.baseline, tmp,
                                     frozenset(f"checks_{key}" for key in ATTRIBUTION))
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
    baseline_rows, baseline_phases = None, {}
    if args.baseline is not None:  # the floor is shared: it is the same script on both sides
        shared = {key: item for key, item in ours.items() if not key.startswith(("growth_", "sequential_", "devices_"))}
        baseline_rows = rows_from({**shared, **{item.key: item for item in measured if item.cwd != ROOT}})
        print(f"baseline: {args.baseline}")
        for line in render(baseline_rows):
            print(line)
        baseline_phases = breakdowns({item.key: item for item in measured if item.cwd != ROOT})
        print_breakdowns(baseline_phases)
        print("\nthis checkout:")
    for line in render(rows):
        print(line)
    phases = breakdowns(ours)
    print_breakdowns(phases)
    for line in imports.render(imported):
        print(f"\n{line}")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps({
        "finished": datetime.now(UTC).isoformat(timespec="seconds"), "repeat": args.repeat, "warmup": warmup,
        "quick": args.quick, "sections": sorted(sections),
        "load_average": os.getloadavg(), "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "rows": {row.key: row.as_json() for row in rows}, "phases": phases, "imports": imported,
        **({"baseline": str(args.baseline), "baseline_rows": {row.key: row.as_json() for row in baseline_rows},
            "baseline_phases": baseline_phases} if baseline_rows else {})}, indent=2), encoding="utf-8")
    print(f"bench: figures in {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
