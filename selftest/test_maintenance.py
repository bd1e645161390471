"""Maintenance windows: which moments a window covers (in the target's timezone), the bad files that
stop the monitor before any browser starts, the command that edits the file, and what a run in a
window sends (nothing) and how the first run after it is judged (against the last run before it)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import jsonschema
import pytest

from monitor.core.exit_codes import MonitorExit
from monitor.core.targets import load_targets
from monitor.core.verdicts import PRODUCT
from monitor.data.record import RUN_RECORD_SCHEMA, Maintenance, RunRecord
from monitor.maintenance import MaintenanceError, current, known_targets
from monitor.maintenance.windows import DAYS, parse
from monitor.notify import heartbeat_finish
from monitor.notify.config import NotifyConfig
from monitor.notify.decision import RECOVERED, decide
from monitor.reporting import console, job_summary
from monitor.reporting.allure_context import environment
from selftest.monitor_runs import ROOT, SELFTEST_TARGETS, replica_targets, run_checks
from selftest.notify_helpers import http_receiver, run_record

TARGETS = load_targets(SELFTEST_TARGETS)
LIVE = TARGETS["live"]  # America/New_York by default
RELEASE = """
[[window]]
targets = ["live"]
reason = "Focus 26.4 release"
start = "2026-12-05T22:00"
end = "2026-12-06T02:00"

