"""Every check catches the break it exists for, names it, and stays quiet when nothing is broken."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from monitor.core.verdicts import UNREACHABLE
from monitor.data.record import read
from replica import DIALECTS, SCENARIOS, Replica
from replica.tls import ReplicaTls
from selftest.conftest import MATRIX_PROPERTY
from selftest.matrix import (
    DIALECT_ROWS,
    MATRIX,
    PHONE,
    PHONE_ROWS,
    TLS_MATRIX,
    Expectation,
    dialect_checks,
    phone_checks,
    selecting,
    table_errors,
)
from selftest.monitor_runs import MonitorRun, replica_targets, run_checks
from selftest.notify_helpers import http_receiver

INFRASTRUCTURE_VERDICT_S = 15
PREFLIGHT_ID = "tests/test_preflight.py::test_site_and_identity_provider_answer"


def test_the_matrix_covers_every_scenario_and_every_check() -> None:
    assert table_errors(SCENARIOS) == []


@pytest.mark.parametrize("scenario", list(MATRIX))
def test_scenario_is_caught_by_exactly_its_checks(scenario, replica_in, tmp_path, record_property) -> None:
    row = MATRIX[scenario]
    replica = replica_in(scenario, **row.options)
    run = run_checks(replica.entry_url, tmp_path / "allure-results", *row.pytest_args)
    assert_row(scenario, row, run, record_property)


@pytest.mark.parametrize("dialect", [name for name in DIALECTS if name != "standard"])
@pytest.mark.parametrize("scenario", DIALECT_ROWS)
def test_a_fault_is_caught_whatever_the_markup(dialect, scenario, replica_in, tmp_path, record_property) -> None:
    """The same fault, the pages marked up as another tenant or district does: the same checks catch it."""
    checks = dialect_checks(scenario)
    replica = replica_in(scenario, dialect=dialect)
    run = run_checks(replica.entry_url, tmp_path / "allure-results", *selecting(checks))
    assert_row(scenario, MATRIX[scenario], run, record_property, dialect=dialect, checks=checks)


@pytest.mark.parametrize("scenario", PHONE_ROWS)
def test_the_checks_work_on_a_phone(scenario, replica_in, tmp_path, record_property) -> None:
    """The same rows on a phone (the replica's narrow layout, its header behind a Menu button): the same
    checks pass, or catch the fault; every browser check ran on the phone."""
    checks = phone_checks(scenario)
    replica = replica_in(scenario)
    run = run_checks(replica.entry_url, tmp_path / "allure-results", *selecting(checks), "--device", PHONE)
    assert_row(scenario, MATRIX[scenario], run, record_property, checks=checks, device=PHONE)
    record = read(tmp_path / "run.json")
    assert {check.device for check in record.checks if check.id != PREFLIGHT_ID} == {PHONE}, record.checks


def run_over_tls(row: Expectation, tmp_path: Path, **options) -> tuple[MonitorRun, ReplicaTls]:
    """The row's checks against the replica over HTTPS, its throwaway CA as the target's ca_bundle."""
    tls = ReplicaTls.create(**row.options)
    try:
        with Replica(tls=tls) as replica:
            run = run_checks(replica.entry_url, tmp_path / "allure-results", *row.pytest_args,
                             targets_file=replica_targets(tmp_path, ca_bundle=str(tls.ca_file)), **options)
    finally:
        tls.cleanup()
    return run, tls


@pytest.mark.parametrize("name", [name for name, row in TLS_MATRIX.items() if row.failing])
def test_certificate_fault_is_caught_by_the_preflight(name, tmp_path, record_property) -> None:
    row = TLS_MATRIX[name]
    run, _ = run_over_tls(row, tmp_path)
    assert_row(name, row, run, record_property)
    [problem] = [line for line in read(tmp_path / "run.json").failing()[0].message.split("; ") if "127.0.0.1" in line]
    assert problem.endswith("parents see a browser warning instead of the sign-in page"), problem


def test_a_certificate_5_days_from_expiry_degrades_the_run_and_its_alert_says_so(tmp_path, record_property) -> None:
    """The whole monitor with a local webhook: every check passes over HTTPS, the run is degraded, and
    the alert as the receiver got it names the host, the days and the date."""
    name = "tls-expires-in-5-days"
    row = TLS_MATRIX[name]
    env = {**{variable: "" for variable in ("FOCUS_ALERT_ON", "FOCUS_ALERT_AFTER", "FOCUS_HEARTBEAT_URL",
                                            "FOCUS_REPORT_URL")}, "FOCUS_REPORTS_DIR": str(tmp_path)}
    with http_receiver() as webhook:
        env["FOCUS_ALERT_URLS"] = f"json://127.0.0.1:{webhook.port}/hook"
        run, tls = run_over_tls(row, tmp_path, module="monitor", env=env)
    assert_row(name, row, run, record_property)
    record = read(tmp_path / "run.json")
    assert record.outcome == "degraded" and row.degraded in record.check(PREFLIGHT_ID).degraded, record
    assert {cert.host: cert.status for cert in record.certificates} == {
        "127.0.0.1": "expiring", "localhost": "expiring", "bcps.schoology.com": "not checked"}
    [alert] = [json.loads(request.body) for request in webhook.requests]
    print(f"{alert['title']}\n{alert['message']}")
    assert alert["title"] == "Focus parent login: degraded on replica"
    assert f"{row.degraded} ({tls.not_after:%Y-%m-%d})" in alert["message"], alert["message"]


def assert_row(scenario: str, row: Expectation, run: MonitorRun, record_property, dialect: str = "standard",
               checks: frozenset[str] | None = None, device: str = "") -> None:
    """The run completed; exactly the row's checks fail (of those run: `checks`, default the row's), with
    its verdict and words, once each; the others as the row says."""
    checks = row.checks if checks is None else checks
    must_fail = row.failing & checks
    failing = run.failing()
    record_property(MATRIX_PROPERTY, json.dumps({
        "scenario": scenario, "dialect": dialect, "device": device, "expected": sorted(must_fail),
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
    for name in checks - row.failing:
        assert run.checks[name].status == row.others, f"{name}: {messages[name]} (expected {row.others})"
    if row.verdict == UNREACHABLE:
        assert run.seconds < INFRASTRUCTURE_VERDICT_S, f"the outage verdict took {run.seconds:.1f} s"
