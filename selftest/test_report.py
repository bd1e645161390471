"""The Allure report, checked from its data: evidence, categories, context and history.

Two runs into one results lineage, as on two nights: healthy, then a fault under `-n 2` with one
check hitting an infrastructure hiccup on its first attempt (so xdist and reruns are covered too)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from monitor.accounts import load_account
from monitor.exit_codes import MonitorExit
from monitor.reporting import allure_report as report
from monitor.roles import PASSWORD_ROLES
from monitor.targets import load_targets
from monitor.verdicts import PRODUCT
from selftest.monitor_runs import CHECKS, SELFTEST_TARGETS, MonitorRun, run_checks

FAILURE_EVIDENCE = {"Full page at the failure": "image/png", "Page HTML": "text/html",
                    "Playwright trace (open with: playwright show-trace)": "application/zip",
                    "Video": "video/webm", "Browser console errors": "text/plain",
                    "Failed network requests": "text/plain"}
PASSED_EVIDENCE = "What the parent saw"


@pytest.fixture(scope="module")
def two_nights(monitored_replica, tmp_path_factory) -> tuple[MonitorRun, Path, list[float]]:
    folder = tmp_path_factory.mktemp("report")
    paths = dict(results=folder / "allure-results", report=folder / "allure-report",
                 single_file=folder / "focus-login-monitor.html", history=folder / "history")
    build_seconds = []
    monitored_replica.set_scenario("healthy")
    first = run_checks(monitored_replica.entry_url, paths["results"], evidence=True)
    first.assert_completed(MonitorExit.OK)
    build_seconds.append(report.build(**paths))
    monitored_replica.set_scenario("schoology-link-missing")
    try:
        second = run_checks(monitored_replica.entry_url, paths["results"], "-n", "2",
                            "-p", "selftest.plugins.first_attempt_times_out", evidence=True)
    finally:
        monitored_replica.set_scenario("healthy")
    second.assert_completed(MonitorExit.PRODUCT_FAILURE)
    build_seconds.append(report.build(**paths))
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
        assert _attachments(run, name).get(PASSED_EVIDENCE) == "image/png", name


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
    passwords = [load_account(target, role).password.reveal() for role in PASSWORD_ROLES]

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
