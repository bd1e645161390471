"""A synthetic run history over 30 days, for the uptime figures and what shows them."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from monitor.core.exit_codes import MonitorExit
from monitor.core.outcomes import Word
from monitor.core.verdicts import SIGN_IN_REJECTED, UNREACHABLE
from monitor.data.record import Maintenance, RunRecord
from selftest.notify_helpers import run_record

NOW = dt.datetime(2026, 3, 31, 9, 31, 23, tzinfo=dt.UTC)  # the end of the latest run
EVERY = dt.timedelta(hours=6)
RUN_SECONDS = 83
# Run k started k * 6 h before the latest one (k = 0 is the latest); 120 runs span 30 days.
RUNS = 120
DOWN = {12: {0: UNREACHABLE.key}, 80: {3: SIGN_IN_REJECTED.key}, 81: {3: SIGN_IN_REJECTED.key}}
DEGRADED = {1, 30}
IN_MAINTENANCE = {20: {1: UNREACHABLE.key}, 21: {1: UNREACHABLE.key}}  # failed, but in a window: left out
OWN_TROUBLE = {40}  # a setup problem: left out
STOPPED = {50}  # interrupted: left out
# What the figures must be (worked out by hand in test_uptime.py).
EXPECTED_LINE = "24 h 100 %, 7 d 96.1 %, 30 d 97.4 % (2 incidents, MTTR 9 h)"


def started(k: int) -> dt.datetime:
    return NOW - dt.timedelta(seconds=RUN_SECONDS) - k * EVERY


def at(record: RunRecord, moment: dt.datetime, number: int) -> RunRecord:
    return replace(record, run_id=f"run-{number}", started=moment.isoformat(),
                   finished=(moment + dt.timedelta(seconds=RUN_SECONDS)).isoformat())


def thirty_days(target: str = "live") -> list[RunRecord]:
    """Oldest first: healthy, failed, unreachable and degraded runs, two in a maintenance window, a setup
    problem and an interrupted run."""
    runs = []
    for k in range(RUNS - 1, -1, -1):
        record = run_record(DOWN.get(k) or IN_MAINTENANCE.get(k), degraded=1 if k in DEGRADED else None, target=target)
        if k in IN_MAINTENANCE:
            record.maintenance = Maintenance("Focus 26.4 release", (started(k) + EVERY).isoformat())
        if k in OWN_TROUBLE:
            record.exit_code, record.outcome = int(MonitorExit.SETUP_PROBLEM), Word.SETUP_PROBLEM
        if k in STOPPED:
            record.exit_code, record.outcome = int(MonitorExit.INTERRUPTED), Word.INTERRUPTED
        runs.append(at(record, started(k), RUNS - k))
    return runs
