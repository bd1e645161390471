"""`python -m monitor [--target NAME ...] [--jobs N] [pytest options]`: run the checks, then everything
that reads their record.

One target: the checks (pytest, which writes the run record reports/run.json), then the record joins
the history (reports/history/runs.jsonl), the trend image is drawn from the history, and the report
is built with the trend attached; the status page (reports/status.html) is rebuilt from the whole
history, and the last line is the target's uptime (monitor/data/uptime.py). Several targets: each
target's checks in a process of its own (reports/targets/NAME/: results, record, log, trend), at most
--jobs at a time, then one report in which every result carries its target, one summary and uptime
line per target, and the most severe exit code.

As soon as the record is in the history, before the trend and the report (Allure takes seconds), the
alerts the run calls for go out and the heartbeat is pinged (monitor/notify): the on-call person hears
of a red night first; the alert's link points where the report is about to be. Neither ever changes
the exit code. A run that stopped on bad input, or found no checks, leaves no
record and builds no report: an empty or partial report must not be mistaken for a result.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import importlib
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from dotenv import load_dotenv

from monitor import maintenance, notify
from monitor.commands import children
from monitor.commands.run_options import RunOptions, parse
from monitor.commands.targets_run import TargetRun, TargetSpec, run_targets, selection_problems
from monitor.core import outcomes
from monitor.core.browsers import device_problem
from monitor.core.exit_codes import MonitorExit
from monitor.core.outcomes import most_severe
from monitor.core.paths import ENV_FILE, HISTORY, REPORT, REPORTS, ROOT, STATUS_PAGE, TREND
from monitor.core.redact import Redactor
from monitor.core.targets import TargetError, load_targets
from monitor.core.timings import timed
from monitor.data import history, uptime
from monitor.data.history import Remembered
from monitor.data.lock import exclusive
from monitor.data.record import RunRecord, read
from monitor.reporting import allure_report as report
from monitor.reporting import console, report_jvm, status_page, trend
from monitor.reporting.report_jvm import ReportJvm

TREND_ATTACHMENT = "Trend: the last runs"
LOCK_NAME = ".monitor.lock"  # in the reports folder: held by the run that uses it
# Apprise takes a third of a second to import: when alerts are configured, the cli imports it while the
# checks run (it only waits for them then) instead of after them; the alert goes out right after.
ALERTS_MODULE = "apprise"


def import_meanwhile(module: str) -> threading.Thread:
    """Import a module in the background; a later `import` of it waits for this one to finish. Not a
    daemon: an import cut short by the interpreter's exit could crash it."""
    def low_priority_import() -> None:
        # Only the CPU the checks leave idle: on two cores the import beside them slowed them.
        if hasattr(os, "setpriority"):
            with contextlib.suppress(OSError):
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
        importlib.import_module(module)

    thread = threading.Thread(target=low_priority_import, name=f"import {module}")
    thread.start()
    return thread


@timed("record and history")
def join_history(record: RunRecord, folder: Path = HISTORY) -> list[RunRecord]:
    """Add the record to the history; the target's earlier runs (what alerts compare with). One warning
    at most: a history that can be neither read nor written is said once, as not written."""
    said: list[str] = []
    previous = history.read_history(folder, record.target, warn=said.append)
    try:
        history.append(folder, record)
    except OSError as error:  # read-only, full disk: the verdict, its alert and heartbeat still stand
        _not_written(error, folder)
        return previous
    for line in said:
        history.print_warning(line)
    return previous


@timed("trend")
def draw_trend(previous: list[RunRecord], record: RunRecord, image: Path, results: Path) -> Path | None:
    """The target's trend, drawn from the history, attached to the run's results."""
    try:
        drawn = trend.render([*previous, record], image)
        if drawn is not None:
            report.attach_to_run(results, record.target, TREND_ATTACHMENT, drawn)
    except OSError as error:
        _not_written(error, image.parent)
        drawn = None
    return drawn


def remember(record: RunRecord, image: Path, results: Path, folder: Path = HISTORY) -> Remembered:
    previous = join_history(record, folder)
    return Remembered(previous, draw_trend(previous, record, image, results))


def _not_written(error: OSError, folder: Path) -> None:
    print(f"monitor: WARNING: the history or the trend could not be written ({error.filename or folder}: "
          f"{error.strerror or error}); the verdict stands", file=sys.stderr)


def print_uptime(previous: list[RunRecord], record: RunRecord) -> None:
    """The target's uptime line, from its earlier runs and this one."""
    print(console.uptime_line(uptime.target_figures([*previous, record]).target))


