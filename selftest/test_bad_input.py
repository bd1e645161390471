"""Bad input stops the monitor with one line and its documented exit code: no traceback, no report."""

from __future__ import annotations

import pytest

from monitor.core.exit_codes import MonitorExit
from monitor.core.roles import DEFAULT_VARIABLES
from selftest.leak_scan import Canary
from selftest.monitor_runs import SELFTEST_TARGETS, run_checks

BROKEN_TARGETS = '[defaults]\ngoogle_hosts = "not a list"\n[targets.live]\nentry_url = "https://x.example/focus"\n'
NO_ACCOUNTS = {variable: "" for variable in DEFAULT_VARIABLES.values()}


@pytest.mark.parametrize(
    ("args", "error", "exit_code"),
    [
        (["--target=nowhere"], "ERROR: unknown target 'nowhere'; known targets:", MonitorExit.BAD_INPUT),
        (["--base-url=focus.example.org"], "ERROR: malformed URL 'focus.example.org'", MonitorExit.BAD_INPUT),
        (["--targets-file={broken}"], "ERROR: malformed targets file", MonitorExit.BAD_INPUT),
        (["--targets-file={unparsable}"], "ERROR: malformed targets file", MonitorExit.BAD_INPUT),
        (["--target=live", "--require-accounts"], "ERROR: the employee account is not configured: set "
         "FOCUS_EMPLOYEE_EMAIL", MonitorExit.BAD_INPUT),
        (["--browser-channel=msedge"], "the browser could not start:", MonitorExit.BROWSER_FAILED),
        # An unset variable in a CI script (--base-url "$STAGING_URL"): never a green run of the replica.
        (["--base-url="], "ERROR: malformed URL ''", MonitorExit.BAD_INPUT),
        (["--replica-url="], "ERROR: malformed URL ''", MonitorExit.BAD_INPUT),
        (["--targets-file", "{misspelled}"], "did you mean `fail_after_s`?", MonitorExit.BAD_INPUT),
        (["--trace-parts=screencast"], "unknown trace part 'screencast'; known: screenshots", MonitorExit.BAD_INPUT),
        (["--device", "Desktop Chrome", "--device", "Pixle 7"], "ERROR: unknown device 'Pixle 7'; did you mean "
         "'Pixel 7'? Known devices include Desktop Chrome, Pixel 7, iPhone 15", MonitorExit.BAD_INPUT),
    ],
    ids=["unknown-target", "malformed-url", "malformed-targets-file", "unparsable-targets-file",
         "missing-credential", "browser-cannot-start", "empty-base-url", "empty-replica-url",
         "misspelled-key-targets-file-with-a-space", "unknown-trace-part", "unknown-device"],
)
def test_bad_input_is_one_line(args, error, exit_code, tmp_path, monitored_replica) -> None:
    (tmp_path / "broken.toml").write_text(BROKEN_TARGETS)
    (tmp_path / "unparsable.toml").write_text("[defaults\n")
    (tmp_path / "misspelled.toml").write_text(SELFTEST_TARGETS.read_text().replace("fail_after_s", "fail_after"))
    args = [arg.format(broken=tmp_path / "broken.toml", unparsable=tmp_path / "unparsable.toml",
                       misspelled=tmp_path / "misspelled.toml") for arg in args]
    # Through `python -m monitor`, which builds the report when there is a verdict: here there is none.
    replica_url = None if "--target=live" in args or any(a.startswith("--replica-url") for a in args) \
        else monitored_replica.entry_url
    run = run_checks(replica_url, tmp_path / "allure-results", *args, env=NO_ACCOUNTS, module="monitor")
    assert run.exit_code == exit_code, run.output[-2000:]
    lines = [line for line in run.output.splitlines() if error in line]
    assert len(lines) == 1, run.output[-2000:]
    assert "Traceback" not in run.output
    assert f"monitor: no report built (exit code {exit_code}" in run.output


@pytest.mark.parametrize(("shape", "error"), [
    (lambda value: value + "\n", "ERROR: FOCUS_PARENT_PASSWORD ends with whitespace (a newline): the browser's field "
                                 "drops it"),
    (lambda value: value[:5], "ERROR: FOCUS_PARENT_PASSWORD is shorter than 8 characters: too short to be found and "
                              "redacted safely"),
], ids=["trailing-newline", "too-short"])
def test_a_secret_the_redactor_could_not_find_stops_the_run_before_any_browser(shape, error, tmp_path,
                                                                               monitored_replica) -> None:
    value = shape(Canary.new("parent").value)
    run = run_checks(monitored_replica.entry_url, tmp_path / "allure-results",
                     env={**NO_ACCOUNTS, "FOCUS_PARENT_PASSWORD": value}, module="monitor")
    print(run.output)
    assert run.exit_code == MonitorExit.BAD_INPUT, run.output[-2000:]
    assert [line for line in run.output.splitlines() if line.startswith("ERROR: ")] == [
        line for line in run.output.splitlines() if error in line], run.output[-2000:]
    assert error in run.output and "Traceback" not in run.output and value.strip() not in run.output
    assert not list(tmp_path.glob("allure-results/*-result.json"))  # no check ran
