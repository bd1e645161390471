"""The alert settings and the dry run from the command line: bad settings stop `python -m monitor`
with one line and exit 4 before any browser starts; `python -m monitor.notify --dry-run` shows the
message, the services (privacy form) and why, and sends nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from monitor.core.exit_codes import MonitorExit
from monitor.core.verdicts import PRODUCT
from monitor.data import history
from selftest.monitor_runs import ROOT
from selftest.notify_helpers import http_receiver, run_record

TOKEN = "cliTok3nA1B2C3D4E5"
NO_ALERTS = {"FOCUS_ALERT_URLS": "", "FOCUS_ALERT_ON": "", "FOCUS_ALERT_REMIND_EVERY": "", "FOCUS_ALERT_AFTER": "",
             "FOCUS_HEARTBEAT_URL": "", "FOCUS_REPORT_URL": ""}


def python(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, **NO_ALERTS, **env})


@pytest.mark.parametrize(("setting", "error"), [
    ({"FOCUS_ALERT_ON": "sometimes"}, "ERROR: FOCUS_ALERT_ON must be one of change, failure, always (got 'sometimes')"),
    ({"FOCUS_ALERT_AFTER": "two"}, "ERROR: FOCUS_ALERT_AFTER must be a whole number of runs, 1 or more (got 'two')"),
    ({"FOCUS_ALERT_URLS": f"json://127.0.0.1:9/{TOKEN} nosuch://{TOKEN}@example.org"},
     "ERROR: FOCUS_ALERT_URLS entry 2 (nosuch://...) is not a valid Apprise URL"),
], ids=["alert-on", "after", "alert-url"])
def test_bad_alert_settings_stop_the_monitor_before_any_browser(setting, error) -> None:
    started = time.monotonic()
    completed = python("-m", "monitor", "-m", "smoke", env=setting)
    seconds = time.monotonic() - started
    output = completed.stdout + completed.stderr
    print(f"{output.strip()} ({seconds:.1f} s)")
    assert completed.returncode == MonitorExit.BAD_INPUT, output
    assert output.splitlines() == [output.strip()] and output.startswith(error), output
    assert TOKEN not in output
    assert "test session starts" not in output  # pytest (and so any browser) never started


def test_dry_run_shows_the_message_the_services_and_why_and_sends_nothing(tmp_path: Path) -> None:
    healthy, failed = run_record(number=1), run_record({1: PRODUCT.key}, number=2)
    failed.write(tmp_path / "run.json")
    for record in (healthy, failed):  # as the monitor leaves them: this run already in the history
        history.append(tmp_path / "history", record)
    with http_receiver() as webhook:
        completed = python("-m", "monitor.notify", "--dry-run", f"--run-record={tmp_path / 'run.json'}",
                           f"--history={tmp_path / 'history'}",
                           env={"FOCUS_ALERT_URLS": f"json://127.0.0.1:{webhook.port}/hook/{TOKEN}"})
    print(completed.stdout)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    lines = completed.stdout.splitlines()
    assert lines[:3] == [
        "run run-2 on live: failed (exit 1); 1 earlier run(s) in the history",
        "decision: send (failed): ok -> failed",
        f"to: JSON (json://127.0.0.1:{webhook.port}/...)",
    ]
    assert "title: Focus parent login: FAILED on live" in lines
    assert "- **The Google button leads to its provider**: *Missing or wrong element*: ` the check 1 failed `" in lines
    assert TOKEN not in completed.stdout + completed.stderr
    assert webhook.requests == []


@pytest.mark.parametrize("text", ["²", "٣", "3.0", "+3", " 0 ", "-1"])
def test_a_count_in_the_environment_is_ascii_digits_only(text, monkeypatch, capsys) -> None:
    """FOCUS_ALERT_AFTER=² passed str.isdigit() and then int() raised: a traceback, not bad input."""
    from monitor.commands.cli import main

    monkeypatch.setenv("FOCUS_ALERT_AFTER", text)
    assert main(["--jobs=x"]) == MonitorExit.BAD_INPUT  # the settings are read first
    assert capsys.readouterr().err == (f"ERROR: FOCUS_ALERT_AFTER must be a whole number of runs, 1 or more "
                                       f"(got {text.strip()!r})\n")
