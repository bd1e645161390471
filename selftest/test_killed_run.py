"""A killed run leaves nothing behind: SIGKILL to the monitor (an out-of-memory kill, a CI runner's hard
stop) ends its checks' processes (pytest, the browser's driver, the browser) within seconds, and the next
run, started at once, keeps its own record: an orphan never overwrites it."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import time

import psutil
import pytest

from selftest.monitor_runs import ROOT, RUN_TIMEOUT_S, checks_command, read_results, run_checks

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX's")


def alive(processes: list[psutil.Process]) -> list[str]:
    left = []
    for process in processes:
        try:
            if process.is_running() and process.status() != psutil.STATUS_ZOMBIE:
                left.append(f"{process.pid} {' '.join(process.cmdline())[:120]}")
        except psutil.Error:
            continue
    return left


def test_a_killed_monitor_leaves_no_process_and_the_next_runs_record_stands(monitored_replica, tmp_path) -> None:
    """Before: its pytest and browser ran on, and the orphan's record overwrote the next run's."""
    replica = monitored_replica
    reports = tmp_path / "reports"
    results = reports / "allure-results"
    env = {**os.environ, "FOCUS_REPORTS_DIR": str(reports), "FOCUS_ALERT_URLS": "", "FOCUS_HEARTBEAT_URL": ""}
    # The login screen's check is held on its page (a minute and more before the watchdog would stop it).
    command = checks_command(replica.entry_url, results, "-p", "selftest.plugins.page_never_answers", "-k",
                             "test_site_and_identity_provider_answer or test_entry_url_shows_the_new_login_page",
                             module="monitor")
    monitor = subprocess.Popen(command, cwd=ROOT, env={**env, "FOCUS_RUN_ID": "killed"}, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    first: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + RUN_TIMEOUT_S
        while not any("chrom" in process.name() for process in first):  # the held check's browser is up
            assert monitor.poll() is None and time.monotonic() < deadline
            time.sleep(0.2)
            first = psutil.Process(monitor.pid).children(recursive=True)
        assert "preflight" in read_results(results)
        monitor.send_signal(signal.SIGKILL)  # the monitor alone, as the kernel's OOM killer does
        killed_at = time.monotonic()
        second = run_checks(replica.entry_url, reports / "second-results", "-k",
                            "test_site_and_identity_provider_answer", env={**env, "FOCUS_RUN_ID": "next"})
        second.assert_completed(0, checks={"preflight"})
        while alive(first) and time.monotonic() < killed_at + 10:
            time.sleep(0.2)
        assert alive(first) == [], "processes of the killed run are still running"
        assert json.loads((reports / "run.json").read_text(encoding="utf-8"))["run_id"] == "next"
    finally:  # whatever failed above, this test leaves nothing running either
        for process in [*first, psutil.Process(monitor.pid)] if monitor.poll() is None else first:
            with contextlib.suppress(psutil.Error):
                process.kill()
        monitor.wait()