@timed("status page")
def rebuild_status_page(targets_file: Path, alerts: notify.NotifyConfig, records: list[RunRecord]) -> None:
    """reports/status.html from the whole history, after every run that joined it (the run's records
    name the targets whose secrets are scrubbed)."""
    secrets = notify.secrets(alerts, records)
    try:
        page = status_page.build(HISTORY, STATUS_PAGE, targets_file, secrets)
    except Exception as error:  # noqa: BLE001 - an unwritable folder, a bad file or a bug: the verdict stands
        said = Redactor(secrets).text(f"{type(error).__name__}: {error}")
        print(f"monitor: WARNING: the status page was not written ({said}); the verdict stands", file=sys.stderr)
        return
    print(f"status page: {page}")


def sharing_reports(reports: Path = REPORTS):
    """The reports folder, for this run alone: a second run given the same folder says so in one line
    and waits for the first, instead of deleting its results and mixing its report."""
    return exclusive(reports / LOCK_NAME, lambda holder: print(
        f"monitor: another run (pid {holder}) is using {reports}: waiting for it to finish", file=sys.stderr,
        flush=True), stop=children.interrupted.is_set)


@timed("report")
def build_report(results: list[Path], code: int, jvm: ReportJvm | None = None) -> None:
    if report.main(results, jvm) != 0:
        # The verdict stands: a report that could not be built never turns a green site red.
        print(f"monitor: WARNING: the report was not built (see the line above); exit code {code} is the "
              "checks' verdict", file=sys.stderr)


# -- one target ------------------------------------------------------------------------------------
def run_one(options: RunOptions, alerts: notify.NotifyConfig, jvm: ReportJvm | None) -> int:
    record_path, results = options.run_record, options.results
    record_path.unlink(missing_ok=True)  # a record left by an earlier run must not pass for this one's
    if alerts.alert_urls:
        import_meanwhile(ALERTS_MODULE)
    code = children.call([sys.executable, "-m", "pytest", *options.pytest_args], cwd=ROOT)
    if code == MonitorExit.INTERRUPTED or children.interrupted.is_set():
        record = read(record_path) if record_path.is_file() else None
        if record is not None:
            remember(record, TREND, results)
            rebuild_status_page(options.targets_file, alerts, [record])
        print(f"monitor: interrupted (exit 2): {_kept([record])}; no report built", file=sys.stderr)
        notify.heartbeat_finish(alerts, MonitorExit.INTERRUPTED, record)
        return MonitorExit.INTERRUPTED
    if not outcomes.judged(code):
        print(f"monitor: no report built (exit code {code}: see docs/running.md, Exit codes)", file=sys.stderr)
        notify.heartbeat_finish(alerts, code)
        return code
    if not record_path.is_file():
        print(f"monitor: WARNING: the checks wrote no run record ({record_path}): no history, no alert",
              file=sys.stderr)
        build_report([results], code, jvm)
        notify.heartbeat_finish(alerts, code)
        return code
    record = read(record_path)
    # Heard first, reported second: the alert and the heartbeat as soon as the verdict is in the
    # history; the trend and the report (seconds of Allure's JVM) after them.
    previous = join_history(record)
    notify.after_run(alerts, record, previous)
    trend_image = draw_trend(previous, record, TREND, results)
    build_report([results], code, jvm)
    if trend_image is not None:
        print(f"trend: {trend_image}")
    rebuild_status_page(options.targets_file, alerts, [record])
    print_uptime(previous, record)
    return code


# -- several targets ---------------------------------------------------------------------------------
def run_and_remember(specs: list[TargetSpec], options: RunOptions) -> list[TargetRun]:
    """Every target's checks, then each record into the history with its own trend; one summary a target."""
    jobs = options.jobs
    print(f"monitor: {len(specs)} targets, {min(jobs, len(specs))} at a time: {', '.join(s.label for s in specs)}")
    runs = run_targets(specs, list(options.pytest_args), jobs)
    for run in runs:
        print()
        if run.record is None:
            print(f"{run.target}: no verdict (exit code {run.exit_code}); its log: {run.log}")
            continue
        run.remembered = remember(run.record, run.folder / TREND.name, run.results)
        image = run.remembered.trend
        for line in console.table(run.record, str(REPORT / "index.html"), str(image) if image else None):
            print(line)
        print_uptime(run.remembered.previous, run.record)
    return runs


def alert_each(runs: list[TargetRun], alerts: notify.NotifyConfig, code: int) -> None:
    """Each target's alerts (its own state), then one heartbeat ping for the whole run."""
    per_target = dataclasses.replace(alerts, heartbeat_url=None)
    for run in runs:
        if run.record is not None and run.remembered is not None and code != MonitorExit.INTERRUPTED:
            notify.after_run(per_target, run.record, run.remembered.previous)
    # A target in a maintenance window ran as planned: its code does not turn the ping into a failure.
    planned = [run.exit_code for run in runs if not (run.record and run.record.maintenance)]
    planned_code = most_severe(planned) if len(planned) < len(runs) and code != MonitorExit.INTERRUPTED else code
    notify.heartbeat_finish(alerts, planned_code,
                            records=[run.record for run in runs if run.record is not None],
                            notes=[f"{run.target}: no verdict (exit code {run.exit_code})" for run in runs
                                   if run.record is None])


