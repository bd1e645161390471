"""The outcome table (monitor/core/outcomes.py) is the one statement of how a run ended: every reader
of a run's word, severity, headlines and heartbeat goes through it."""

from __future__ import annotations

from monitor.core import outcomes
from monitor.core.exit_codes import MonitorExit
from monitor.core.verdicts import VERDICTS, exit_code
from monitor.data.record import RUN_RECORD_SCHEMA, outcome_word


def test_every_exit_code_and_verdict_has_its_row() -> None:
    assert {outcome.exit_code for outcome in outcomes.OUTCOMES} == set(MonitorExit)
    assert all(outcomes.of_exit(verdict.exit_code).judged for verdict in VERDICTS)
    assert RUN_RECORD_SCHEMA["properties"]["outcome"]["enum"] == list(outcomes.WORDS)


def test_the_most_severe_wins_for_targets_and_checks_alike() -> None:
    codes = [MonitorExit.OK, MonitorExit.SETUP_PROBLEM, MonitorExit.PRODUCT_FAILURE, MonitorExit.SITE_UNREACHABLE]
    assert outcomes.most_severe(codes) == MonitorExit.SITE_UNREACHABLE
    assert outcomes.most_severe([MonitorExit.BAD_INPUT, MonitorExit.INTERRUPTED]) == MonitorExit.INTERRUPTED
    assert outcomes.most_severe([MonitorExit.INTERRUPTED, 139]) == 139  # a crash
    assert exit_code(VERDICTS) == MonitorExit.SITE_UNREACHABLE


def test_words_headlines_and_heartbeat() -> None:
    assert outcome_word(MonitorExit.OK, []) == "ok"
    assert outcomes.run_word(MonitorExit.OK, degraded=True) == "degraded"
    assert outcomes.by_word("failed").alert == "FAILED"
    assert [outcomes.heartbeat_suffix(code) for code in (0, 1, 10, 139)] == ["", "/fail", "/10", "/139"]
    assert not outcomes.judged(MonitorExit.BAD_INPUT) and outcomes.leaves_record(MonitorExit.INTERRUPTED)
    assert "| product | Missing or wrong element | failed | 1 PRODUCT_FAILURE |" in outcomes.markdown()
