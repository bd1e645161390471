"""Markup mutation testing: the checks against replicas whose pages a seed rewrote (replica/mutations.py).

For each seed: the healthy site (every page check must pass: a failure is a false alarm), a few
element faults of the detection matrix (exactly their checks must fail, with their category), and the
calibration on the healthy site, held to the checks (it must find every element exactly once exactly
when the checks pass). `make mutate SEEDS=N` (python -m selftest.mutation --seeds N) prints the table,
writes reports/mutation.md, exits 1 on any false alarm, missed fault, wrong category or disagreement.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from monitor.commands import calibrate
from monitor.core.paths import REPORTS
from replica import Replica
from replica.mutations import FAMILIES
from selftest.matrix import DIALECT_ROWS, MATRIX, PAGE_CHECKS, dialect_checks, selecting
from selftest.monitor_runs import SELFTEST_TARGETS, run_checks

OUTPUT = REPORTS / "mutation.md"
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

    @property
    def ok(self) -> bool:
        return not (self.false_alarms or self.missed or self.wrong_category or self.disagreements)


def run_seed(seed: int, folder: Path, faults: tuple[str, ...] | None = None, calibration: bool = True) -> SeedResult:
    result = SeedResult(seed)
    with Replica(mutation=seed) as replica:
        healthy = run_checks(replica.entry_url, folder / "healthy" / "allure-results", *selecting(PAGE_CHECKS))
        healthy.assert_completed(0, 1, checks=PAGE_CHECKS)
        result.checks_run += len(healthy.checks)
        result.false_alarms = [f"{name}: {healthy.checks[name].message.splitlines()[0]}"
                               for name in sorted(healthy.failing())]
        if calibration:
            output = folder / "calibration.md"
            with contextlib.redirect_stdout(io.StringIO()):  # its table is read from the file
                code = calibrate.main(["--target", "replica", "--targets-file", str(SELFTEST_TARGETS),
                                       "--replica-url", replica.entry_url, "--output", str(output)])
            not_once = [line.split("|")[2].strip() for line in output.read_text().splitlines()
                        if line.startswith("| ") and not line.startswith("| ---") and "| yes |" not in line
                        and "| element |" not in line]
            if (code == 0) != (not healthy.failing()):
                said = "found every element once" if code == 0 else "did not find once: " + ", ".join(not_once)
                checks_did = "failed" if healthy.failing() else "passed"
                result.disagreements.append(f"the calibration {said} while the checks {checks_did}")
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
        replica.set_scenario("healthy")
        result.applied = replica.mutation.applied_text().partition(": ")[2]
    return result


def table(results: list[SeedResult]) -> str:
    lines = ["# Markup mutation testing", "",
             "| seed | families applied | checks run | false alarms | missed faults | wrong category | "
             "calibration disagrees |", "| ---: | --- | ---: | --- | --- | --- | --- |"]
    for result in results:
        cells = [", ".join(items) or "0" for items in (result.false_alarms, result.missed, result.wrong_category,
                                                         result.disagreements)]
        lines.append(f"| {result.seed} | {result.applied} | {result.checks_run} | " + " | ".join(
            cell.replace("|", "/") for cell in cells) + " |")
    faulty = sum(FAULTS_PER_SEED for _ in results)
    lines += ["", f"{len(results)} seeds, {sum(r.checks_run for r in results)} checks run: "
              f"{sum(len(r.false_alarms) for r in results)} false alarms, "
              f"{sum(len(r.missed) for r in results)} missed faults, "
              f"{sum(len(r.wrong_category) for r in results)} wrong categories ({faulty} faulty sites), "
              f"{sum(len(r.disagreements) for r in results)} calibration disagreements.", "",
              "Families (what each follows: replica/mutations.py, shared/reference/focus-login-flow.md):", ""]
    lines += [f"- {name}: {' '.join(family.__doc__.split())}" for name, family in FAMILIES.items()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m selftest.mutation", description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="20", help="how many seeds (1..N)")
    parser.add_argument("--first", default="1", help="the first seed")
    parser.add_argument("--output", default=str(OUTPUT))
    args = parser.parse_args(argv)
    if not (args.seeds.isdigit() and int(args.seeds) >= 1 and args.first.isdigit()):
        print(f"python -m selftest.mutation: SEEDS must be a whole number of at least 1 and --first a seed number "
              f"(got {args.seeds!r}, {args.first!r})", file=sys.stderr)
        return 4
    args.seeds, args.first = int(args.seeds), int(args.first)
    results = []
    with tempfile.TemporaryDirectory(prefix="mutation-") as folder:
        for seed in range(args.first, args.first + args.seeds):
            results.append(run_seed(seed, Path(folder) / str(seed)))
            print(f"seed {seed}: {'ok' if results[-1].ok else 'FAILED'} ({results[-1].applied})", flush=True)
    text = table(results)
    print(text, end="")
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(text, encoding="utf-8")
    print(f"written to {args.output}")
    return 0 if all(result.ok for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
