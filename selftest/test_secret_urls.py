"""A URL's credentials (https://user:password@host/...) never leave the run: not in the run's name,
the alert, the heartbeat, the record, the history, the report, or the output."""

from __future__ import annotations

import json

from monitor.core.exit_codes import MonitorExit
from selftest.leak_scan import Scan, token_forms
from selftest.monitor_runs import run_checks
from selftest.notify_helpers import http_receiver

SITE_PASSWORD = "Site-Pa55word-7Qx"
PING_PASSWORD = "Ping-Pa55word-4Rw"


def test_credentials_in_the_base_url_and_the_heartbeat_url_are_nowhere(monitored_replica, tmp_path) -> None:
    site = monitored_replica.entry_url.replace("http://", f"http://qa:{SITE_PASSWORD}@")
    reports = tmp_path / "reports"
    with http_receiver() as receiver:
        ping = receiver.url.replace("http://", f"http://hb:{PING_PASSWORD}@") + "/ping/abc"
        env = {"FOCUS_REPORTS_DIR": str(reports), "FOCUS_HEARTBEAT_URL": ping, "FOCUS_ALERT_ON": "always",
               "FOCUS_ALERT_URLS": f"json://{receiver.url.removeprefix('http://')}/hook"}
        run = run_checks(None, reports / "allure-results", "--target=replica", f"--base-url={site}", "-k",
                         "test_site_and_identity_provider_answer or test_entry_url_shows_the_new_login_page",
                         env=env, module="monitor")
        run.assert_completed(MonitorExit.OK, checks={"preflight", "login_screen"})
        received = [request.body.decode("utf-8", "replace") for request in receiver.requests]
    record = json.loads((reports / "run.json").read_text(encoding="utf-8"))
    host = monitored_replica.entry_url.removeprefix("http://").split("/")[0]
    assert record["target"] == f"replica@{host}" and record["entry_url"] == monitored_replica.entry_url
    assert len(received) == 3 and f"replica@{host}" in received[1]  # start, the alert, the end
    scan = Scan({"site password": token_forms(SITE_PASSWORD), "ping password": token_forms(PING_PASSWORD),
                 "site userinfo": {"plain": "qa:Site-"}, "ping userinfo": {"plain": "hb:Ping-"}})
    scan.folder(reports).text("output", run.output).text("requests", "\n".join(received))
    assert scan.files > 5 and (reports / "history" / "runs.jsonl").is_file()
    assert scan.hits == [], scan.hits
