"""The benchmark's breakdown by phase (bench/breakdown.py): a phase timed inside another counts once,
in the inner one, in wall and CPU seconds; what no phase covers is the command's start and exit."""

from __future__ import annotations

from bench.breakdown import END, START, CpuClock, Span, medians, phases


def test_a_phase_inside_another_counts_once_in_wall_and_cpu_seconds() -> None:
    spans = [Span("monitor", 1.0, 9.0), Span("check: a", 2.0, 5.0), Span("browser start", 2.0, 3.0),
             Span("report", 6.0, 8.0)]
    cpu = CpuClock([(0.0, 0.0), (10.0, 10.0)])  # one CPU second a second: CPU seconds equal wall seconds
    found = phases(spans, 0.0, 10.0, cpu)
    assert found == {START: (1.0, 1.0), "monitor": (3.0, 3.0), "browser start": (1.0, 1.0),
                     "check: a": (2.0, 2.0), "report": (2.0, 2.0), END: (1.0, 1.0)}
    assert sum(wall for wall, _ in found.values()) == 10.0


def test_medians_count_a_phase_missing_from_a_run_as_nothing() -> None:
    runs = [{"trend": (1.0, 0.5)}, {"trend": (3.0, 1.5), "alert": (0.3, 0.1)}, {"trend": (2.0, 1.0)}]
    assert medians(runs) == [("trend", 2.0, 1.0), ("alert", 0.0, 0.0)]
