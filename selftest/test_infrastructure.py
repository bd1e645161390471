"""An outage is one clear infrastructure failure, in seconds, with its own exit code."""

from __future__ import annotations

import pytest

from monitor.core.exit_codes import MonitorExit
from monitor.core.verdicts import UNREACHABLE
from selftest.monitor_runs import CHECKS, closed_port, run_checks

VERDICT_WITHIN_S = 15


@pytest.mark.parametrize(
    ("url", "words"),
    [
        (f"http://127.0.0.1:{closed_port()}/focus", "Site unreachable: 127.0.0.1: connection refused"),
        ("http://focus.invalid/focus", "Site unreachable: focus.invalid: DNS lookup failed"),
    ],
    ids=["closed-port", "unresolvable-host"],
)
def test_unreachable_site_is_one_infrastructure_failure(url: str, words: str, tmp_path) -> None:
    run = run_checks(None, tmp_path / "allure-results", f"--base-url={url}")
    run.assert_completed(MonitorExit.SITE_UNREACHABLE)
    assert run.failing() == {"preflight"}, run.output[-2000:]
    preflight = run.checks["preflight"]
    assert words in preflight.message and preflight.verdict == UNREACHABLE
    assert run.with_status("skipped") == set(CHECKS) - {"preflight"}
    assert all("Not run: " + words in run.checks[name].message for name in run.with_status("skipped"))
    assert run.seconds < VERDICT_WITHIN_S
