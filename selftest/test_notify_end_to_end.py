"""The one real run with alerts: `python -m monitor` against the replica with a missing Google
button, alerting a local JSON webhook and pinging a local heartbeat. The run must complete with its
own verdict first; then the alert names the failing check, and nothing secret left the run."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from werkzeug.wrappers import Response

from monitor.core.exit_codes import MonitorExit
from monitor.data import history
from monitor.data.history import read_history
from selftest.leak_scan import Canary, Scan, password_forms, token_forms
from selftest.monitor_runs import run_checks
from selftest.notify_helpers import http_receiver, run_record

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
    assert [record.outcome for record in read_history(tmp_path / "history", "replica")] == ["failed"]
    # The alert: one message, the check and its category; one line in the run's output says so.
    [posted] = webhook.requests
    document = json.loads(posted.body)
    print(document["message"])
    assert document["title"] == "Focus parent login: FAILED on replica"
    assert ("- **The Google button is there and leads to Google**: *Missing or wrong element*: ` The Google sign-in "
            "button is missing or hidden") in document["message"]
    assert "Why now: no history: first run, failed" in document["message"]
    assert 'alerts: sent "Focus parent login: FAILED on replica" to 1 of 1 service(s)' in run.output
    # Heard first, reported second: the alert went out before the report was built.
    said = [line.split(":")[0] for line in run.output.splitlines() if line.startswith(("alerts: sent", "report: "))]
    assert said == ["alerts", "report"], run.output[-2000:]
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


def test_a_window_holds_the_alert_and_the_first_run_after_it_sends_it(tmp_path: Path, replica_in) -> None:
    """A healthy night (in the history), then `python -m monitor` twice with the Google button broken:
    inside a maintenance window (no alert, the plain heartbeat ping, the console says it), then after
    the window, the fault still there (the alert goes out, judged against the night before the window).
    That no alert follows a fault that ended with its window: test_maintenance.py, on records."""
    replica = replica_in("social-redirect-broken")  # fails at once (a missing button waits out the timeout)
    history.append(tmp_path / "history", run_record(target="replica"))  # the healthy night before the window
    now = datetime.now(UTC)
    window = tmp_path / "maintenance.toml"
    window.write_text(f'[[window]]\ntargets = ["replica"]\nreason = "Focus 26.4 release"\n'
                      f'start = "{(now - timedelta(hours=1)).isoformat(timespec="minutes")}"\n'
                      f'end = "{(now + timedelta(hours=1)).isoformat(timespec="minutes")}"\n')
    runs = []
    with http_receiver() as webhook, http_receiver() as pings:
        env = {"FOCUS_ALERT_URLS": f"json://127.0.0.1:{webhook.port}/hook/{WEBHOOK_TOKEN}", "FOCUS_ALERT_ON": "",
               "FOCUS_ALERT_AFTER": "", "FOCUS_ALERT_REMIND_EVERY": "", "FOCUS_REPORT_URL": "",
               "FOCUS_HEARTBEAT_URL": f"{pings.url}/ping/{PING_ID}", "FOCUS_REPORTS_DIR": str(tmp_path)}
        for maintenance_file in (window, tmp_path / "no-maintenance.toml"):
            run = run_checks(replica.entry_url, tmp_path / "allure-results", "-m", "smoke", "-k", "google",
                             env={**env, "FOCUS_MAINTENANCE_FILE": str(maintenance_file)}, module="monitor")
            run.assert_completed(MonitorExit.PRODUCT_FAILURE, checks={"google"})
            runs.append((run, len(webhook.requests), [ping.path for ping in pings.requests]))
    (inside, sent_inside, pings_inside), (after, sent_after, pings_after) = runs
    print("\n".join(line for line in inside.output.splitlines() if "maintenance" in line or line.startswith("alerts")))
    assert sent_inside == 0 and "alerts: none sent (in maintenance: Focus 26.4 release until" in inside.output
    assert "in maintenance: Focus 26.4 release until" in inside.output and "no alert is sent for this run" \
        in inside.output, inside.output[-2000:]
    assert pings_inside == [f"/ping/{PING_ID}/start", f"/ping/{PING_ID}"]  # the job ran, as planned
    assert sent_after == 1 and pings_after[2:] == [f"/ping/{PING_ID}/start", f"/ping/{PING_ID}/fail"]
    document = json.loads(webhook.requests[0].body)
    print(document["message"])
    assert document["title"] == "Focus parent login: FAILED on replica"
    assert "Why now: ok -> failed; the first run after the maintenance window (Focus 26.4 release)" \
        in document["message"]
    assert [record.maintenance is not None for record in read_history(tmp_path / "history", "replica")] == [
        False, True, False]
