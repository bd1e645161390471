"""Alerts reach real protocols on 127.0.0.1: a JSON webhook, a Teams Workflows endpoint over HTTPS, an
SMTP server, a healthchecks-style heartbeat; a channel that hangs or refuses costs a bounded time
and one line; nothing secret is in a message or a log line."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from monitor.core.verdicts import PRODUCT
from monitor.notify import after_run, channels, heartbeat_start, load_config
from selftest.leak_scan import Canary, Scan, password_forms, token_forms
from selftest.notify_helpers import black_hole, http_receiver, run_record, self_signed_certificate, smtp_server

# Made-up secrets, searched for in everything the alerts produce.
WEBHOOK_TOKEN = "whTok3n9f8e7d6c5b4a3"
WORKFLOW_ID, WORKFLOW_SIGNATURE = "wfid0a1b2c3d4e5f", "SiGnAtUrE9z8y7x6w5"
SMTP_PASSWORD = "smtpPa55w0rdQ7"
PING_ID = "8f2a1c3e-5b7d-4e9f-a1b2-c3d4e5f6a7b8"


@pytest.fixture
def lines() -> dict[str, list[str]]:
    return {"stdout": [], "stderr": []}


def test_the_alert_reaches_json_teams_workflows_and_email_and_the_heartbeat_is_pinged(tmp_path: Path, lines) -> None:
    canary = Canary.new("parent")
    record = run_record({1: PRODUCT.key}, messages={1: "The Google sign-in button is missing or hidden"})
    certificate = self_signed_certificate(tmp_path)
    with http_receiver() as webhook, http_receiver(certificate) as teams, smtp_server() as mailbox, \
            http_receiver() as pings:
        environ = {
            "FOCUS_ALERT_URLS": f"json://127.0.0.1:{webhook.port}/hook/{WEBHOOK_TOKEN} "
                                f"workflows://127.0.0.1:{teams.port}/{WORKFLOW_ID}/{WORKFLOW_SIGNATURE}"
                                "?verify=no&image=no, "
                                f"mailto://monitor:{SMTP_PASSWORD}@127.0.0.1:{mailbox.port}"
                                "?from=monitor@example.org&to=qa@example.org",
            "FOCUS_HEARTBEAT_URL": f"{pings.url}/ping/{PING_ID}",
            "FOCUS_PARENT_PASSWORD": canary.value,
        }
        config = load_config(environ)
        heartbeat_start(config)
        after_run(config, record, [], environ=environ, say=lines["stdout"].append, warn=lines["stderr"].append)

    assert lines["stderr"] == [], lines
    assert len(lines["stdout"]) == 1 and lines["stdout"][0].startswith(
        'alerts: sent "Focus parent login: FAILED on live" to 3 of 3 service(s)'), lines
    # The JSON webhook: Apprise's JSON document, the Markdown body as it is.
    [posted] = webhook.requests
    assert posted.path == f"/hook/{WEBHOOK_TOKEN}"
    document = json.loads(posted.body)
    print(f"JSON receiver got:\n{json.dumps(document, indent=2)}")
    assert document["title"] == "Focus parent login: FAILED on live" and document["type"] == "failure"
    assert "**The Google button leads to its provider**: *Missing or wrong element*: ` The Google sign-in button " \
           "is missing or hidden" in document["message"]
    # Teams through Power Automate Workflows: an Adaptive Card posted to the flow's trigger, signed.
    [card_request] = teams.requests
    assert card_request.path.startswith(f"/workflows/{WORKFLOW_ID}/triggers/manual/paths/invoke?")
    assert f"sig={WORKFLOW_SIGNATURE}" in card_request.path
    card = json.loads(card_request.body)["attachments"][0]["content"]
    card_text = json.dumps(card)
    assert card["type"] == "AdaptiveCard" and "Focus parent login: FAILED on live" in card_text
    assert "The Google button leads to its provider" in card_text
    # E-mail: the title as subject, the Markdown rendered to HTML; Apprise signed in with the URL's account.
    [mail] = mailbox.messages
    assert mail["Subject"] == "Focus parent login: FAILED on live" and mail["To"] == "qa@example.org"
    html = mail.get_body(("html",)).get_content()
    print(f"SMTP receiver got (Subject: {mail['Subject']}):\n{html}")
    assert "<strong>The Google button leads to its provider</strong>" in html
    assert mailbox.logins == [("monitor", SMTP_PASSWORD)]
    # The heartbeat: /start, then /fail with the verdict and the check table.
    assert [ping.path for ping in pings.requests] == [f"/ping/{PING_ID}/start", f"/ping/{PING_ID}/fail"]
    end = pings.requests[1].body.decode()
    assert end.startswith("live: failed\n") and "The Google button leads to its provider" in end

    # Nothing secret in any message, as received, nor in any line the alerts printed.
    received = [webhook.requests[0].body, teams.requests[0].body, mail.as_bytes(), *(p.body for p in pings.requests)]
    scan = Scan({"parent password": password_forms(canary), **_url_tokens()})
    for index, data in enumerate(received):
        scan.blob(f"received #{index}", data)
    scan.text("log lines", "\n".join(lines["stdout"] + lines["stderr"]))
    assert scan.hits == [], scan.hits


def test_a_channel_that_hangs_or_refuses_costs_bounded_time_and_one_line_each(lines) -> None:
    record = run_record({1: PRODUCT.key})
    with black_hole() as closed:
        pass  # a port nothing listens on any more: the heartbeat's connection is refused
    with black_hole() as port, http_receiver() as refusing:
        refusing.status = 500
        environ = {"FOCUS_ALERT_URLS": f"json://127.0.0.1:{port}/hook/{WEBHOOK_TOKEN},"
                                       f"json://127.0.0.1:{refusing.port}/x/{WEBHOOK_TOKEN}",
                   "FOCUS_HEARTBEAT_URL": f"http://127.0.0.1:{closed}/ping/{PING_ID}"}
        config = load_config(environ)
        started = time.monotonic()
        after_run(config, record, [], environ=environ, say=lines["stdout"].append, warn=lines["stderr"].append)
        seconds = time.monotonic() - started
    # Both channels at once (in parallel): two attempts of the hung one, the pause between them, then a refused ping.
    budget = 2 * channels.READ_TIMEOUT_S + channels.RETRY_WAIT_S + 1.5
    print(f"a black-holed webhook, a refusing one and a refused heartbeat cost {seconds:.1f} s (budget {budget:.1f} s)")
    assert seconds < budget
    print("\n".join(lines["stderr"]))
    assert len(lines["stderr"]) == 3, lines
    [hung] = [line for line in lines["stderr"] if f"127.0.0.1:{port}/" in line]
    [refused] = [line for line in lines["stderr"] if f"127.0.0.1:{refusing.port}/" in line]
    assert hung.startswith(f"alerts: could not send to JSON (json://127.0.0.1:{port}/...) after 2 attempt(s)")
    assert refused.startswith(f"alerts: could not send to JSON (json://127.0.0.1:{refusing.port}/...) after 2 attempt")
    assert "error=500" in refused
    assert lines["stderr"][-1].startswith("heartbeat: ping /fail to http://127.0.0.1:")
    assert "0 of 2 service(s)" in lines["stdout"][0]
    scan = Scan(_url_tokens()).text("log lines", "\n".join(lines["stdout"] + lines["stderr"]))
    assert scan.hits == [], scan.hits


def _url_tokens() -> dict[str, dict[str, str]]:
    return {name: token_forms(value) for name, value in {
        "webhook token": WEBHOOK_TOKEN, "workflow id": WORKFLOW_ID, "workflow signature": WORKFLOW_SIGNATURE,
        "SMTP password": SMTP_PASSWORD, "heartbeat ping id": PING_ID}.items()}


def test_with_several_targets_the_heartbeat_body_gives_each_targets_verdict(tmp_path: Path) -> None:
    """With several targets, the end ping's body said "no verdict"."""
    from monitor.commands.cli import alert_each
    from monitor.commands.targets_run import TargetRun

    runs = [TargetRun("live", tmp_path, 1, 40.0, run_record({1: PRODUCT.key}, target="live")),
            TargetRun("staging", tmp_path, 0, 40.0, run_record(target="staging")),
            TargetRun("qa", tmp_path, 11, 3.0, None)]
    with http_receiver() as receiver:
        alert_each(runs, load_config({"FOCUS_HEARTBEAT_URL": f"{receiver.url}/ping/{PING_ID}"}), 11)
        [ping] = receiver.requests
    body = ping.body.decode()
    assert ping.path == f"/ping/{PING_ID}/11"
    assert "live: failed" in body and "staging: ok" in body and "qa: no verdict (exit code 11)" in body
    assert "no verdict (see docs/running.md" not in body


