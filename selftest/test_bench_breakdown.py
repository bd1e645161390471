"""The benchmark's breakdown by phase (bench/breakdown.py): a phase timed inside another counts once,
in the inner one, in wall and CPU seconds; what no phase covers is the command's start and exit."""

from __future__ import annotations

import pytest

from bench.breakdown import END, START, CpuClock, Span, medians, phases


def test_a_phase_inside_another_counts_once_in_wall_and_cpu_seconds() -> None:
    spans = [Span("monitor", 1.0, 9.0), Span("check: a", 2.0, 5.0), Span("browser start", 2.0, 3.0),
             Span("report", 6.0, 8.0)]
    cpu = CpuClock([(0.0, 0.0), (10.0, 10.0)])  # one CPU second a second: CPU seconds equal wall seconds
    found = phases(spans, 0.0, 10.0, cpu)
    assert found == {START: (1.0, 1.0), "monitor": (3.0, 3.0), "browser start": (1.0, 1.0),
                     "check: a": (2.0, 2.0), "report": (2.0, 2.0), END: (1.0, 1.0)}
    assert sum(wall for wall, _ in found.values()) == 10.0


def test_a_child_process_started_within_the_clock_resolution_before_its_parent_phase_is_inside_it() -> None:
    """The pytest child's start is read from /proc to a hundredth of a second: it may seem to start
    just before the monitor's phase that started it; its checks are still not the monitor's own time."""
    spans = [Span("monitor", 1.0, 9.0), Span("pytest: start", 0.99, 8.0), Span("check: a", 2.0, 7.0)]
    found = phases(spans, 0.0, 10.0, CpuClock([(0.0, 0.0), (10.0, 10.0)]))
    assert found["monitor"] == pytest.approx((1.0, 1.0), abs=0.02)  # not 6 s: the checks' gaps are pytest's
    assert found["pytest: start"] == pytest.approx((2.0, 2.0), abs=0.02)
    assert found["check: a"] == (5.0, 5.0)


def test_a_check_started_just_after_another_phase_does_not_hold_it() -> None:
    """The slack is the child process's alone: a check's evidence ending as the next check starts is
    the first check's, counted once."""
    spans = [Span("check: a", 1.0, 2.0), Span("evidence", 1.98, 2.0), Span("check: b", 2.01, 3.0)]
    found = phases(spans, 0.0, 4.0, CpuClock([(0.0, 0.0), (4.0, 4.0)]))
    assert found["check: b"] == pytest.approx((0.99, 0.99))
    assert found["check: a"] == pytest.approx((0.98, 0.98))


def test_medians_count_a_phase_missing_from_a_run_as_nothing() -> None:
    runs = [{"trend": (1.0, 0.5)}, {"trend": (3.0, 1.5), "alert": (0.3, 0.1)}, {"trend": (2.0, 1.0)}]
    assert medians(runs) == [("trend", 2.0, 1.0), ("alert", 0.0, 0.0)]
