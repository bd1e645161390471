"""Slow is not down: below the degraded threshold a page passes quietly, between the thresholds it
passes flagged "degraded", above the fail threshold its checks fail as "Too slow" (the last
is a row of the detection matrix)."""

from __future__ import annotations

import pytest

from monitor.core.exit_codes import MonitorExit
from monitor.data.record import read
from selftest.matrix import A11Y_CHECKS
from selftest.monitor_runs import CHECKS, run_checks

# selftest/targets.toml: degraded above 2.5 s, failed above 6 s.
LOGIN_PAGE_CHECKS = set(CHECKS) - {"preflight"} - A11Y_CHECKS  # (runs -m "not a11y": speed is the same code)


@pytest.mark.parametrize(("delay_ms", "degraded"), [(300, False), (4000, True)], ids=["fast-enough", "degraded"])
def test_a_slow_login_page_passes_and_is_flagged_when_degraded(delay_ms, degraded, replica_in, tmp_path) -> None:
    replica = replica_in("slow", delay_ms=delay_ms, pages=["login"])
    run = run_checks(replica.entry_url, tmp_path / "allure-results", "-m", "not a11y")
    run.assert_completed(MonitorExit.OK, checks=LOGIN_PAGE_CHECKS | {"preflight"})
    assert run.failing() == set(), run.output[-3000:]
    flagged = {name for name, check in run.checks.items() if "degraded" in check.labels.get("tag", [])}
    assert flagged == (LOGIN_PAGE_CHECKS if degraded else set())
    summary_lines = [line for line in run.output.splitlines() if "degraded: " in line]
    assert len(summary_lines) == (len(LOGIN_PAGE_CHECKS) if degraded else 0), run.output[-3000:]
    # The browser's own figures show it: the sign-in page's first byte came after the delay.
    record = read(tmp_path / "run.json")
    sign_in_pages = [page for check in record.checks for page in check.pages
                     if page.page.endswith("/authorize") and page.ttfb_ms is not None]
    assert sign_in_pages and all(page.ttfb_ms >= delay_ms for page in sign_in_pages), sign_in_pages
    assert record.outcome == ("degraded" if degraded else "ok")