def _kept(records: list[RunRecord | None]) -> str:
    finished = sum(len(record.checks) for record in records if record is not None)
    return f"{finished} finished check(s) kept in the record and the history" if finished else "no check finished"


def report_on(runs: list[TargetRun], attachments: list[tuple[TargetRun, str, Path]] = (),
              jvm: ReportJvm | None = None) -> None:
    """One report over every target that reached a verdict, with extra run-level attachments."""
    for run, name, path in attachments:
        if run.record is not None:
            report.attach_to_run(run.results, run.record.target, name, path)
    with_results = [run.results for run in runs if outcomes.judged(run.exit_code) and run.results.is_dir()]
    if with_results:
        build_report(with_results, most_severe([run.exit_code for run in runs]), jvm)


HELP = """usage: focus-monitor [--target NAME ...] [--jobs N] [pytest options]   (or: python -m monitor)

Check the Focus parent login flow, then build the report, record the run and send the alerts it calls for.

the monitor's own options:
  --target NAME   a target of targets.toml (default: replica); repeat it for several targets
  --jobs N        several targets: how many run at the same time (default: the CPU count)
  -h, --help      this help

Every other option goes to pytest, e.g. -m smoke, --base-url URL, --require-accounts, -k EXPR;
`python -m pytest --help` in the checkout lists the checks' own. Exit codes: docs/running.md.
A run reads tests/, conftest.py, pytest.ini and targets.toml: run it from the project's checkout."""


@timed("monitor: the rest (settings, lock, pytest's exit, uptime line)")
def main(argv: list[str]) -> int:
    # Its own help, not pytest's: it works from any folder, with or without the checkout.
    if {"-h", "--help"} & set(argv[:argv.index("--")] if "--" in argv else argv):
        print(HELP)
        return MonitorExit.OK
    # The alert settings may live in .env, like the accounts; the environment (CI's secrets) wins.
    load_dotenv(ENV_FILE, override=False)
    try:
        alerts = notify.load_config()
        options = parse(argv)
    except (notify.NotifyConfigError, argparse.ArgumentError) as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return MonitorExit.BAD_INPUT
    if len(options.targets) <= 1:  # pytest says if the target is unknown
        problems = selection_problems([], {}, options.jobs)
        if problems:
            print(f"ERROR: {problems[0]}", file=sys.stderr)
            return MonitorExit.BAD_INPUT
        return guarded(alerts, lambda jvm: run_one(options, alerts, jvm))
    try:
        known = load_targets(options.targets_file)
        # Each target's run reads it again; a bad one stops them all before any browser starts.
        maintenance.load(maintenance.maintenance_file(), maintenance.known_targets(options.targets_file))
    except (TargetError, maintenance.MaintenanceError) as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return MonitorExit.BAD_INPUT
    problems = selection_problems([("target", name) for name in options.targets], known, options.jobs)
    problems += ["--base-url and --replica-url go with one target"] if options.base_url is not None \
        or options.replica_url is not None else []
    problems += list(filter(None, [device_problem(list(options.devices))]))  # one target: its pytest says it
    if problems:
        print(f"ERROR: {problems[0]}", file=sys.stderr)
        return MonitorExit.BAD_INPUT
    return guarded(alerts, lambda jvm: run_several(options, alerts, jvm))


def guarded(alerts: notify.NotifyConfig, run: Callable[[ReportJvm | None], int]) -> int:
    """Around every run's checks: a signal stops them (exit 2), the reports folder is this run's
    alone, the heartbeat hears the start, and the report's JVM warms up meanwhile."""
    children.stop_on_signals()
    with sharing_reports():
        notify.heartbeat_start(alerts)
        with report_jvm.started() as jvm:
            return run(jvm)


def run_several(options: RunOptions, alerts: notify.NotifyConfig, jvm: ReportJvm | None) -> int:
    runs = run_and_remember([TargetSpec.named(name) for name in options.targets], options)
    rebuild_status_page(options.targets_file, alerts, [run.record for run in runs if run.record is not None])
    code = MonitorExit.INTERRUPTED if children.interrupted.is_set() else most_severe([r.exit_code for r in runs])
    if code == MonitorExit.INTERRUPTED:
        print(f"monitor: interrupted (exit 2): {_kept([run.record for run in runs])}; no report built",
              file=sys.stderr)
    alert_each(runs, alerts, code)  # heard first, reported second
    if code != MonitorExit.INTERRUPTED:
        report_on(runs, jvm=jvm)
    print(f"\nmonitor: {', '.join(f'{run.target} exit {run.exit_code}' for run in runs)}; overall exit {code}")
    return code


def console_main() -> None:
    """The `focus-monitor` command (pyproject.toml), as `python -m monitor`."""
    from monitor.core.deadline import exit_when_done

    exit_when_done(main(sys.argv[1:]))


if __name__ == "__main__":
    console_main()
