"""When an alert goes out, as pure unit tests of the state machine over synthetic run records."""

from __future__ import annotations

import pytest

from monitor.core.verdicts import PRODUCT, SLOW, UNREACHABLE
from monitor.data.record import RunRecord
from monitor.notify.config import NotifyConfig
from monitor.notify.decision import RECOVERED, REMINDER, decide
from selftest.notify_helpers import run_record

HEALTHY = {}
GOOGLE_MISSING = {1: PRODUCT.key}
MICROSOFT_MISSING = {2: PRODUCT.key}
OUTAGE = {0: UNREACHABLE.key}


def sent_over(runs: list[RunRecord], **settings) -> list[str]:
    """The kind of each message the runs send, in order ("-" where a run sends none)."""
    config = NotifyConfig(alert_urls=("json://127.0.0.1/x",), **settings)
    kinds = []
    for index, record in enumerate(runs):
        decision = decide(runs[:index], record, config)
        kinds.append(decision.kind if decision.send else "-")
    return kinds


def runs(*failures: dict, degraded_at: tuple[int, ...] = ()) -> list[RunRecord]:
    return [run_record(failing, degraded=1 if number in degraded_at else None, number=number)
            for number, failing in enumerate(failures)]


def test_a_failure_is_announced_reminded_and_its_recovery_told() -> None:
    sequence = runs(HEALTHY, GOOGLE_MISSING, GOOGLE_MISSING, GOOGLE_MISSING, HEALTHY)
    assert sent_over(sequence) == ["-", "failed", "-", REMINDER, RECOVERED]


def test_reminders_come_every_n_runs_of_the_same_failure() -> None:
    sequence = runs(*[GOOGLE_MISSING] * 7)
    assert sent_over(sequence, remind_every=3) == ["failed", "-", REMINDER, "-", "-", REMINDER, "-"]
    assert sent_over(sequence, remind_every=2) == ["failed", REMINDER, "-", REMINDER, "-", REMINDER, "-"]


def test_after_two_waits_for_a_second_failed_run_and_ignores_a_single_one() -> None:
    sequence = runs(HEALTHY, GOOGLE_MISSING, HEALTHY, GOOGLE_MISSING, GOOGLE_MISSING, GOOGLE_MISSING, HEALTHY)
    assert sent_over(sequence, after=2) == ["-", "-", "-", "-", "failed", "-", RECOVERED]


def test_other_failing_checks_with_the_same_verdict_are_a_change() -> None:
    sequence = runs(GOOGLE_MISSING, MICROSOFT_MISSING)
    assert sent_over(sequence) == ["failed", "failed"]
    config = NotifyConfig(alert_urls=("json://127.0.0.1/x",))
    reason = decide(sequence[:1], sequence[1], config).reason
    assert "now failing: The Microsoft button leads to its provider" in reason, reason
    assert "passing again: The Google button leads to its provider" in reason, reason


def test_every_change_of_verdict_is_told() -> None:
    sequence = runs(HEALTHY, HEALTHY, GOOGLE_MISSING, OUTAGE, HEALTHY, HEALTHY, degraded_at=(4,))
    assert [record.outcome for record in sequence] == ["ok", "ok", "failed", "unreachable", "degraded", "ok"]
    assert sent_over(sequence) == ["-", "-", "failed", "unreachable", "degraded", RECOVERED]


def test_a_lasting_degraded_run_is_told_once() -> None:
    sequence = runs(HEALTHY, HEALTHY, HEALTHY, HEALTHY, degraded_at=(1, 2, 3))
    assert sent_over(sequence) == ["-", "degraded", "-", "-"]


@pytest.mark.parametrize(("failing", "kind"), [(HEALTHY, "-"), (GOOGLE_MISSING, "failed"), (OUTAGE, "unreachable"),
                                               ({3: SLOW.key}, "failed")])
def test_no_history_is_a_first_run_that_sends_when_not_ok(failing, kind) -> None:
    assert sent_over([run_record(failing)]) == [kind]


def test_failure_mode_sends_every_run_that_is_not_ok() -> None:
    sequence = runs(HEALTHY, GOOGLE_MISSING, GOOGLE_MISSING, HEALTHY, HEALTHY, degraded_at=(4,))
    assert sent_over(sequence, alert_on="failure") == ["-", "failed", "failed", "-", "degraded"]
    assert sent_over(sequence, alert_on="failure", after=2) == ["-", "-", "failed", "-", "-"]


def test_always_mode_sends_every_run() -> None:
    sequence = runs(HEALTHY, GOOGLE_MISSING, GOOGLE_MISSING, HEALTHY)
    assert sent_over(sequence, alert_on="always") == ["ok", "failed", "failed", RECOVERED]


def test_only_the_targets_own_history_counts(tmp_path) -> None:
    from monitor.data import history

    for number, failing in enumerate((GOOGLE_MISSING, HEALTHY)):
        history.append(tmp_path, run_record(failing, number=number, target="live"))
    history.append(tmp_path, run_record(GOOGLE_MISSING, number=2, target="staging"))
    previous = history.read_history(tmp_path, "live")
    config = NotifyConfig(alert_urls=("json://127.0.0.1/x",))
    assert decide(previous, run_record(GOOGLE_MISSING, number=3), config).kind == "failed"
    assert not decide(history.read_history(tmp_path, "staging"), run_record(GOOGLE_MISSING, number=3,
                                                                           target="staging"), config).send


def test_an_interrupted_run_is_no_state_of_the_site() -> None:
    """A run stopped by a person or CI neither sends nor counts: the failure before it is still announced."""
    import dataclasses

    failed = run_record({1: PRODUCT.key}, number=1)
    interrupted = dataclasses.replace(run_record(number=2), outcome="interrupted", exit_code=2)
    assert not decide([failed], interrupted, NotifyConfig()).send
    again = decide([failed, interrupted], run_record({1: PRODUCT.key}, number=3), NotifyConfig())
    assert not again.send and decide([failed, interrupted], run_record(number=3), NotifyConfig()).kind == "recovered"
