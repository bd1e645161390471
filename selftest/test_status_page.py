"""What shows the uptime figures: the console line, the job summary and the status page say the same
figures from one history; the status page is self-contained (and says so in its Content-Security-
Policy) and holds no secret, no report link and none of a failure's message (its category and sentence
instead); it lists the maintenance windows to come; the recovered
alert says how long it was down."""

from __future__ import annotations

import datetime as dt
import html
import re
import secrets

from monitor.core.targets import load_targets
from monitor.core.verdicts import PRODUCT, SIGN_IN_REJECTED
from monitor.data import uptime
from monitor.data.history import history_file
from monitor.data.record import Maintenance
from monitor.maintenance.windows import parse, upcoming
from monitor.notify import message_for
from monitor.notify.config import NotifyConfig
from monitor.reporting import console, job_summary, status_page
from monitor.reporting.third_party import third_party
from selftest.history_helpers import EXPECTED_LINE, NOW, at, thirty_days
from selftest.monitor_runs import SELFTEST_TARGETS
from selftest.notify_helpers import run_record

TARGETS = load_targets(SELFTEST_TARGETS)
WINDOWS = """
[[window]]
targets = ["live"]
reason = "Focus 26.4 release"
start = "2026-04-02T22:00"
end = "2026-04-03T02:00"

[[window]]
targets = ["live"]
reason = "Sunday night backups"
days = ["sun"]
start = "01:00"
end = "03:00"

[[window]]
targets = ["live"]
reason = "Last year's upgrade"
start = "2025-04-02T22:00"
end = "2025-04-03T02:00"
"""


def test_the_console_the_job_summary_and_the_status_page_say_the_same_figures() -> None:
    runs = thirty_days()
    figures = uptime.target_figures(runs).target
    line = console.uptime_line(figures)
    markdown = job_summary.render(runs[-1], runs[:-1])
    page = html.unescape(status_page.render(runs))
    print(line)
    assert line == f"uptime: {EXPECTED_LINE}"
    assert f"**Uptime**: {EXPECTED_LINE}; 4 run(s) left out" in markdown
    for share in figures.shares:  # the page's tiles: the period, then its share
        assert re.search(rf"<small>{share.period}</small><b>{re.escape(share.text)}</b>", page), share
    assert "<small>incidents, 30 d</small><b>2</b><small>MTTR 9 h</small>" in page
    for incident in figures.recent_incidents:
        cells = uptime.incident_cells(incident, figures.now)
        assert "| " + " | ".join(cells) + " |" in markdown
        assert all(f">{cell}</td>" in page for cell in cells), cells
    assert page.count('<div class="strip">') == 4 and page.count("<span class=\"s-") == 4 * 90
    assert "The last 90 runs, per check" in page and "As of 2026-03-31 09:31 (UTC+00:00)" in page


def test_the_page_says_the_overall_state_first() -> None:
    staging = thirty_days("staging") + [at(run_record({1: PRODUCT.key}, target="staging"), NOW, 500)]
    page = html.unescape(status_page.render(thirty_days("live") + staging))
    assert '<div class="banner down">staging: ❌ Something a parent meets is broken</div>' in page
    assert page.count('<div class="pill ') == 2  # each target's own state
    in_window = thirty_days()
    in_window[-1].maintenance = Maintenance("backups", "2026-03-31T07:00-04:00")
    page = html.unescape(status_page.render(in_window))
    assert '<div class="banner maintenance">✅ Parents can sign in (in maintenance: backups until 2026-03-31 07:00 ' \
        '(UTC-04:00))</div>' in page and '<div class="pill ' not in page