def test_a_setup_problem_goes_to_the_monitors_owners_never_to_the_districts_on_call(lines) -> None:
    """An account to fix (terms to accept, a two-factor secret, an expired session) is not the district's
    outage: FOCUS_ALERT_URLS never hears of it, nor of its recovery; FOCUS_SETUP_ALERT_URLS does."""
    stuck = run_record(failing={3: "setup_problem"})
    recovered = run_record(number=2)
    with http_receiver() as on_call, http_receiver() as owners:
        district_only = {"FOCUS_ALERT_URLS": f"json://127.0.0.1:{on_call.port}/hook/{WEBHOOK_TOKEN}"}
        after_run(load_config(district_only), stuck, [], environ=district_only, say=lines["stdout"].append,
                  warn=lines["stderr"].append)
        both = {**district_only, "FOCUS_SETUP_ALERT_URLS": f"json://127.0.0.1:{owners.port}/owners/{WEBHOOK_TOKEN}"}
        after_run(load_config(both), stuck, [], environ=both, say=lines["stdout"].append, warn=lines["stderr"].append)
        after_run(load_config(both), recovered, [stuck], environ=both, say=lines["stdout"].append,
                  warn=lines["stderr"].append)
    assert stuck.outcome == "setup-problem"
    assert on_call.requests == [], "the district's on-call was told of the monitor's own setup"
    titles = [json.loads(request.body)["title"] for request in owners.requests]
    assert len(titles) == 2 and "recovered" in titles[1], titles
    assert lines["stdout"][0] == ("alerts: none sent (a setup problem goes to FOCUS_SETUP_ALERT_URLS, the monitor's "
                                  "owners, never to the district's on-call; it is not set)")
