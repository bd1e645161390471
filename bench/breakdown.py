"""Where one run's seconds go: its timed phases (monitor/core/timings.py, bench/phases.py), each in wall
and CPU seconds of the whole process tree (the browser and Allure's JVM included). A phase's seconds are
its own: a phase timed inside another (the browser's start inside the first check) counts once, in the
inner one. CPU seconds come from the tree's CPU sampled while the run went on (bench/runs.py),
interpolated at the phases' edges."""

from __future__ import annotations

import bisect
import json
import statistics
from dataclasses import dataclass
from pathlib import Path

START = "interpreter and imports (the command's own process)"
END = "exit (after the last phase)"
# A child process's start comes from /proc (bench/phases.py), known to a clock tick and /proc/uptime's
# hundredth: it may read up to two hundredths before the parent's phase that started it. Without this
# slack the child's whole span was not inside the monitor's, and the gaps between its checks (with the
# browser's CPU) counted as "monitor: the rest" in about half the runs.
START_SLACK_S = 0.05
CHILD_PHASES = "pytest: "  # the child's own phases (bench/phases.py); the slack is theirs alone


@dataclass(frozen=True)
class Span:
    phase: str
    start: float
    end: float

    def holds(self, other: Span) -> bool:
        slack = START_SLACK_S if other.phase.startswith(CHILD_PHASES) else 0.0
        return other is not self and self.start - slack <= other.start and other.end <= self.end


def read_spans(path: Path) -> list[Span]:
    if not path.is_file():
        return []
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Span(line["phase"], line["start"], line["end"]) for line in lines]


class CpuClock:
    """The tree's CPU seconds at any moment of the run, from (epoch, CPU seconds) samples."""

    def __init__(self, samples: list[tuple[float, float]]) -> None:
        self.samples = sorted(samples)
        self.times = [time for time, _ in self.samples]

    def at(self, moment: float) -> float:
        if not self.samples:
            return 0.0
        index = bisect.bisect_left(self.times, moment)
        if index == 0:
            return self.samples[0][1]
        if index == len(self.samples):
            return self.samples[-1][1]
        (t0, c0), (t1, c1) = self.samples[index - 1], self.samples[index]
        return c0 + (c1 - c0) * (moment - t0) / (t1 - t0) if t1 > t0 else c1


def phases(spans: list[Span], started: float, ended: float, cpu: CpuClock) -> dict[str, tuple[float, float]]:
    """Each phase's own (wall, CPU) seconds, in the order they first began; with what came before the
    first and after the last phase."""
    spans = sorted(spans, key=lambda span: (span.start, span.end))  # a phase before the one holding it
    top = [span for span in spans if not any(other.holds(span) for other in spans)]
    outer = [Span(START, started, min((span.start for span in top), default=ended))]
    outer.append(Span(END, max((span.end for span in top), default=ended), ended))
    result: dict[str, tuple[float, float]] = {}

    def add(phase: str, wall: float, cpu_s: float) -> None:
        before = result.get(phase, (0.0, 0.0))
        result[phase] = (before[0] + wall, before[1] + cpu_s)

    add(outer[0].phase, *_own(outer[0], [], cpu))
    for span in spans:
        inner = [other for other in spans if span.holds(other)]
        direct = [other for other in inner if not any(third.holds(other) for third in inner)]
        add(span.phase, *_own(span, direct, cpu))
    add(outer[1].phase, *_own(outer[1], [], cpu))
    return result


def _own(span: Span, inner: list[Span], cpu: CpuClock) -> tuple[float, float]:
    wall = span.end - span.start - sum(other.end - other.start for other in inner)
    cpu_s = cpu.at(span.end) - cpu.at(span.start) - sum(cpu.at(other.end) - cpu.at(other.start) for other in inner)
    return max(wall, 0.0), max(cpu_s, 0.0)


def medians(runs: list[dict[str, tuple[float, float]]]) -> list[tuple[str, float, float]]:
    """(phase, median wall, median CPU) over several runs' breakdowns (a phase missing from a run counts 0)."""
    names = list(dict.fromkeys(name for run in runs for name in run))
    return [(name, statistics.median(run.get(name, (0.0, 0.0))[0] for run in runs),
             statistics.median(run.get(name, (0.0, 0.0))[1] for run in runs)) for name in names]


def render(rows: list[tuple[str, float, float]], label: str) -> list[str]:
    wall_total, cpu_total = sum(row[1] for row in rows), sum(row[2] for row in rows)
    body = [[phase, f"{wall:.2f}", f"{100 * wall / wall_total:.0f}%" if wall_total else "-", f"{cpu:.2f}"]
            for phase, wall, cpu in rows]
    body.append(["total (the medians' sum)", f"{wall_total:.2f}", "100%", f"{cpu_total:.2f}"])
    header = [f"phase of {label}", "wall s", "share", "CPU s"]
    widths = [max(len(line[index]) for line in [header, *body]) for index in range(len(header))]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)) + " |"

    return [line(header), line(["-" * width for width in widths]), *(line(cells) for cells in body)]