def test_the_status_page_is_self_contained_and_holds_no_secret_no_link_and_no_page_text() -> None:
    """A sign-in failure's message quotes the page's error text (tests/flows.py): the public page says
    the failure in the project's own words only, whatever the page printed."""
    password = "Cn4ry-secret-Passw0rd!"
    page_canary = f"Cn4ry-page-text-{secrets.token_hex(6)}"
    runs = thirty_days()
    runs.append(at(run_record({3: SIGN_IN_REJECTED.key}, messages={
        3: f"Sign-in rejected: the parent account parent@example.org was refused by the myBCPS sign-in form, which "
           f"says \"{page_canary}: Jane Doe\" (typed {password}, ?code=Tok3nValue)\nWelcome, Jane Doe"}),
        NOW + dt.timedelta(hours=1), 999))
    page = status_page.render(runs, secrets=[password])
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:[a-z]+:)?//""", page, re.I)
    assert not re.search(r"<script|<link|<img|<iframe|@import|url\(|@font-face", page, re.I)
    assert third_party(page) == []
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert policy and policy.group(1).startswith("default-src 'none'; style-src 'sha256-"), page[:400]
    assert password not in page and "Tok3nValue" not in page
    assert page_canary not in page and "Jane Doe" not in page and "parent@example.org" not in page
    assert f"{SIGN_IN_REJECTED.category}: {SIGN_IN_REJECTED.explanation}" in html.unescape(page)
    assert runs[-1].report not in page and runs[-1].entry_url not in page


def test_the_maintenance_windows_to_come_are_listed_and_those_past_are_not() -> None:
    windows = parse(WINDOWS, SELFTEST_TARGETS, TARGETS)
    now = dt.datetime(2026, 3, 31, 9, 31, tzinfo=dt.UTC)  # a Tuesday
    coming = upcoming(windows, {"live": TARGETS["live"]}, now, days=14)
    assert [(item.reason, item.opens.isoformat()) for item in coming] == [
        ("Focus 26.4 release", "2026-04-02T22:00:00-04:00"),
        ("Sunday night backups", "2026-04-05T01:00:00-04:00"), ("Sunday night backups", "2026-04-12T01:00:00-04:00")]
    assert upcoming(windows, {"replica": TARGETS["replica"]}, now) == []  # not its windows
    during = dt.datetime(2026, 4, 5, 6, 0, tzinfo=dt.UTC)  # 02:00 in Baltimore: the backups' window
    assert upcoming(windows, TARGETS, during)[0].in_progress(during)
    page = html.unescape(status_page.render(thirty_days(), coming, maintenance_now=now))
    assert "<td data-label=\"Reason\">Focus 26.4 release</td>" in page
    assert "2026-04-02 22:00 (UTC-04:00)" in page and "Last year's upgrade" not in page


def test_the_page_is_built_from_the_history_file(tmp_path) -> None:
    history = tmp_path / "history"
    history.mkdir()
    history_file(history).write_text("".join(run.to_json() + "\n" for run in thirty_days()), encoding="utf-8")
    page = status_page.build(history, tmp_path / "status.html", SELFTEST_TARGETS, now=NOW)
    assert "30 d</small><b>97.4 %</b>" in page.read_text(encoding="utf-8")


def test_the_recovered_alert_says_how_long_it_was_down_and_for_how_many_runs() -> None:
    runs = thirty_days()[:-79]  # up to run 79: the first up run after the two failed ones
    decision, message = message_for(NotifyConfig(), runs[-1], runs[:-1], environ={})
    assert decision.kind == "recovered"
    assert "Down for **12 h** over 2 runs (since 2026-03-11 03:30 (UTC+00:00): failed)." in message.body


def test_the_run_rebuilds_the_page_and_a_page_that_cannot_be_built_costs_one_warning(tmp_path, monkeypatch,
                                                                                      capsys) -> None:
    from monitor.commands import cli

    history = tmp_path / "history"
    history.mkdir()
    history_file(history).write_text("".join(run.to_json() + "\n" for run in thirty_days()), encoding="utf-8")
    monkeypatch.setattr(cli, "HISTORY", history)
    monkeypatch.setattr(cli, "STATUS_PAGE", tmp_path / "status.html")
    cli.rebuild_status_page(SELFTEST_TARGETS, NotifyConfig(), [])
    assert capsys.readouterr().out == f"status page: {tmp_path / 'status.html'}\n"
    cli.rebuild_status_page(tmp_path / "missing.toml", NotifyConfig(), [])
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("monitor: WARNING: the status page was not written (TargetError")
