"""Self-tests of the monitor: one replica for the session, switched between scenarios at run time."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from replica import Replica

MATRIX_PROPERTY = "matrix_row"
_matrix_rows: list[dict] = []


@pytest.fixture(scope="session")
def monitored_replica() -> Iterator[Replica]:
    """The replica the checks run against; its accounts come from the same environment as theirs."""
    with Replica() as replica:
        yield replica


@pytest.fixture
def replica_in(monitored_replica: Replica):
    """Switch the replica to a scenario for one test, and back to healthy after it."""

    def switch(scenario: str, dialect: str = "standard", **options) -> Replica:
        monitored_replica.set_dialect(dialect)
        monitored_replica.set_scenario(scenario, **options)
        return monitored_replica

    yield switch
    monitored_replica.set_scenario("healthy")
    monitored_replica.set_dialect("standard")


# The longest self-tests start first, so that two workers finish together instead of one waiting on
# a long test that started last (substrings of test ids, longest first).
LONG_FIRST = ("test_consecutive_jitter_runs", "test_canary_scan", "test_report.py", "mybcps-section-missing",
              "test_release.py", "password-field-missing", "slow]", "login-rejected", "test_a_window_holds_the_alert",
              "test_saved_session", "5_days_from_expiry", "notice-stuck", "test_a_mutated_site",
              "test_accessibility_policy", "test_bench_smoke")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        return next((index for index, part in enumerate(LONG_FIRST) if part in item.nodeid), len(LONG_FIRST))

    items.sort(key=rank)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    for key, value in report.user_properties:
        if key == MATRIX_PROPERTY and report.when == "call":
            _matrix_rows.append(json.loads(value))


def pytest_terminal_summary(terminalreporter) -> None:
    if not _matrix_rows:
        return
    from selftest.matrix_report import render

    for line in render(_matrix_rows):
        terminalreporter.write_line(line)
