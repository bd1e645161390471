"""Every wait ends: a site that answers with an address that cannot be parsed, or never answers, or a
page whose script never yields, gets a verdict within the target's bound, never a run that hangs.
Each kind of wait is served here by a few lines on 127.0.0.1."""

from __future__ import annotations

import json
import threading
import time
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import Page, TimeoutError

from fixtures.watchdog import MARGIN_VARIABLE, bound_s
from monitor.core.browser_calls import evaluate
from monitor.core.exit_codes import MonitorExit
from monitor.core.targets import load_targets
from monitor.core.verdicts import DID_NOT_FINISH, PRODUCT
from monitor.probes.page_watch import PageWatch
from monitor.probes.preflight import check_reachable
from pages.sign_in_page import SignInPage
from selftest.monitor_runs import SELFTEST_TARGETS, replica_targets, run_checks
from selftest.static_browser import static_page

TARGET = load_targets(SELFTEST_TARGETS)["replica"]
UNPARSEABLE = "http://[oops/callback?code=secret-token"
SIGN_IN = ('<div role="form" aria-label="Sign in with your social account"><h2>Sign in with your social account</h2>'
           '<a id="GoogleExchange" href="/go">Google</a></div>')


class Site(BaseHTTPRequestHandler):
    """/signin: a social button to /go, which redirects to an address that cannot be parsed; /entry
    likewise for the entry URL; /hang never answers."""

    def do_GET(self) -> None:  # noqa: N802 - the http.server name
        if self.path in ("/go", "/entry"):
            self.send_response(302)
            self.send_header("Location", UNPARSEABLE)
            self.end_headers()
        elif self.path == "/hang":
            time.sleep(30)
        else:
            body = SIGN_IN.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def page() -> Iterator[Page]:
    with static_page(2000) as page:
        yield page


def test_a_social_button_to_an_address_that_cannot_be_parsed_is_the_sites_failure(site, page) -> None:
    """The route handler raised on it: the navigation never resolved and the evidence waited for ever."""
    watch = PageWatch()
    watch.attach(page)
    page.goto(f"{site}/signin")
    started = time.monotonic()
    hop = SignInPage(page, TARGET.texts).follow_provider_button("Google", ("accounts.google.com",), 5.0)
    assert time.monotonic() - started < 4.0, "the walk waited out its whole bound"
    assert hop.unopenable == UNPARSEABLE and not hop.reached
    assert hop.destination == "http://[oops/callback"  # no query: it carries tokens
    watch.read_figures(page)  # the evidence's calls answer: nothing is left hanging
    assert evaluate(page, "() => 1") == 1


def test_an_entry_url_that_redirects_to_an_address_that_cannot_be_parsed_is_a_product_failure(site) -> None:
    """It was a monitor defect (exit 13): the outage fell out of the uptime figures."""
    result = check_reachable(f"{site}/entry", 2.0, 2.0)
    verdict, message = result.failure()
    assert verdict == PRODUCT and message == ("The entry URL's redirects lead to an address that cannot be opened: "
                                              f"http://[oops/callback (from {site}/entry)")


def test_an_entry_url_that_never_answers_is_unreachable_within_its_bound(site) -> None:
    started = time.monotonic()
    result = check_reachable(f"{site}/hang", 1.0, 1.0)
    assert time.monotonic() - started < 4.0 and "no answer within 1 s" in result.message


def test_an_evaluation_that_a_navigation_interrupts_runs_again_in_the_new_page(site, page) -> None:
    """As wait_for_function did: a page that moves on while the monitor reads it is no failure."""
    page.goto(f"{site}/signin")
    moving_on = "(url) => location.search || new Promise(() => setTimeout(() => { location.href = url; }, 20))"
    assert evaluate(page, moving_on, f"{site}/signin?again", timeout_ms=3000) == "?again"


def test_the_monitors_own_evaluations_are_no_steps_of_the_trace(site, page, tmp_path) -> None:
    """A kept trace lists the parent's steps, each with its DOM snapshots; the monitor's readings (here
    the page's clock, between two of the parent's steps) are neither listed nor snapshotted."""
    page.context.tracing.start(snapshots=True)
    page.goto(f"{site}/signin")
    evaluate(page, "() => performance.now()")
    page.title()
    page.context.tracing.stop(path=tmp_path / "trace.zip")
    with zipfile.ZipFile(tmp_path / "trace.zip") as trace:
        events = [json.loads(line) for line in trace.read("trace.trace").splitlines() if line.strip()]
    steps = [event["method"] for event in events if event.get("type") == "before"]
    snapshots = [event for event in events if event.get("type") == "frame-snapshot"]
    assert "goto" in steps and "title" in steps and "evaluateExpression" not in steps, steps
    assert snapshots and all(s["snapshot"]["callId"] in {e["callId"] for e in events if e.get("method") == "goto"}
                             for s in snapshots), "a snapshot of another call than the navigation"


def test_a_page_whose_script_never_yields_is_a_timeout_not_a_hang(site, page) -> None:
    """Page.evaluate has no timeout: the monitor's evaluations go through one that has."""
    page.goto(f"{site}/signin")
    page.evaluate("setTimeout(() => { for (;;) {} }, 0)")
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        evaluate(page, "() => performance.now()", timeout_ms=1000)
    assert time.monotonic() - started < 3.0


def test_a_check_that_never_finishes_is_stopped_by_the_watchdog_and_the_run_did_not_finish(
        monitored_replica, tmp_path) -> None:
    """Before: the run never ended (no verdict, no alert, no record)."""
    targets = replica_targets(tmp_path, fail_after_s=1.5)
    started = time.monotonic()
    run = run_checks(monitored_replica.entry_url, tmp_path / "allure-results", "--reruns=0", "-p",
                     "selftest.plugins.page_never_answers", "-k", "test_site_and_identity_provider_answer or "
                     "test_entry_url_shows_the_new_login_page", targets_file=targets,
                     env={MARGIN_VARIABLE: "2"})
    seconds = time.monotonic() - started
    bound = bound_s(2, 1.5, 1, 2.0)  # two checks, one attempt each
    run.assert_completed(MonitorExit.DID_NOT_FINISH, checks={"preflight", "login_screen"})
    assert "monitor: the 2 check(s) did not finish within their bound (8 s: 2 × 1 attempt(s)" in run.output, \
        run.output[-2000:]
    assert seconds < bound + 20, f"{seconds:.1f} s"
    assert run.checks["login_screen"].category == DID_NOT_FINISH.category  # the report says so, never "passed"
    record = json.loads((tmp_path / "run.json").read_text(encoding="utf-8"))
    assert record["outcome"] == "did-not-finish" and record["exit_code"] == MonitorExit.DID_NOT_FINISH
    assert [(check["status"], check["category"]) for check in record["checks"]] == [
        ("passed", None), ("failed", DID_NOT_FINISH.category)]  # what finished is kept, and what did not
