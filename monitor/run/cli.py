"""`python -m monitor [pytest options]`: run the checks, then build the report from what they found,
add the run to the history and send the alerts it calls for.

A run that stopped on bad input, or found no checks, builds no report: an empty or partial report
must not be mistaken for a result. Alerts and the heartbeat never change the exit code.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from dotenv import load_dotenv

from monitor import notify
from monitor.exit_codes import MonitorExit
from monitor.paths import ENV_FILE, ROOT, RUN_RECORD
from monitor.reporting import allure_report as report
from monitor.run import history
from monitor.run import record as run_record

# Runs whose results are a verdict on the site (worth a report).
VERDICTS = (MonitorExit.OK, MonitorExit.PRODUCT_FAILURE, MonitorExit.SITE_UNREACHABLE, MonitorExit.SETUP_PROBLEM,
            MonitorExit.MONITOR_DEFECT)


def main(argv: list[str]) -> int:
    # The alert settings may live in .env, like the accounts; the environment (CI's secrets) wins.
    load_dotenv(ENV_FILE, override=False)
    try:
        alerts = notify.load_config()
    except notify.NotifyConfigError as error:
        print(f"ERROR: {error}")
        return MonitorExit.BAD_INPUT
    notify.heartbeat_start(alerts)
    started = time.time()
    code = subprocess.call([sys.executable, "-m", "pytest", *argv], cwd=ROOT)
    if code not in VERDICTS:
        print(f"monitor: no report built (exit code {code}: see the README's exit codes)", file=sys.stderr)
        notify.heartbeat_finish(alerts, code)
        return code
    record_path = _run_record_path(argv)
    record = _this_runs_record(record_path, started)
    previous = []
    if record is not None:
        folder = history.folder_beside(record_path)
        previous = history.read_history(folder, record.target)
        history.append(folder, record)
    if report.main() != 0:
        # The verdict stands: a report that could not be built never turns a green site red.
        print(f"monitor: WARNING: the report was not built (see the line above); exit code {code} is the "
              "checks' verdict", file=sys.stderr)
    if record is not None:
        notify.after_run(alerts, record, previous)
    else:
        notify.heartbeat_finish(alerts, code)
    return code


def _run_record_path(argv: list[str]) -> Path:
    """Where pytest wrote the record: --run-record's value if given (relative to the project)."""
    path = RUN_RECORD
    for index, arg in enumerate(argv):
        if arg.startswith("--run-record="):
            path = Path(arg.partition("=")[2])
        elif arg == "--run-record" and index + 1 < len(argv):
            path = Path(argv[index + 1])
    return path if path.is_absolute() else ROOT / path


def _this_runs_record(path: Path, started: float) -> run_record.RunRecord | None:
    """The record this run wrote; None if it wrote none (a run.json older than the run is the last one's)."""
    if not path.is_file() or os.path.getmtime(path) < started - 1:
        return None
    try:
        return run_record.read(path)
    except (ValueError, TypeError, KeyError) as error:
        print(f"monitor: WARNING: unreadable run record {path} ({type(error).__name__}): no history, no alert",
              file=sys.stderr)
        return None


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
