"""Markup mutation testing: the checks against replicas whose pages a seed rewrote (replica/mutations.py).

For each seed: the healthy site (every page check must pass: a failure is a false alarm), a few
element faults of the detection matrix (exactly their checks must fail, with their category), and the
calibration on each of these sites, held to the checks on the same site (an element a failing check
names is one it did not find exactly once; one it did not find once comes with a failing check).
`make mutate SEEDS=N` (python -m selftest.mutation --seeds N; --jobs N: N seeds at once) prints the
table, writes reports/mutation.md, exits 1 on any false alarm, missed fault, wrong category or
disagreement.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from monitor.commands import calibrate
from monitor.core import page_text
from monitor.core.paths import REPORTS
from monitor.core.targets import at_replica_url, resolve_target
from replica import Replica
from replica.mutations import FAMILIES
from selftest.matrix import DIALECT_ROWS, MATRIX, PAGE_CHECKS, dialect_checks, selecting
from selftest.monitor_runs import SELFTEST_TARGETS, MonitorRun, run_checks

OUTPUT = REPORTS / "mutation.md"
INCOMPLETE = REPORTS / "mutation-incomplete"
# The element faults a mutated site is tried with: the dialects' rows, and the faults of where a
# control leads or what it does (a mutation may reroute or rebuild it). Each seed takes FAULTS_PER_SEED
# of them in turn, so that consecutive seeds cover them all.
FAULTS = (*DIALECT_ROWS[1:], "schoology-link-broken", "profile-switch-broken", "signup-link-dead",
          "social-redirect-broken")
FAULTS_PER_SEED = 2


def faults_of(seed: int) -> tuple[str, ...]:
    return tuple(FAULTS[(seed * FAULTS_PER_SEED + index) % len(FAULTS)] for index in range(FAULTS_PER_SEED))


@dataclass
class SeedResult:
    seed: int
    applied: str = ""
    checks_run: int = 0
    false_alarms: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    wrong_category: list[str] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)
    # A run of the seed that did not get to a verdict (its exit code, a check that did not report).
    incomplete: str = ""

    @property
    def problems(self) -> list[str]:
        return [*([self.incomplete] if self.incomplete else []), *self.false_alarms, *self.missed,
                *self.wrong_category, *self.disagreements]

    @property
    def ok(self) -> bool:
        return not self.problems


# How a check's failure names the element it is about (pages.elements.summary, added by the evidence).
NAMED = re.compile(r"^Instead of (.+?), the page offered", re.MULTILINE)




def held_to_checks(site: str, rows: list[calibrate.Row], run: MonitorRun) -> list[str]:
    """The calibration predicts the checks on the same site: an element a failing check names is one the
    calibration did not find exactly once, and an element it looked for and did not find once comes with
    a failing check."""
    found_once = {row.description for row in rows if row.ok}
    not_once = {row.description for row in rows if not row.ok}
    said = [f"{site}: {name} failed on {described}, which the calibration found exactly once"
            for name in sorted(run.failing()) for described in NAMED.findall(run.checks[name].message)
            if described in found_once - not_once]
    missed = [row.element for row in rows if not row.ok and row.description]
    if missed and not run.failing():
        said.append(f"{site}: the calibration did not find {', '.join(missed)} exactly once, and every check passed")
    return said


def run_seed(seed: int, folder: Path, faults: tuple[str, ...] | None = None, calibration: bool = True) -> SeedResult:
    result = SeedResult(seed)
    with Replica(mutation=seed) as replica:
        # The calibration's walk of the site, as `make calibrate` walks it, with the self-tests' target.
        target = at_replica_url(resolve_target("replica", None, SELFTEST_TARGETS), replica.entry_url)
        healthy = run_checks(replica.entry_url, folder / "healthy" / "allure-results", *selecting(PAGE_CHECKS))
        healthy.assert_completed(0, 1, checks=PAGE_CHECKS)
        result.checks_run += len(healthy.checks)
        result.false_alarms = [f"{name}: {healthy.checks[name].message.splitlines()[0]}"
                               for name in sorted(healthy.failing())]
        if calibration:
            result.disagreements += held_to_checks("healthy", calibrate.measure(target), healthy)
        for fault in faults_of(seed) if faults is None else faults:
            row, checks = MATRIX[fault], dialect_checks(fault)
            replica.set_scenario(fault, **row.options)
            run = run_checks(replica.entry_url, folder / fault / "allure-results", *selecting(checks))
            run.assert_completed(1, checks=checks)
            result.checks_run += len(run.checks)
            failing = run.failing()
            result.missed += [f"{fault}: {name} passed" for name in sorted(checks - failing)]
            result.false_alarms += [f"{fault}: {name}" for name in sorted(failing - checks)]
            result.wrong_category += [f"{fault}: {name} is {run.checks[name].category}, not {row.verdict.category}"
                                      for name in sorted(failing & checks)
                                      if run.checks[name].category != row.verdict.category]
            if calibration:
                result.disagreements += held_to_checks(fault, calibrate.measure(target), run)
        replica.set_scenario("healthy")
        result.applied = replica.mutation.applied_text().partition(": ")[2]
    return result


def _run_seed_in(folder: str, seed: int) -> SeedResult:
    """One seed of many: a run that did not complete is that seed's result, not the end of the others."""
    try:
        return run_seed(seed, Path(folder) / str(seed))
    except AssertionError as error:
        # The run's own last output, beside the table: what the one line cannot say.
        INCOMPLETE.mkdir(parents=True, exist_ok=True)
        (INCOMPLETE / f"seed-{seed}.txt").write_text(str(error), encoding="utf-8")
        return SeedResult(seed, incomplete=f"{str(error).splitlines()[0]} (see {INCOMPLETE.name}/seed-{seed}.txt)")


