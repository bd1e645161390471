"""The one real run with alerts: `python -m monitor` against the replica with a missing Google
button, alerting a local JSON webhook and pinging a local heartbeat. The run must complete with its
own verdict first; then the alert names the failing check, and nothing secret left the run."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from werkzeug.wrappers import Response

from monitor.exit_codes import MonitorExit
from monitor.run.history import read_history
from selftest.leak_scan import Canary, Scan, password_forms, token_forms
from selftest.monitor_runs import run_checks
from selftest.notify_helpers import http_receiver

WEBHOOK_TOKEN = "e2eTok3nZ9Y8X7W6V5"
PING_ID = "0c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f"


def test_a_failed_run_alerts_the_webhook_and_pings_the_heartbeat(tmp_path: Path, replica_in) -> None:
    replica = replica_in("google-button-missing")
    canary = Canary.new("parent")
    cookies: dict[str, set[str]] = {}
    original_set_cookie = Response.set_cookie

    def spy(response, key, value="", *args, **kwargs):
        cookies.setdefault(key, set()).add(value)
        return original_set_cookie(response, key, value, *args, **kwargs)

    with http_receiver() as webhook, http_receiver() as pings, pytest.MonkeyPatch.context() as patch:
        patch.setattr(Response, "set_cookie", spy)
        env = {"FOCUS_ALERT_URLS": f"json://127.0.0.1:{webhook.port}/hook/{WEBHOOK_TOKEN}", "FOCUS_ALERT_ON": "",
               "FOCUS_ALERT_AFTER": "", "FOCUS_ALERT_REMIND_EVERY": "", "FOCUS_REPORT_URL": "",
               "FOCUS_HEARTBEAT_URL": f"{pings.url}/ping/{PING_ID}", "FOCUS_PARENT_PASSWORD": canary.value,
               "FOCUS_REPORTS_DIR": str(tmp_path)}  # the record, the history and the report go there
        started = time.monotonic()
        run = run_checks(replica.entry_url, tmp_path / "allure-results", "-m", "smoke", "-k", "google",
                         env=env, module="monitor")
        print(f"python -m monitor with alerts: exit {run.exit_code} in {time.monotonic() - started:.1f} s")
        print("\n".join(line for line in run.output.splitlines() if line.startswith(("alerts:", "report", "monitor:"))))

    run.assert_completed(MonitorExit.PRODUCT_FAILURE, checks={"google"})
    assert run.failing() == {"google"}, run.output[-2000:]
    # The run's record went to the history (this run is the target's first).
    assert [record.verdict for record in read_history(tmp_path / "history", "replica")] == ["failed"]
    # The alert: one message, the check and its category; one line in the run's output says so.
    [posted] = webhook.requests
    document = json.loads(posted.body)
    print(document["message"])
    assert document["title"] == "Focus parent login: FAILED on replica"
    assert ("- **The Google button is there and leads to Google**: *Missing or wrong element*: The Google sign-in "
            "button is missing or hidden") in document["message"]
    assert "Why now: no history: first run, failed" in document["message"]
    assert 'alerts: sent "Focus parent login: FAILED on replica" to 1 of 1 service(s)' in run.output
    # The heartbeat: started before the checks, failed after them.
    assert [ping.path for ping in pings.requests] == [f"/ping/{PING_ID}/start", f"/ping/{PING_ID}/fail"]

    scan = Scan({"parent password": password_forms(canary), "webhook token": token_forms(WEBHOOK_TOKEN),
                 "heartbeat ping id": token_forms(PING_ID),
                 **{f"cookie {name} #{index}": token_forms(value) for name, values in cookies.items()
                    for index, value in enumerate(sorted(values)) if len(value) >= 16}})
    scan.text("the run's output", run.output).blob("the alert", posted.body).folder(tmp_path)
    for ping in pings.requests:
        scan.blob(f"ping {ping.path[-6:]}", ping.body)
    print(f"canary scan: {scan.bytes} bytes, {len(scan.secrets)} secrets ({sorted(cookies)} cookies)")
    assert scan.hits == [], scan.hits
    assert cookies, "the replica set no cookie: the scan would prove nothing about cookies"
