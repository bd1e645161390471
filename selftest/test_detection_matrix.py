"""Every check catches the break it exists for, names it, and stays quiet when nothing is broken."""

from __future__ import annotations

import json

import pytest

from monitor.categories import UNREACHABLE
from monitor.exit_codes import MonitorExit
from replica import SCENARIOS
from selftest.conftest import MATRIX_PROPERTY
from selftest.matrix import MATRIX, table_errors
from selftest.monitor_runs import CHECKS, run_checks

EXIT_CODE_FOR = {None: MonitorExit.OK, UNREACHABLE: MonitorExit.SITE_UNREACHABLE}
INFRASTRUCTURE_VERDICT_S = 15


def test_the_matrix_covers_every_scenario_and_every_check() -> None:
    assert table_errors(SCENARIOS) == []


@pytest.mark.parametrize("scenario", list(MATRIX))
def test_scenario_is_caught_by_exactly_its_checks(scenario, replica_in, tmp_path, record_property) -> None:
    row = MATRIX[scenario]
    replica = replica_in(scenario, **row.options)
    run = run_checks(replica.entry_url, tmp_path / "allure-results")
    failing = run.failing()
    record_property(MATRIX_PROPERTY, json.dumps({
        "scenario": scenario, "expected": sorted(row.failing), "detected": sorted(failing & row.failing),
        "false_alarms": sorted(failing - row.failing), "category": row.category, "seconds": run.seconds,
    }))
    assert set(run.checks) == set(CHECKS), f"not every check reported:\n{run.output[-3000:]}"
    messages = {name: f"{check.status}: {check.message[:300]}" for name, check in run.checks.items()}
    assert failing == row.failing, f"{scenario}: expected {sorted(row.failing)} to fail, got {messages}"
    for name in row.failing:
        check = run.checks[name]
        assert check.category == row.category, f"{name}: category {check.category}, not {row.category}"
        assert row.words in check.message, f"{name}: {row.words!r} not in {check.message!r}"
        # Retries are for infrastructure errors only: a failed assertion is never run again.
        assert check.attempts == 1, f"{name} was retried {check.attempts - 1} time(s) after: {check.message[:200]}"
    for name in set(CHECKS) - row.failing:
        assert run.checks[name].status == row.others, f"{name}: {messages[name]} (expected {row.others})"
    expected_exit = EXIT_CODE_FOR.get(row.category, MonitorExit.PRODUCT_FAILURE)
    assert run.exit_code == expected_exit, run.output[-2000:]
    if row.category == UNREACHABLE:
        assert run.seconds < INFRASTRUCTURE_VERDICT_S, f"the outage verdict took {run.seconds:.1f} s"
