"""The accessibility policy: which violations fail a check, which a baseline accepts, how a failure
reads; over a saved axe result (the replica's sign-in page with an unlabeled password field and a
low-contrast Sign in button), then once through the monitor (`make a11y-baseline`, then a new fault)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from monitor.accessibility import baseline
from monitor.accessibility.policy import ACCEPTED, FAILS, REPORTED, Policy, failure_message, judge
from monitor.accessibility.report import html_table, table_rows
from monitor.accessibility.scan import ScanResult, violations_of
from monitor.core.exit_codes import MonitorExit
from monitor.core.targets import TargetError, load_targets
from monitor.core.verdicts import ACCESSIBILITY
from selftest.monitor_runs import SELFTEST_TARGETS, run_checks

SAVED = json.loads((Path(__file__).parent / "data" / "axe-sign-in-two-violations.json").read_text(encoding="utf-8"))
VIOLATIONS = violations_of(SAVED)
PASSWORD = "the Password field has no accessible name (WCAG 4.1.2), sign-in page"
CONTRAST = "the \"Sign in\" button has text contrast of 2.54:1, below 4.5:1 (WCAG 1.4.3), sign-in page"
DEFAULT = frozenset({"serious", "critical"})


def statuses(policy: Policy, page_key: str = "sign_in") -> dict[str, str]:
    return {finding.violation.rule: finding.status for finding in judge(VIOLATIONS, policy, page_key, "sign-in page")}


def accepting(path: Path, page_key: str, *entries: tuple[str, str]) -> baseline.Baseline:
    return baseline.Baseline(path, {page_key: frozenset(entries)})


def test_a_violation_reads_as_the_rule_the_page_and_the_element() -> None:
    findings = judge(VIOLATIONS, Policy(DEFAULT), "sign_in", "sign-in page")
    assert [finding.sentence for finding in findings] == [PASSWORD, CONTRAST]
    assert failure_message(findings) == f"{PASSWORD} (and 1 more)\n- {PASSWORD}\n- {CONTRAST}"
    assert {violation.rule: violation.impact for violation in VIOLATIONS} == {"label": "critical",
                                                                             "color-contrast": "serious"}


def test_without_a_baseline_only_the_policy_impacts_fail() -> None:
    assert statuses(Policy(DEFAULT)) == {"label": FAILS, "color-contrast": FAILS}
    # A target that fails on critical only reports the serious contrast problem.
    assert statuses(Policy(frozenset({"critical"}))) == {"label": FAILS, "color-contrast": REPORTED}
    assert failure_message(judge(VIOLATIONS, Policy(frozenset()), "sign_in", "sign-in page")) is None


def test_a_baseline_accepts_a_known_violation_and_a_new_one_still_fails(tmp_path) -> None:
    known = accepting(tmp_path / "b.json", "sign_in", ("label", "#password"))
    # Whatever the impacts: the baseline is what QA accepted, anything else is new.
    for impacts in (DEFAULT, frozenset({"critical"})):
        findings = judge(VIOLATIONS, Policy(impacts, known), "sign_in", "sign-in page")
        assert {finding.violation.rule: finding.status for finding in findings} == {"label": ACCEPTED,
                                                                                    "color-contrast": FAILS}
        assert failure_message(findings) == CONTRAST
    # Accepted on another page, or another element, is not accepted here.
    assert statuses(Policy(DEFAULT, accepting(tmp_path / "b.json", "sign_up", ("label", "#password")))) == {
        "label": FAILS, "color-contrast": FAILS}
    assert statuses(Policy(DEFAULT, accepting(tmp_path / "b.json", "sign_in", ("label", "#email")))) == {
        "label": FAILS, "color-contrast": FAILS}


def test_the_report_table_has_a_row_a_rule(tmp_path) -> None:
    known = accepting(tmp_path / "b.json", "sign_in", ("label", "#password"))
    findings = judge(VIOLATIONS, Policy(DEFAULT, known), "sign_in", "sign-in page")
    table = html_table(findings, ScanResult(VIOLATIONS, SAVED, 0.4), "sign-in page")
    for words in ("color-contrast", "1.4.3", "serious", "#next", "https://dequeuniversity.com/rules/axe/",
                  "label", "4.1.2", "critical", "#password", ACCEPTED, "axe-core 4.12.1"):
        assert words in table, words
    assert table_rows(findings)[0]["status"].startswith(FAILS)  # failing rows first


def test_a_recorded_baseline_keeps_the_other_pages(tmp_path) -> None:
    path = tmp_path / "a11y-baselines" / "live.json"
    baseline.record(path, "live", "portal", VIOLATIONS[:1], "axe-core 4.12.1")
    baseline.record(path, "live", "sign_in", VIOLATIONS, "axe-core 4.12.1")
    baseline.record(path, "live", "portal", (), "axe-core 4.12.1")
    loaded = baseline.load(path)
    assert loaded.accepted == {"portal": frozenset(), "sign_in": frozenset({("label", "#password"),
                                                                            ("color-contrast", "#next")})}
    assert baseline.load(tmp_path / "none.json") is None
    (tmp_path / "bad.json").write_text("{\"pages\": [1]}")
    with pytest.raises(baseline.BaselineError, match="malformed accessibility baseline"):
        baseline.load(tmp_path / "bad.json")


def test_the_policy_keys_are_validated_with_the_other_target_keys(tmp_path) -> None:
    replica = load_targets(SELFTEST_TARGETS)["replica"]
    assert set(replica.a11y_fail_impacts) == {"minor", "moderate", "serious", "critical"}
    live = load_targets()["live"]
    assert live.a11y_fail_impacts == ("serious", "critical")
    assert live.a11y_baseline_path.parts[-2:] == ("a11y-baselines", "live.json")
    text = SELFTEST_TARGETS.read_text(encoding="utf-8")
    (tmp_path / "bad.toml").write_text(text.replace('a11y_fail_impacts = ["minor"', 'a11y_fail_impacts = ["severe"'))
    with pytest.raises(TargetError, match="a11y_fail_impacts names unknown impacts \\['severe'\\]"):
        load_targets(tmp_path / "bad.toml")
    (tmp_path / "missing.toml").write_text(text.replace("a11y_baseline =", "# a11y_baseline ="))
    with pytest.raises(TargetError, match="needs 'a11y_baseline'"):
        load_targets(tmp_path / "missing.toml")


def test_make_a11y_baseline_records_what_is_there_and_a_new_violation_fails(replica_in, tmp_path) -> None:
    """`make a11y-baseline` under one fault accepts it; a run under another fault fails on the new one."""
    path = tmp_path / "baseline.json"
    targets = tmp_path / "targets.toml"
    text = SELFTEST_TARGETS.read_text(encoding="utf-8")
    targets.write_text("\n".join(f"a11y_baseline = \"{path}\"" if line.startswith("a11y_baseline") else line
                                 for line in text.splitlines()))
    args = ("-m", "a11y", "-k", "sign_in")
    replica = replica_in("a11y-unlabeled-password")
    recorded = run_checks(replica.entry_url, tmp_path / "record" / "allure-results", *args, "--a11y-record-baseline",
                          targets_file=targets)
    recorded.assert_completed(MonitorExit.OK, checks={"a11y_sign_in"})
    assert baseline.load(path).accepted == {"sign_in": frozenset({("label", "#password")})}
    assert f"accessibility baseline {path}: {{'sign_in': 1}}" in recorded.output
    replica_in("a11y-low-contrast-button")
    checked = run_checks(replica.entry_url, tmp_path / "check" / "allure-results", *args, targets_file=targets)
    checked.assert_completed(MonitorExit.PRODUCT_FAILURE, checks={"a11y_sign_in"})
    check = checked.checks["a11y_sign_in"]
    assert check.verdict == ACCESSIBILITY and CONTRAST in check.message and "Password" not in check.message
    assert {"Accessibility violations", "axe-core result (JSON)", "Offending elements outlined"} <= set(
        check.attachments)
