"""The alert's words, from the run record alone: title, failing checks with their category and the
first line of their message, degraded and flaky checks, the run's time, duration and report link."""

from __future__ import annotations

from monitor.core.redact import REDACTED
from monitor.core.verdicts import PRODUCT, SIGN_IN_REJECTED, UNREACHABLE
from monitor.notify.config import NotifyConfig
from monitor.notify.decision import REMINDER, Decision, decide
from monitor.notify.message import compose
from selftest.notify_helpers import run_record


def test_a_failed_run_names_each_failing_check_its_category_and_first_line() -> None:
    record = run_record({1: PRODUCT.key, 3: SIGN_IN_REJECTED.key}, degraded=0, flaky=2,
                        messages={1: "The Google sign-in button is missing or hidden\nCall log:\n  - waiting for ..."})
    message = compose(record, decide([], record, NotifyConfig()))
    print(f"{message.title}\n\n{message.body}")
    assert message.title == "Focus parent login: FAILED on live"
    assert "**2 of 4 checks failed**" in message.body
    # The message is the site's words: an inert code span (selftest/test_page_text.py).
    assert ("- **The Google button leads to its provider**: *Missing or wrong element*: ` The Google sign-in button "
            "is missing or hidden `\n") in message.body
    assert "*Sign-in rejected*" in message.body
    assert "Call log" not in message.body and "[Missing or wrong element]" not in message.body  # first line, no tag
    assert "Degraded:\n\n- **The entry URL shows the new login page**: ` the sign-in page took 3.1 s" in message.body
    assert "Flaky (passed on a retry):\n\n- **The Microsoft button leads to its provider**" in message.body
    assert "Why now: no history: first run, failed" in message.body
    assert "Run: 2026-03-02 07:00 UTC, 1 min 23 s" in message.body
    assert "[https://ci.example.org/runs/42/report](https://ci.example.org/runs/42/report)" in message.body


def test_titles_say_the_target_and_the_verdict() -> None:
    outage, healthy, failed = run_record({0: UNREACHABLE.key}), run_record(degraded=1), run_record({1: PRODUCT.key})
    assert compose(outage, Decision(True, "unreachable", "")).title == "Focus parent login: site unreachable on live"
    assert compose(healthy, Decision(True, "degraded", "")).title == "Focus parent login: degraded on live"
    assert compose(healthy, Decision(True, "recovered", "")).title == "Focus parent login: recovered on live"
    assert compose(failed, Decision(True, REMINDER, "", runs=6)).title == \
        "Focus parent login: still FAILED on live (6 runs)"


def test_the_report_link_is_focus_report_url_else_the_records() -> None:
    record = run_record({1: PRODUCT.key})
    record.report = "reports/focus-login-monitor.html"
    assert "Report: reports/focus-login-monitor.html (on the machine that ran it)" in \
        compose(record, Decision(True, "failed", "")).body
    assert "Report: [https://qa.example.org/r/7](https://qa.example.org/r/7)" in \
        compose(record, Decision(True, "failed", ""), report_url="https://qa.example.org/r/7").body


def test_a_secret_that_reached_a_message_is_scrubbed_again() -> None:
    password = "Cn4ry-secret-Passw0rd!"
    record = run_record({3: SIGN_IN_REJECTED.key}, messages={3: f"typed {password} into the password field"})
    message = compose(record, Decision(True, "failed", ""), secrets=[password])
    assert password not in message.body and REDACTED in message.body
