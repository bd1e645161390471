"""Every check catches the break it exists for, names it, and stays quiet when nothing is broken."""

from __future__ import annotations

import json

import pytest

from monitor.verdicts import UNREACHABLE
from replica import DIALECTS, SCENARIOS
from selftest.conftest import MATRIX_PROPERTY
from selftest.matrix import DIALECT_ROWS, MATRIX, dialect_checks, selecting, table_errors
from selftest.monitor_runs import run_checks

INFRASTRUCTURE_VERDICT_S = 15


def test_the_matrix_covers_every_scenario_and_every_check() -> None:
    assert table_errors(SCENARIOS) == []


@pytest.mark.parametrize("scenario", list(MATRIX))
def test_scenario_is_caught_by_exactly_its_checks(scenario, replica_in, tmp_path, record_property) -> None:
    row = MATRIX[scenario]
    replica = replica_in(scenario, **row.options)
    run = run_checks(replica.entry_url, tmp_path / "allure-results", *row.pytest_args)
    _assert_caught(scenario, "standard", row.checks, row.must_fail, run, record_property)
    for name in row.checks - row.failing:
        check = run.checks[name]
        assert check.status == row.others, f"{name}: {check.status}: {check.message[:300]} (expected {row.others})"
    if row.verdict == UNREACHABLE:
        assert run.seconds < INFRASTRUCTURE_VERDICT_S, f"the outage verdict took {run.seconds:.1f} s"


@pytest.mark.parametrize("dialect", [name for name in DIALECTS if name != "standard"])
@pytest.mark.parametrize("scenario", DIALECT_ROWS)
def test_a_fault_is_caught_whatever_the_markup(dialect, scenario, replica_in, tmp_path, record_property) -> None:
    """The same fault, the pages marked up as another tenant or district does: the same checks catch it."""
    checks = dialect_checks(scenario)
    replica = replica_in(scenario, dialect=dialect)
    run = run_checks(replica.entry_url, tmp_path / "allure-results", *selecting(checks))
    _assert_caught(scenario, dialect, checks, checks & MATRIX[scenario].failing, run, record_property)
    for name in checks - MATRIX[scenario].failing:
        assert run.checks[name].status == "passed", f"{dialect} {name}: {run.checks[name].message[:300]}"


def _assert_caught(scenario, dialect, checks, must_fail, run, record_property) -> None:
    """The run completed, exactly the checks that must fail failed, each with its verdict, its words and
    one attempt."""
    row = MATRIX[scenario]
    failing = run.failing()
    record_property(MATRIX_PROPERTY, json.dumps({
        "scenario": scenario, "dialect": dialect, "expected": sorted(must_fail),
        "detected": sorted(failing & must_fail), "false_alarms": sorted(failing - must_fail),
        "category": row.verdict.category if row.verdict else None, "seconds": run.seconds,
        "slowest_failure": max((run.checks[name].seconds for name in failing), default=0.0),
    }))
    run.assert_completed(row.verdict.exit_code if must_fail else 0, checks=checks)
    messages = {name: f"{check.status}: {check.message[:300]}" for name, check in run.checks.items()}
    assert failing == must_fail, f"{dialect} {scenario}: expected {sorted(must_fail)} to fail, got {messages}"
    for name in must_fail:
        check = run.checks[name]
        assert check.verdict == row.verdict, f"{name}: verdict {check.category}, not {row.verdict.category}"
        assert row.words in check.message, f"{name}: {row.words!r} not in {check.message!r}"
        assert row.verdict.tag in check.message.splitlines()[0], check.message[:300]
        # Retries are for infrastructure errors only: a failed assertion is never run again.
        assert check.attempts == 1, f"{name} was retried {check.attempts - 1} time(s) after: {check.message[:200]}"
        assert row.within_s is None or check.seconds < row.within_s, f"{name} took {check.seconds:.1f} s to fail"
