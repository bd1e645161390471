"""Uptime and incidents from the run history (monitor/run/uptime.py), on synthetic records: healthy,
failed, unreachable and degraded runs over 30 days, runs in a maintenance window, a setup problem and
an interrupted run."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from monitor.core.outcomes import Word
from monitor.core.verdicts import PRODUCT
from monitor.data import uptime
from monitor.data.record import Maintenance
from monitor.data.uptime import Share, duration_text
from selftest.history_helpers import EVERY, EXPECTED_LINE, NOW, at, started, thirty_days
from selftest.notify_helpers import CHECK_IDS, run_record

HOUR = dt.timedelta(hours=1)


def test_the_shares_incidents_and_mttr_of_thirty_days() -> None:
    figures = uptime.target_figures(thirty_days()).target
    # 24 h: runs 0-3, one degraded (up). 7 d: runs 0-27, 2 in maintenance left out, run 12 down: 25 of
    # 26. 30 d: 120 runs, 4 left out (2 maintenance, a setup problem, an interrupted run), 3 down: 113 of 116.
    assert [(share.period, share.up, share.counted) for share in figures.shares] == [
        ("24 h", 4, 4), ("7 d", 25, 26), ("30 d", 113, 116)]
    assert figures.left_out == 4 and figures.now == NOW
    assert [(i.start, i.end, i.runs, i.outcome, i.checks) for i in figures.incidents] == [
        (started(81), started(79), 2, "failed", ("A parent signs in and reaches Focus",)),
        (started(12), started(11), 1, "unreachable", ("The entry URL shows the new login page",))]
    assert figures.mttr == 9 * HOUR  # (12 h + 6 h) / 2
    assert figures.text == EXPECTED_LINE


def test_each_check_has_its_own_figures_by_its_id_and_a_check_that_did_not_run_does_not_count() -> None:
    runs = thirty_days()
    runs[-1].checks[2].status = "skipped"  # the latest run could not run the Microsoft check
    checks = dict(uptime.target_figures(runs).checks)
    assert list(checks) == list(CHECK_IDS)
    assert checks[CHECK_IDS[3]].text == "24 h 100 %, 7 d 100 %, 30 d 98.2 % (1 incident, MTTR 12 h)"
    assert checks[CHECK_IDS[0]].shares[1].text == "96.1 %"
    assert checks[CHECK_IDS[2]].shares[0].counted == 3  # not 4: the skipped run is left out


def test_an_ongoing_incident_lasts_until_now_and_runs_that_say_nothing_do_not_split_it() -> None:
    runs = thirty_days()
    failed = [at(run_record({1: PRODUCT.key}), NOW + k * EVERY, 200 + k) for k in range(4)]
    failed[1].maintenance = Maintenance("backups", (NOW + 2 * EVERY).isoformat())
    failed[2] = replace(failed[2], outcome=Word.SETUP_PROBLEM, exit_code=12)
    now = NOW + 4 * EVERY
    figures = uptime.target_figures(runs + failed, now=now).target
    ongoing = figures.incidents[-1]
    assert (ongoing.ongoing, ongoing.runs, ongoing.start) == (True, 2, NOW)
    assert ongoing.duration(now) == 24 * HOUR
    assert figures.text.endswith("(3 incidents, ongoing for 1 d, MTTR 9 h)")
    assert uptime.recovered_from(runs + failed) is None


def test_the_run_that_ends_an_incident_knows_it() -> None:
    runs = thirty_days()
    cut = len(runs) - 11  # up to run 11, the first up run after the unreachable one
    assert uptime.recovered_from(runs[:cut]).runs == 1
    assert uptime.recovered_from(runs[:cut]).duration(NOW) == 6 * HOUR
    assert uptime.recovered_from(runs[:cut - 1]) is None  # the down run itself
    assert uptime.recovered_from(runs) is None


def test_shares_and_durations_in_words() -> None:
    assert Share("30 d", 2499, 2500).text == "99.9 %"  # 99.96: never "100" with a run down
    assert Share("30 d", 10, 10).text == "100 %" and Share("24 h", 0, 0).text == "no runs"
    assert [duration_text(dt.timedelta(minutes=m)) for m in (0.5, 12, 190, 540, 1500, 2880)] == [
        "30 s", "12 min", "3 h 10 min", "9 h", "1 d 1 h", "2 d"]


def test_targets_are_apart_each_as_of_its_latest_run_unless_told() -> None:
    runs = thirty_days("live") + thirty_days("staging")[:-4]  # staging without its last 4 runs
    figures = uptime.by_target(runs)
    assert list(figures) == ["live", "staging"] and figures["live"].target.now == NOW
    assert figures["staging"].target.now == NOW - 4 * EVERY
    assert uptime.by_target(runs, now=NOW)["staging"].target.shares[0].counted == 0