[[window]]
targets = ["live", "replica"]
reason = "Sunday night backups"
days = ["sun"]
start = "23:30"
end = "01:00"
timezone = "America/Los_Angeles"
"""
WINDOW = Maintenance(reason="Focus 26.4 release", until="2026-12-06T02:00-05:00")
GOOGLE_MISSING = {1: PRODUCT.key}


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


@pytest.mark.parametrize(("moment", "expected"), [
    ("2026-12-06T02:59:00+00:00", None),  # 21:59 in Baltimore: not yet
    ("2026-12-06T03:00:00+00:00", ("Focus 26.4 release", "2026-12-06T02:00-05:00")),
    ("2026-12-06T06:59:00+00:00", ("Focus 26.4 release", "2026-12-06T02:00-05:00")),
    ("2026-12-06T07:00:00+00:00", None),  # its end is not in it
    # Sunday 23:30 to Monday 01:00 in Los Angeles, the window's own timezone: across midnight.
    ("2026-12-07T07:45:00+00:00", ("Sunday night backups", "2026-12-07T01:00-08:00")),
    ("2026-12-07T09:00:00+00:00", None),
    ("2026-12-08T07:45:00+00:00", None),  # a Monday night
])
def test_a_window_covers_its_time_in_the_targets_timezone(moment, expected) -> None:
    found = current(parse(RELEASE, Path("maintenance.toml"), TARGETS), LIVE, at(moment))
    assert (found.reason, found.until) == expected if expected else found is None, found


def test_the_window_is_said_with_its_reason_and_end() -> None:
    assert WINDOW.text == "in maintenance: Focus 26.4 release until 2026-12-06 02:00 (UTC-05:00)"


@pytest.mark.parametrize(("text", "error"), [
    ("[[window]\n", "malformed maintenance file maintenance.toml: "),
    (RELEASE.replace('end = "2026-12-06T02:00"', 'end = "2026-12-05T21:00"'),
     "window 1 (Focus 26.4 release): its end (2026-12-05T21:00) is not after its start (2026-12-05T22:00)"),
    (RELEASE.replace('targets = ["live"]', 'targets = ["liv"]'),
     "window 1 (Focus 26.4 release): unknown target 'liv'; known targets: live, replica"),
    (RELEASE.replace("America/Los_Angeles", "America/Baltimore"),
     "window 2 (Sunday night backups): unknown timezone 'America/Baltimore'"),
    (RELEASE.replace('"sun"', '"sunday", "funday"'), "window 2 (Sunday night backups): unknown day 'funday'"),
    (RELEASE.replace('start = "2026-12-05T22:00"', 'start = "Saturday night"'),
     "window 1 (Focus 26.4 release): start and end must be ISO 8601 date and time"),
    ("[[window]]\ntargets = [\"live\"]\nstart = \"2026-12-05T22:00\"\nend = \"2026-12-06T02:00\"\n",
     "window 1: needs a reason"),
], ids=["malformed", "end-before-start", "unknown-target", "unknown-timezone", "unknown-day", "not-a-time",
        "no-reason"])
def test_a_bad_maintenance_file_is_one_line(text, error) -> None:
    with pytest.raises(MaintenanceError) as raised:
        parse(text, Path("maintenance.toml"), TARGETS)
    assert error in str(raised.value) and "\n" not in str(raised.value), raised.value


def test_a_window_may_name_the_projects_targets_when_a_run_uses_another_targets_file(tmp_path) -> None:
    other = tmp_path / "targets.toml"
    other.write_text(SELFTEST_TARGETS.read_text().split("[targets.")[0] + '[targets.staging]\nentry_url = "https://staging.example.org/focus"\n')
    assert set(known_targets(other)) == {"live", "replica", "staging"}  # targets.toml's, and the run's
    assert set(known_targets(SELFTEST_TARGETS)) == {"live", "replica"}


def test_a_bad_maintenance_file_stops_the_monitor_before_any_browser(tmp_path) -> None:
    bad = tmp_path / "maintenance.toml"
    bad.write_text(RELEASE.replace('targets = ["live"]', 'targets = ["nowhere"]'))
    started = time.monotonic()
    run = run_checks(None, tmp_path / "allure-results", "-m", "smoke", module="monitor",
                     env={"FOCUS_MAINTENANCE_FILE": str(bad)})
    print(f"{run.output.strip()} ({time.monotonic() - started:.1f} s)")
    assert run.exit_code == MonitorExit.BAD_INPUT, run.output[-2000:]
    errors = [line for line in run.output.splitlines() if line.startswith("ERROR:")]
    assert errors == [f"ERROR: maintenance file {bad}: window 1 (Focus 26.4 release): unknown target 'nowhere'; "
                      "known targets: live, replica"], run.output
    assert "Traceback" not in run.output and not run.checks  # no check ran, so no browser either


def maintenance_command(*args: str, file: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "monitor.maintenance", f"--targets-file={SELFTEST_TARGETS}", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "FOCUS_MAINTENANCE_FILE": str(file)})


def test_the_command_adds_lists_and_ends_a_window_keeping_the_files_comments(tmp_path) -> None:
    file = tmp_path / "maintenance.toml"
    file.write_text("# QA's own note, kept\n")
    now = dt.datetime.now(dt.UTC)
    start, end = ((now + dt.timedelta(hours=hours)).isoformat(timespec="minutes") for hours in (-1, 2))
    added = maintenance_command("add", "--target", "live", "--start", start, "--end", end, "--reason",
                                "Focus 26.4 release", file=file)
    assert added.returncode == 0, added.stderr
    assert "added window #1 (Focus 26.4 release)" in added.stdout
    listed = maintenance_command("list", file=file)
    print(listed.stdout)
    assert "#1  Focus 26.4 release  [live]" in listed.stdout and "live: in progress until" in listed.stdout
    bad = maintenance_command("add", "--target", "live", "--start", end, "--end", start, "--reason", "x", file=file)
    assert bad.returncode == MonitorExit.BAD_INPUT and bad.stderr.count("\n") == 1 and "is not after its start" \
        in bad.stderr, bad.stderr
    ended = maintenance_command("end", "--target", "live", file=file)
    assert ended.returncode == 0 and "ended window #1 (Focus 26.4 release) at" in ended.stdout, ended.stderr
    assert "live: over" in maintenance_command("list", file=file).stdout
    text = file.read_text()
    assert text.startswith("# QA's own note, kept\n") and "# ended by python -m monitor.maintenance end" in text
    assert current(parse(text, file, TARGETS), LIVE) is None
    again = maintenance_command("end", "--target", "live", file=file)
    assert again.returncode == MonitorExit.BAD_INPUT
    assert again.stderr.strip() == "ERROR: no maintenance window of 'live' is in progress"


def test_a_weekly_window_ended_early_is_over_for_that_occurrence_only(tmp_path) -> None:
    file = tmp_path / "maintenance.toml"
    day = DAYS[dt.datetime.now(ZoneInfo(LIVE.timezone)).weekday()]
    file.write_text(f'[[window]]\ntargets = ["live"]\nreason = "Backups"\ndays = ["{day}"]\n'
                    'start = "00:00"\nend = "23:59"\n')
    assert maintenance_command("end", "--target", "live", file=file).returncode == 0
    windows = parse(file.read_text(), file, TARGETS)
    assert current(windows, LIVE) is None
    assert current(windows, LIVE, dt.datetime.now(dt.UTC) + dt.timedelta(days=7)) is not None  # next week's


def in_window(record: RunRecord) -> RunRecord:
    return dataclasses.replace(record, maintenance=WINDOW)


def sent_over(records: list[RunRecord], **settings) -> list[str]:
    config = NotifyConfig(alert_urls=("json://127.0.0.1/x",), **settings)
    decisions = [decide(records[:index], record, config) for index, record in enumerate(records)]
    return [decision.kind if decision.send else "-" for decision in decisions]


def sequence(*runs: tuple[dict, bool]) -> list[RunRecord]:
    records = [run_record(failing, number=number) for number, (failing, _) in enumerate(runs)]
    return [in_window(record) if windowed else record for record, (_, windowed) in zip(records, runs, strict=True)]


def test_a_failure_that_outlives_the_window_is_announced_and_one_inside_it_never_is() -> None:
    outlives = sequence(({}, False), (GOOGLE_MISSING, True), (GOOGLE_MISSING, True), (GOOGLE_MISSING, False),
                        ({}, False))
    assert sent_over(outlives) == ["-", "-", "-", "failed", RECOVERED]
    reason = decide(outlives[:3], outlives[3], NotifyConfig(alert_urls=("json://127.0.0.1/x",))).reason
    assert reason.startswith("ok -> failed") and "the first run after the maintenance window" in reason, reason
    inside_only = sequence(({}, False), (GOOGLE_MISSING, True), (GOOGLE_MISSING, True), ({}, False))
    assert sent_over(inside_only) == ["-", "-", "-", "-"]  # and no "recovered"
    # A failure announced before the window that is gone after it did recover.
    before = sequence((GOOGLE_MISSING, False), (GOOGLE_MISSING, True), ({}, False))
    assert sent_over(before) == ["failed", "-", RECOVERED]
    # No mode sends during a window, not even "always".
    assert sent_over(inside_only, alert_on="always") == ["ok", "-", "-", "ok"]


def test_in_a_window_the_heartbeat_is_the_plain_ping_with_the_verdict_in_its_body() -> None:
    record = in_window(run_record(GOOGLE_MISSING))
    with http_receiver() as pings:
        heartbeat_finish(NotifyConfig(heartbeat_url=f"{pings.url}/ping/abc"), record.exit_code, record, environ={})
    [ping] = pings.requests
    assert ping.path == "/ping/abc" and b"live: failed" in ping.body and WINDOW.text.encode() in ping.body


class Options:
    """The pytest options the report's environment reads."""

    def getoption(self, name: str):
        return None


