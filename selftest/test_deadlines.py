"""Every outbound request has a total deadline, not only a per-read timeout: a server that trickles
a byte at a time hung the preflight, the heartbeat ping, and the process after its alert gave up."""

from __future__ import annotations

import subprocess
import sys
import time

from monitor.notify import heartbeat
from monitor.probes.preflight import check_reachable
from selftest.monitor_runs import ROOT
from selftest.notify_helpers import trickler


def test_a_trickling_site_fails_the_preflight_within_its_deadline() -> None:
    with trickler() as port:
        started = time.monotonic()
        result = check_reachable(f"http://127.0.0.1:{port}/focus", 1.0, 2.0)
        seconds = time.monotonic() - started
    assert not result.ok and result.message == "Site unreachable: 127.0.0.1: no complete answer within 3 s"
    assert seconds < 4.5, seconds


def test_a_trickling_heartbeat_costs_its_deadline_and_one_line(monkeypatch) -> None:
    monkeypatch.setattr(heartbeat, "TOTAL_S", 2.0, raising=False)
    lines = []
    with trickler() as port:
        started = time.monotonic()
        assert not heartbeat.ping(f"http://hc:Ping-Pa55word@127.0.0.1:{port}/ping/abc", "/start", "", lines.append)
        seconds = time.monotonic() - started
    assert seconds < 3.5, seconds
    assert lines == [f"heartbeat: ping /start to http://127.0.0.1:{port}/... failed: no complete answer within 2 s"]


ALERT_THEN_EXIT = """
import sys
from monitor.core.deadline import exit_when_done
from monitor.notify import channels
channels.CALL_TIMEOUT_S = 2.0
deliveries = channels.send([f"json://127.0.0.1:{sys.argv[1]}/hook"], "title", "body", "failed")
print("delivered" if deliveries and deliveries[0].delivered else "given up")
exit_when_done(0)
"""


def test_the_process_ends_when_an_alert_to_a_trickling_webhook_was_given_up() -> None:
    with trickler(max_bytes=200) as port:
        started = time.monotonic()
        completed = subprocess.run([sys.executable, "-c", ALERT_THEN_EXIT, str(port)], cwd=ROOT, capture_output=True,
                                   text=True, timeout=50)
        seconds = time.monotonic() - started
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert completed.stdout.strip() == "given up", completed.stdout + completed.stderr[-2000:]
    assert seconds < 10, f"the process outlived its alert by {seconds:.1f} s"
