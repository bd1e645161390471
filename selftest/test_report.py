"""The Allure report and the run record, checked from their data: evidence, categories, context,
history, the record per run, runs.jsonl, the trend image and the CI job summary.

Two whole monitor runs (`python -m monitor`) into one reports folder, as on two nights: healthy, then
a fault under `-n 2` with one check hitting an infrastructure hiccup on its first attempt (so xdist
and reruns are covered too)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import pytest

from monitor.commands.cli import TREND_ATTACHMENT
from monitor.core.accounts import load_account
from monitor.core.exit_codes import MonitorExit
from monitor.core.roles import PASSWORD_ROLES
from monitor.core.targets import load_targets
from monitor.core.verdicts import PRODUCT
from monitor.data.record import RUN_RECORD_SCHEMA
from monitor.replica_start import stand_in_accounts
from selftest.monitor_runs import CHECKS, SELFTEST_TARGETS, MonitorRun, run_checks
from selftest.static_browser import static_page

# The two nights are one fixture: every test of this file on one worker, so that it runs once.
pytestmark = pytest.mark.xdist_group("two_nights")

FAILURE_EVIDENCE = {"Full page at the failure": "image/png", "Page HTML": "text/html",
                    "Playwright trace (open with: playwright show-trace)": "application/zip",
                    "Browser console errors": "text/plain",
                    "Failed network requests": "text/plain"}
PASSED_EVIDENCE = "What the parent saw"


@pytest.fixture(scope="module")
def two_nights(monitored_replica, tmp_path_factory) -> tuple[MonitorRun, Path, list[float]]:
    folder = tmp_path_factory.mktemp("report")
    env = {"FOCUS_REPORTS_DIR": str(folder)}  # the record, history, trend and report go there
    monitored_replica.set_scenario("healthy")
    first = run_checks(monitored_replica.entry_url, folder / "allure-results", evidence=True, env=env,
                       module="monitor")
    first.assert_completed(MonitorExit.OK)
    monitored_replica.set_scenario("schoology-link-missing")
    try:
        second = run_checks(monitored_replica.entry_url, folder / "allure-results", "-n", "2",
                            "-p", "selftest.plugins.first_attempt_times_out", evidence=True, env=env,
                            module="monitor")
    finally:
        monitored_replica.set_scenario("healthy")
    second.assert_completed(MonitorExit.PRODUCT_FAILURE)
    build_seconds = [float(seconds) for run in (first, second)
                     for seconds in re.findall(r"^report: .* \((\d+\.\d) s\)$", run.output, re.M)]
    assert len(build_seconds) == 2, second.output[-2000:]
    return second, folder, build_seconds


def _report_json(folder: Path, *parts: str):
    return json.loads(folder.joinpath("allure-report", *parts).read_text(encoding="utf-8"))


def _attachments(run: MonitorRun, name: str) -> dict[str, str]:
    """Attachment name -> MIME type, for the last attempt of a check, read from its result file."""
    for path in run.results_dir.glob("*-result.json"):
        result = json.loads(path.read_text(encoding="utf-8"))
        if result["name"] == run.checks[name].title and result["status"] != "broken":
            return {item["name"]: item["type"] for item in result.get("attachments", [])}
    raise AssertionError(f"no result for {name}")


def test_a_failed_check_carries_its_evidence_and_category(two_nights) -> None:
    run, _, _ = two_nights
    assert run.failing() == {"schoology"}, run.output[-2000:]
    attached = _attachments(run, "schoology")
    for name, kind in FAILURE_EVIDENCE.items():
        assert attached.get(name) == kind, f"{name} missing from {sorted(attached)}"
    assert run.checks["schoology"].verdict == PRODUCT


def test_a_trace_is_kept_of_the_failed_attempts_only(two_nights) -> None:
    """The checks that passed wrote no trace (fixtures/browser.py records it, and writes it when kept)."""
    _, folder, _ = two_nights
    kept = sorted(path.parent.name for path in (folder / "test-results").rglob("trace*.zip"))
    # The schoology check failed; the mybcps check's first attempt timed out, its retry passed.
    assert len(kept) == 2 and not any("retry" in name for name in kept), kept
    assert "schoology" in kept[1] and "mybcps" in kept[0], kept


def test_the_report_files_the_failure_under_its_category(two_nights) -> None:
    _, folder, _ = two_nights
    categories = {item["name"]: item for item in _report_json(folder, "data", "categories.json")["children"]}
    assert set(categories) == {PRODUCT.category}

    def leaves(node: dict):  # category -> failure message -> test case
        children = node.get("children")
        return [leaf for child in children for leaf in leaves(child)] if children else [node["name"]]

    assert leaves(categories[PRODUCT.category]) == ["The parent portal links to Schoology"]


def test_every_passed_check_shows_what_the_parent_saw(two_nights) -> None:
    run, _, _ = two_nights
    for name in set(CHECKS) - {"preflight", "schoology"}:
        assert _attachments(run, name).get(PASSED_EVIDENCE) == "image/jpeg", name


def test_a_retry_is_a_retry_not_a_second_test(two_nights) -> None:
    run, folder, _ = two_nights
    cases = [json.loads(path.read_text()) for path in folder.glob("allure-report/data/test-cases/*.json")]
    shown = [case for case in cases if not case.get("hidden")]
    assert len(shown) == len(CHECKS)
    retried = [case for case in shown if case["retriesCount"]]
    assert [case["name"] for case in retried] == [run.checks["mybcps"].title]
    assert "flaky" in run.checks["mybcps"].labels["tag"]


def test_the_report_has_its_context_and_both_nights_in_its_history(two_nights) -> None:
    _, folder, build_seconds = two_nights
    environment = {item["name"]: item["values"][0] for item in _report_json(folder, "widgets", "environment.json")}
    assert environment["Target"] == "replica" and environment["Entry URL"].startswith("http://127.0.0.1:")
    assert environment["Browser"].startswith("chromium ") and environment["Headless"] == "true"
    assert {"Browser channel", "Suite version", "Python", "Playwright"} <= set(environment)
    trend = _report_json(folder, "widgets", "history-trend.json")
    assert len(trend) == 2 and trend[0]["data"]["failed"] == 1 and trend[1]["data"]["passed"] == len(CHECKS)
    single_file = folder / "focus-login-monitor.html"
    assert single_file.stat().st_size > 100_000  # the screenshots are inside: it opens from disk
    print(f"report build {build_seconds[-1]:.1f} s, single file {single_file.stat().st_size / 1e6:.1f} MB")


def test_no_step_title_or_parameter_holds_a_password(two_nights) -> None:
    run, _, _ = two_nights
    target = load_targets(SELFTEST_TARGETS)["replica"]
    passwords = [load_account(target, role, stand_in=stand_in_accounts(target)).password.reveal()
                 for role in PASSWORD_ROLES]

    def texts(node: dict):
        yield node.get("name", "")
        yield from (f"{p['name']}={p['value']}" for p in node.get("parameters", []))
        for step in node.get("steps", []):
            yield from texts(step)

    steps_seen = 0
    for path in run.results_dir.glob("*-result.json"):
        titles = list(texts(json.loads(path.read_text(encoding="utf-8"))))
        steps_seen += len(titles) - 1
        assert not [title for title in titles for password in passwords if password in title], path
    assert steps_seen > 2 * len(CHECKS)  # the scan read the checks' steps, not empty results


def _history(folder: Path) -> list[dict]:
    return [json.loads(line) for line in (folder / "history" / "runs.jsonl").read_text(encoding="utf-8").splitlines()]


def test_each_run_leaves_one_record_and_one_history_line(two_nights) -> None:
    _, folder, _ = two_nights
    healthy, faulty = _history(folder)
    assert json.loads((folder / "run.json").read_text(encoding="utf-8")) == faulty
    for record in (healthy, faulty):
        jsonschema.validate(record, RUN_RECORD_SCHEMA, format_checker=jsonschema.FormatChecker())
        assert len(record["checks"]) == len(CHECKS) and record["target"] == "replica"
    assert (healthy["outcome"], healthy["exit_code"]) == ("ok", 0)
    assert {check["status"] for check in healthy["checks"]} == {"passed"}
    assert (faulty["outcome"], faulty["exit_code"]) == ("failed", 1)
    failed = [check for check in faulty["checks"] if check["status"] != "passed"]
    assert [(check["title"], check["verdict"], check["category"]) for check in failed] == [
        ("The parent portal links to Schoology", PRODUCT.key, PRODUCT.category)]
    assert failed[0]["message"].startswith(PRODUCT.tag)
    flaky = [check["title"] for check in faulty["checks"] if check["flaky"]]
    assert flaky == ["The \"Login with your myBCPS account\" section has its sign-in form"]


NAVIGATION_FIGURES = ("ttfb_ms", "dom_content_loaded_ms", "load_ms")  # in the order they happen


def test_the_record_holds_the_browsers_page_timings(two_nights) -> None:
    _, folder, _ = two_nights
    healthy = _history(folder)[0]
    browser_checks = [check for check in healthy["checks"] if check["pages"]]
    assert len(browser_checks) == len(CHECKS) - 1  # all but the preflight (plain HTTP)
    for check in browser_checks:
        measured = [page for page in check["pages"] if page["ttfb_ms"] is not None]
        assert measured, check["title"]
        for page in measured:
            # A document left, or read when the check ended, before it finished loading has only the
            # figures it reached, in the order they happen.
            reached = [page[key] for key in NAVIGATION_FIGURES if page[key] is not None]
            assert reached == [page[key] for key in NAVIGATION_FIGURES[:len(reached)]], (check["title"], page)
            assert reached[0] > 0 and reached == sorted(reached), (check["title"], page)
            assert page["lcp_ms"] is None or page["lcp_ms"] >= page["ttfb_ms"], (check["title"], page)
            assert page["cls"] is not None and page["cls"] >= 0
        assert check["milestones"]["entry URL to sign-in page shown"] > 0
    assert any(page["load_ms"] is not None for check in browser_checks for page in check["pages"])
    signed_in = {check["id"].split("::")[-1].split("[")[0] for check in browser_checks
                 if "Sign in to \"Welcome\"" in check["milestones"]}
    assert signed_in == {"test_parent_signs_in_and_reaches_focus", "test_employee_switches_to_the_parent_profile",
                         "test_parent_portal_links_to_schoology", "test_landing_page_is_accessible",
                         "test_parent_portal_is_accessible"}
    # The sign-in page, left after Sign in, sent its figures as it went (its console line).
    for check in browser_checks:
        if "Sign in to \"Welcome\"" in check["milestones"]:
            left = [page for page in check["pages"] if page["page"].endswith("/authorize")]
            assert left and left[0]["ttfb_ms"] is not None and left[0]["load_ms"] is not None, (check["title"], left)


def test_the_trend_image_is_drawn_and_attached_to_the_run(two_nights) -> None:
    run, folder, _ = two_nights
    image = folder / "trend.svg"
    # The second night's failure, in its strip (the picture's content: test_trend.py).
    svg = "{http://www.w3.org/2000/svg}"
    red = [rect.find(f"{svg}title").text for rect in ElementTree.parse(image).iter(f"{svg}rect")
           if rect.get("fill") == "#d1342f" and rect.find(f"{svg}title") is not None]
    assert len(red) == 1 and red[0].endswith(" · failed · The parent portal links to Schoology"), red
    assert f"trend: {image}" in run.output
    assert _attachments(run, "preflight").get(TREND_ATTACHMENT) == "image/svg+xml"
    # The status page and the uptime line follow the trend (their figures: test_uptime.py, test_status_page.py).
    assert (folder / "status.html").is_file() and "\nuptime: 24 h 50.0 %, 7 d 50.0 %, 30 d 50.0 % (1 incident, " \
        "ongoing for " in run.output


def test_the_job_summary_says_the_verdict_the_checks_and_the_last_runs(two_nights, tmp_path) -> None:
    _, folder, _ = two_nights
    summary = tmp_path / "step-summary.md"
    completed = subprocess.run([sys.executable, "-m", "monitor.reporting.job_summary", "--record",
                                str(folder / "run.json"), "--history", str(folder / "history")],
                               env={**os.environ, "GITHUB_STEP_SUMMARY": str(summary)}, capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    markdown = summary.read_text(encoding="utf-8")
    print(markdown)
    assert markdown.startswith("## Focus parent login on `replica`: ❌ Something a parent meets is broken\n")
    assert "Outcome **failed** (exit code 1)" in markdown
    assert "| The parent portal links to Schoology | ❌ failed |" in markdown
    assert f"| {PRODUCT.category} |" in markdown
    assert "**What failed**\n\n- The parent portal links to Schoology: ` " + PRODUCT.tag in markdown  # inert
    assert "**Degraded or flaky**" in markdown and "flaky: passed on retry" in markdown
    assert re.search(r"\*\*The last 2 run\(s\)\*\*: ok \(.+\) → failed \(.+\)", markdown)
    check_table = markdown[markdown.index("| Check |"):].split("\n\n")[0]  # the incidents have a table too
    rows = [line for line in check_table.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == len(CHECKS) + 1  # the header and one row a check


def test_a_single_file_without_history_is_a_report_error_not_an_empty_history(tmp_path) -> None:
    """The report folder is unpacked from Allure's single file: another Allure that embeds its files
    otherwise must stop the build in one line, not leave the next run without history."""
    from monitor.reporting.allure_report import ReportError, unpack

    page = tmp_path / "index.html"
    page.write_text("<script>d('data/suites.json','e30=')</script>", encoding="utf-8")
    with pytest.raises(ReportError, match="holds no history files"):
        unpack(page, tmp_path / "report")
    page.write_text("<script>d('history/history.json','e30=')\nd('../escape.json','e30=')</script>", encoding="utf-8")
    unpack(page, tmp_path / "report")
    assert (tmp_path / "report" / "history" / "history.json").read_text() == "{}"
    assert not (tmp_path / "escape.json").exists()


def test_the_report_and_the_status_page_load_nothing_from_elsewhere(two_nights) -> None:
    """Opened from disk in Chromium, the report folder's index.html, the single file and the status page
    request nothing but themselves and file:// (an analytics script would be a request to Google); and
    the plain scan finds no script, style, font, image or frame from elsewhere in them."""
    from monitor.reporting.third_party import third_party_in

    _, folder, _ = two_nights
    pages = [folder / "allure-report" / "index.html", folder / "focus-login-monitor.html", folder / "status.html"]
    assert {path: third_party_in(path) for path in pages} == dict.fromkeys(pages, [])
    own = ("file://", "data:", "blob:", "about:")
    requests: list[str] = []
    with static_page() as page:
        page.on("request", lambda request: requests.append(request.url))
        for path in pages[:2]:
            page.goto(path.as_uri())
            # Allure's app drew its menu: every script of the page has run, its data is read (the
            # network never idles on a file that embeds every attachment).
            page.get_by_text("Overview", exact=True).first.wait_for()
            page.wait_for_timeout(500)
        violations: list[str] = []
        page.on("console", lambda message: violations.append(message.text) if "Content Security Policy"
                in message.text else None)
        page.goto(pages[2].as_uri())
        # The policy lets the page's own style through (by its hash): the banner has its colour.
        assert page.locator(".banner").evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    elsewhere = [url for url in requests if not url.startswith(own)]
    print(f"report and status page opened: {len(requests)} requests, {len(elsewhere)} to elsewhere")
    assert len(requests) >= 3 and elsewhere == [], elsewhere
    assert violations == [], violations


def test_an_allure_that_hangs_is_a_report_error_within_its_bound(tmp_path, monkeypatch) -> None:
    """Every wait ends: a JVM that never finishes stops the build in one line, and the run goes on. The
    JVM here is the start script's child, holding its output, as allure.bat's is on Windows: killing the
    script alone left the build waiting for it."""
    from monitor.reporting import allure_report

    hanging = tmp_path / "allure"
    hanging.write_text("#!/bin/sh\nsleep 30 &\nwait\n", encoding="utf-8")
    hanging.chmod(0o755)
    monkeypatch.setattr(allure_report, "ALLURE", hanging)
    monkeypatch.setattr(allure_report, "ALLURE_TIMEOUT_S", 0.5)
    started = time.monotonic()
    with pytest.raises(allure_report.ReportError, match=r"allure generate did not finish within 0.5 s"):
        allure_report.run_allure(["generate"])
    assert time.monotonic() - started < 10