def test_several_targets_a_target_in_a_window_does_not_fail_the_heartbeat(tmp_path) -> None:
    from monitor.commands.cli import alert_each
    from monitor.commands.targets_run import TargetRun
    from monitor.data.history import Remembered

    live = in_window(run_record(GOOGLE_MISSING, target="live"))
    staging = run_record(target="staging")
    runs = [TargetRun(record.target, tmp_path, record.exit_code, 1.0, record, Remembered([], None))
            for record in (live, staging)]
    with http_receiver() as pings:
        alert_each(runs, NotifyConfig(heartbeat_url=f"{pings.url}/ping/abc"), MonitorExit.PRODUCT_FAILURE)
        runs[1].exit_code = runs[1].record.exit_code = int(MonitorExit.SITE_UNREACHABLE)
        alert_each(runs, NotifyConfig(heartbeat_url=f"{pings.url}/ping/abc"), MonitorExit.SITE_UNREACHABLE)
    assert [ping.path for ping in pings.requests] == ["/ping/abc", "/ping/abc/10"]


def test_console_job_summary_report_overview_and_record_say_the_window() -> None:
    record = in_window(run_record(GOOGLE_MISSING))
    line = f"{WINDOW.text}: no alert is sent for this run"
    assert line in console.table(record, "report.html")
    assert f"**{line}**" in job_summary.render(record, [])
    assert "failed (03-02 07:00, in maintenance)" in job_summary.render(record, [])
    assert next(iter(environment(LIVE, Options(), "chromium", "", WINDOW.text).items())) == ("Maintenance", WINDOW.text)
    document = json.loads(record.to_json())
    jsonschema.validate(document, RUN_RECORD_SCHEMA, format_checker=jsonschema.FormatChecker())
    assert RunRecord.from_dict(document) == record


def test_maintenance_mode_skip_runs_no_check_and_says_so(tmp_path, monitored_replica) -> None:
    targets = replica_targets(tmp_path, maintenance_mode="skip")
    file = tmp_path / "maintenance.toml"
    now = dt.datetime.now(dt.UTC)
    file.write_text(f'[[window]]\ntargets = ["replica"]\nreason = "Focus 26.4 release"\n'
                    f'start = "{(now - dt.timedelta(hours=1)).isoformat(timespec="minutes")}"\n'
                    f'end = "{(now + dt.timedelta(hours=1)).isoformat(timespec="minutes")}"\n')
    run = run_checks(monitored_replica.entry_url, tmp_path / "allure-results", "-m", "smoke", targets_file=targets,
                     env={"FOCUS_MAINTENANCE_FILE": str(file)})
    run.assert_completed(MonitorExit.OK, checks={"preflight", "login_screen", "google", "microsoft", "mybcps"})
    assert run.with_status("skipped") == set(run.checks), run.output[-2000:]
    reason = "Not run: in maintenance: Focus 26.4 release until"
    assert all(reason in check.message and "maintenance_mode is \"skip\"" in check.message
               for check in run.checks.values()), run.output[-2000:]
    assert "no alert is sent for this run" in run.output
