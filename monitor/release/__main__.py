"""`python -m monitor.release --candidate X [--baseline live] [pytest options]` (make release-check):
does the release break anything that works today? Both targets run in parallel; per check, the
baseline's status, the candidate's, and their comparison (regression, still failing, fixed, ok, not
compared; "slower" when a page got slower). Exit code: 0 when nothing regressed, 1 when anything
did, the infrastructure codes when either side could not be checked (an unreachable candidate is
not a pass)."""

from __future__ import annotations

import argparse
import sys

from monitor.commands import children
from monitor.commands.cli import report_on, run_and_remember, sharing_reports
from monitor.commands.run_options import RunOptions, read_pytest_options
from monitor.commands.targets_run import TargetRun, TargetSpec, selection_problems
from monitor.core.deadline import exit_when_done
from monitor.core.exit_codes import MonitorExit
from monitor.core.outcomes import most_severe
from monitor.core.paths import REPORTS
from monitor.core.targets import TargetError, load_targets, validate_url
from monitor.release import compare, table
from monitor.reporting import report_jvm

RELEASE_CHECK = REPORTS / "release-check.md"
CANDIDATE_LABEL = "candidate"  # a candidate given as a URL


class BadInput(Exception):
    """Shown as one line, exit 4."""


def parse(argv: list[str]) -> tuple[argparse.Namespace, RunOptions]:
    parser = argparse.ArgumentParser(prog="focus-release-check", description=__doc__.splitlines()[0])
    parser.add_argument("--candidate", required=True, help="a target of targets.toml, or a URL (the baseline's "
                        "expectations at that entry URL)")
    parser.add_argument("--baseline", default="live", help="the target that works today (default: live)")
    parser.add_argument("--jobs", type=int, default=2, help="targets run at the same time (default: 2)")
    parser.add_argument("--factor", type=float, default=compare.FACTOR, help="slower: more than this many times")
    parser.add_argument("--min-slower-s", type=float, default=compare.MIN_SECONDS, help="... and this many seconds")
    args, pytest_args = parser.parse_known_args(argv)
    return args, read_pytest_options(pytest_args, jobs=args.jobs)


def specs(args: argparse.Namespace, options: RunOptions) -> tuple[TargetSpec, TargetSpec]:
    try:
        known = load_targets(options.targets_file)
    except TargetError as error:
        raise BadInput(str(error)) from None
    if args.candidate == args.baseline:
        raise BadInput(f"the candidate and the baseline are the same target ({args.candidate!r})")
    named = [(f"{role} target", name) for role, name in (("baseline", args.baseline), ("candidate", args.candidate))
             if "://" not in name]
    problems = selection_problems(named, known, args.jobs)
    if problems:
        raise BadInput(problems[0])
    if args.factor <= 1 or args.min_slower_s < 0:
        raise BadInput("--factor must be above 1 and --min-slower-s 0 or more")
    if "://" in args.baseline:
        raise BadInput("the baseline is a target name (its expectations are the candidate's too)")
    if "://" in args.candidate:
        try:
            url = validate_url(args.candidate)
        except TargetError as error:
            raise BadInput(str(error)) from None
        candidate = TargetSpec.url(CANDIDATE_LABEL, args.baseline, url)
    else:
        candidate = TargetSpec.named(args.candidate)
    return TargetSpec.named(args.baseline), candidate


def exit_code(baseline: TargetRun, candidate: TargetRun, comparison: compare.Comparison | None) -> int:
    unchecked = [run.exit_code for run in (baseline, candidate)
                 if run.exit_code not in (MonitorExit.OK, MonitorExit.PRODUCT_FAILURE)]
    if unchecked or comparison is None:
        return most_severe(unchecked or [MonitorExit.MONITOR_DEFECT])
    return MonitorExit.PRODUCT_FAILURE if comparison.regressions() else MonitorExit.OK


def main(argv: list[str]) -> int:
    args, options = parse(argv)
    try:
        baseline_spec, candidate_spec = specs(args, options)
    except BadInput as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return MonitorExit.BAD_INPUT
    children.stop_on_signals()
    with sharing_reports(), report_jvm.started() as jvm:
        baseline, candidate = run_and_remember([baseline_spec, candidate_spec], options)
        if children.interrupted.is_set():
            print("release check: interrupted (exit 2): not compared, no report built", file=sys.stderr)
            return MonitorExit.INTERRUPTED
        comparison = None
        attachments = []
        if baseline.record is not None and candidate.record is not None:
            comparison = compare.compare(baseline.record, candidate.record, args.factor, args.min_slower_s)
            print("\n".join(["", *table.console(comparison)]))
            RELEASE_CHECK.parent.mkdir(parents=True, exist_ok=True)
            RELEASE_CHECK.write_text(table.markdown(comparison), encoding="utf-8")
            print(f"release check: {RELEASE_CHECK}")
            attachments.append((candidate, "Release check", RELEASE_CHECK))
        else:
            print("release check: not compared: a side reached no verdict (see its log above)", file=sys.stderr)
        report_on([baseline, candidate], attachments, jvm)
        return exit_code(baseline, candidate, comparison)


def console_main() -> None:
    """The `focus-release-check` command (pyproject.toml), as `python -m monitor.release`."""
    exit_when_done(main(sys.argv[1:]))


if __name__ == "__main__":
    console_main()