def table(results: list[SeedResult]) -> str:
    lines = ["# Markup mutation testing", "",
             "| seed | families applied | checks run | false alarms | missed faults | wrong category | "
             "calibration disagrees | did not complete |", "| ---: | --- | ---: | --- | --- | --- | --- | --- |"]
    for result in results:
        # Each finding may quote a page: an inert code span in its cell.
        cells = [", ".join(map(page_text.markdown_cell, items)) or "0" for items in (
            result.false_alarms, result.missed, result.wrong_category, result.disagreements,
            [result.incomplete] if result.incomplete else [])]
        lines.append(f"| {result.seed} | {result.applied} | {result.checks_run} | " + " | ".join(cells) + " |")
    faulty = FAULTS_PER_SEED * len(results)
    lines += ["", f"{len(results)} seeds, {sum(r.checks_run for r in results)} checks run: "
              f"{sum(len(r.false_alarms) for r in results)} false alarms, "
              f"{sum(len(r.missed) for r in results)} missed faults, "
              f"{sum(len(r.wrong_category) for r in results)} wrong categories ({faulty} faulty sites), "
              f"{sum(len(r.disagreements) for r in results)} calibration disagreements, "
              f"{sum(1 for r in results if r.incomplete)} seeds that did not complete.", "",
              "Families (what each follows: replica/mutations.py, shared/reference/focus-login-flow.md):", ""]
    lines += [f"- {name}: {' '.join(family.__doc__.split())}" for name, family in FAMILIES.items()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m selftest.mutation", description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="20", help="how many seeds (1..N)")
    parser.add_argument("--first", default="1", help="the first seed")
    parser.add_argument("--output", default=str(OUTPUT))
    parser.add_argument("--jobs", default="1", help="seeds run at once, each with its own replica and browser")
    args = parser.parse_args(argv)
    if not (args.seeds.isdigit() and int(args.seeds) >= 1 and args.first.isdigit() and args.jobs.isdigit()
            and int(args.jobs) >= 1):
        print(f"python -m selftest.mutation: SEEDS and --jobs must be whole numbers of at least 1 and --first a seed "
              f"number (got {args.seeds!r}, {args.jobs!r}, {args.first!r})", file=sys.stderr)
        return 4
    seeds = range(int(args.first), int(args.first) + int(args.seeds))
    results = []
    with tempfile.TemporaryDirectory(prefix="mutation-") as folder, \
            ProcessPoolExecutor(max_workers=int(args.jobs)) as pool:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        for result in pool.map(partial(_run_seed_in, folder), seeds):
            results.append(result)
            # What a check said carries page text: one printable, bounded line.
            said = "ok" if result.ok else "FAILED: " + page_text.line("; ".join(result.problems))
            print(f"seed {result.seed}: {said} ({result.applied})", flush=True)
            # The table so far, after each seed: a long run stopped early keeps what it measured.
            Path(args.output).write_text(table(results), encoding="utf-8")
    print(table(results), end="")
    print(f"written to {args.output}")
    return 0 if all(result.ok for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
