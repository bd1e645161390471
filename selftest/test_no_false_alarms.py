"""No false alarms: consecutive healthy runs under random response delays end with zero failures.

FOCUS_JITTER_RUNS sets how many (6 in `make test`, in 3 batches that xdist runs side by side, beside
the detection matrix's own jitter row; `make soak` runs 50)."""

from __future__ import annotations

import os

import pytest

from monitor.core.exit_codes import MonitorExit
from selftest.matrix import A11Y_CHECKS
from selftest.monitor_runs import CHECKS, run_checks

JITTER_RUNS = int(os.environ.get("FOCUS_JITTER_RUNS", "6"))
JITTER_BATCHES = min(3, JITTER_RUNS)
# The accessibility checks run in the first runs only (axe under random delays); the other checks in all.
ACCESSIBILITY_RUNS = 2


@pytest.mark.parametrize("batch", range(JITTER_BATCHES))
def test_consecutive_jitter_runs_raise_no_alarm(batch, replica_in, tmp_path) -> None:
    replica = replica_in("jitter")
    alarms = []
    attempts = range(batch + 1, JITTER_RUNS + 1, JITTER_BATCHES)  # batch 0: runs 1, 4, 7...; batch 1: 2, 5, 8...
    for attempt in attempts:
        everything = attempt <= ACCESSIBILITY_RUNS
        run = run_checks(replica.entry_url, tmp_path / f"run-{attempt}" / "allure-results",
                         *(() if everything else ("-m", "not a11y")))
        run.assert_completed(MonitorExit.OK, MonitorExit.PRODUCT_FAILURE,
                             checks=frozenset(CHECKS) if everything else frozenset(CHECKS) - A11Y_CHECKS)
        alarms += [f"run {attempt}: {name}: {run.checks[name].message[:200]}" for name in sorted(run.failing())]
        retried = [name for name, check in run.checks.items() if check.attempts > 1]
        alarms += [f"run {attempt}: {name} passed only on a retry" for name in retried]
    print(f"{len(attempts)} jitter runs of {JITTER_RUNS}, {len(alarms)} alarms")
    assert alarms == []


def test_a_check_that_passes_only_on_retry_is_reported_flaky(monitored_replica, tmp_path) -> None:
    run = run_checks(monitored_replica.entry_url, tmp_path / "allure-results",
                     "-p", "selftest.plugins.first_attempt_times_out")
    run.assert_completed(MonitorExit.OK)
    check = run.checks["mybcps"]
    assert (check.status, check.attempts) == ("passed", 2), run.output[-2000:]
    assert "flaky" in check.labels.get("tag", [])
    assert any("flaky: passed on retry" in line and "myBCPS" in line for line in run.output.splitlines())
    # Every other check ran once: retries are not a blanket second chance.
    assert all(other.attempts == 1 for name, other in run.checks.items() if name != "mybcps")
