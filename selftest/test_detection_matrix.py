"""Every check catches the break it exists for, names it, and stays quiet when nothing is broken."""

from __future__ import annotations

import json

import pytest

from monitor.verdicts import UNREACHABLE
from replica import SCENARIOS
from selftest.conftest import MATRIX_PROPERTY
from selftest.matrix import MATRIX, table_errors
from selftest.monitor_runs import run_checks

INFRASTRUCTURE_VERDICT_S = 15


def test_the_matrix_covers_every_scenario_and_every_check() -> None:
    assert table_errors(SCENARIOS) == []


@pytest.mark.parametrize("scenario", list(MATRIX))
def test_scenario_is_caught_by_exactly_its_checks(scenario, replica_in, tmp_path, record_property) -> None:
    row = MATRIX[scenario]
    replica = replica_in(scenario, **row.options)
    run = run_checks(replica.entry_url, tmp_path / "allure-results", *row.pytest_args)
    failing = run.failing()
    record_property(MATRIX_PROPERTY, json.dumps({
        "scenario": scenario, "expected": sorted(row.must_fail), "detected": sorted(failing & row.must_fail),
        "false_alarms": sorted(failing - row.must_fail), "category": row.verdict.category if row.verdict else None,
        "seconds": run.seconds,
        "slowest_failure": max((run.checks[name].seconds for name in failing), default=0.0),
    }))
    run.assert_completed(row.verdict.exit_code if row.verdict else 0, checks=row.checks)
    messages = {name: f"{check.status}: {check.message[:300]}" for name, check in run.checks.items()}
    assert failing == row.must_fail, f"{scenario}: expected {sorted(row.must_fail)} to fail, got {messages}"
    for name in row.must_fail:
        check = run.checks[name]
        assert check.verdict == row.verdict, f"{name}: verdict {check.category}, not {row.verdict.category}"
        assert row.words in check.message, f"{name}: {row.words!r} not in {check.message!r}"
        assert row.verdict.tag in check.message.splitlines()[0], check.message[:300]
        # Retries are for infrastructure errors only: a failed assertion is never run again.
        assert check.attempts == 1, f"{name} was retried {check.attempts - 1} time(s) after: {check.message[:200]}"
        assert row.within_s is None or check.seconds < row.within_s, f"{name} took {check.seconds:.1f} s to fail"
    for name in row.checks - row.failing:
        assert run.checks[name].status == row.others, f"{name}: {messages[name]} (expected {row.others})"
    if row.verdict == UNREACHABLE:
        assert run.seconds < INFRASTRUCTURE_VERDICT_S, f"the outage verdict took {run.seconds:.1f} s"
