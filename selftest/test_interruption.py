"""SIGINT or SIGTERM to the monitor (alone, or with its process group) stops the checks, keeps what
finished in a record whose verdict says interrupted, tells the heartbeat /2, exits 2 and leaves no
child running; a pytest killed by a signal is reported as such, never as a negative exit code."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from monitor.commands import children
from monitor.core.exit_codes import MonitorExit
from selftest.monitor_runs import ROOT, RUN_TIMEOUT_S, MonitorRun, checks_command, read_results
from selftest.notify_helpers import http_receiver


def processes_naming(text: str) -> list[str]:
    """The command lines of the live processes that name `text` (their own folder, here)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            line = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in line and str(os.getpid()) != cmdline.parent.name:
            found.append(f"{cmdline.parent.name}: {line[:200]}")
    return found


def test_a_pytest_killed_by_a_signal_is_interrupted_not_a_negative_code(capsys) -> None:
    """A killed pytest was exit 247 and a heartbeat ping of /-9."""
    code = children.call([sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGKILL)"])
    assert code == MonitorExit.INTERRUPTED
    assert "were stopped by SIGKILL: the run is interrupted (exit 2)" in capsys.readouterr().err


@pytest.mark.parametrize(("number", "to_group"), [(signal.SIGTERM, True), (signal.SIGINT, False)],
                         ids=["sigterm-to-its-group", "sigint-to-it-alone"])
def test_a_signal_to_the_monitor_keeps_what_finished_and_says_interrupted(number, to_group, replica_in,
                                                                          tmp_path) -> None:
    """SIGTERM exited 143 and SIGINT 130 with a traceback; killing only the monitor left pytest running."""
    replica = replica_in("slow", delay_ms=60_000, pages=["landing"])  # the sign-in check is still running
    results = tmp_path / "reports" / "allure-results"
    command = checks_command(replica.entry_url, results, "-k", "test_site_and_identity_provider_answer or "
                             "test_parent_signs_in_and_reaches_focus", module="monitor")
    with http_receiver() as receiver:
        env = {**os.environ, "FOCUS_REPORTS_DIR": str(tmp_path / "reports"),
               "FOCUS_HEARTBEAT_URL": f"{receiver.url}/ping/abc", "FOCUS_ALERT_URLS": ""}
        monitor = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   text=True, start_new_session=True)
        deadline = time.monotonic() + RUN_TIMEOUT_S
        while "preflight" not in read_results(results) if results.is_dir() else True:
            assert monitor.poll() is None and time.monotonic() < deadline, monitor.communicate()[0][-3000:]
            time.sleep(0.1)
        # The monitor's group (as a CI runner stops a job), or the monitor alone.
        (os.killpg if to_group else os.kill)(monitor.pid, number)
        output, _ = monitor.communicate(timeout=60)
        pings = [(request.path, request.body.decode()) for request in receiver.requests]
    run = MonitorRun(monitor.returncode, output, 0.0, results, read_results(results))
    run.assert_completed(MonitorExit.INTERRUPTED, checks={"preflight"})
    assert "Traceback" not in output, output[-3000:]
    record = json.loads((tmp_path / "reports" / "run.json").read_text(encoding="utf-8"))
    assert record["outcome"] == "interrupted" and record["exit_code"] == 2, record
    assert [check["status"] for check in record["checks"] if "identity_provider" in check["id"]] == ["passed"]
    history = (tmp_path / "reports" / "history" / "runs.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(history) == 1 and json.loads(history[0])["outcome"] == "interrupted"
    assert [path for path, _ in pings] == ["/ping/abc/start", "/ping/abc/2"], pings
    assert "replica: interrupted" in pings[1][1]
    assert "monitor: interrupted (exit 2): 1 finished check(s) kept" in output, output[-3000:]
    assert processes_naming(str(tmp_path)) == []


def test_once_interrupted_no_other_target_starts(tmp_path) -> None:
    children.interrupted.set()
    try:
        marker = tmp_path / "started"
        code = children.call([sys.executable, "-c", f"open({str(marker)!r}, 'w')"])
    finally:
        children.interrupted.clear()
    assert code == MonitorExit.INTERRUPTED and not marker.exists()
