"""What the benchmark runs: each item a command with its own reports folder in a temporary folder
(never the user's reports/), and how items are measured (alternated within each round)."""

from __future__ import annotations

import dataclasses
import shutil
import socket
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench import breakdown
from bench.receiver import AlertReceiver
from bench.runs import Run, run
from monitor.core import timings
from monitor.core.exit_codes import MonitorExit
from monitor.core.paths import ROOT, RunPaths

PYTHON = sys.executable
# The flows, without the accessibility scans (the same on every side, and slower than the flows).
FLOWS_PYTEST = ("-m", "not a11y")
FLOWS_BARE = tuple(f"--only={name}" for name in ("employee_parent", "login_screen", "mybcps", "parent_sign_in",
                                                "schoology", "google", "microsoft", "sign_up"))
# --quick: one cheap check on both sides (tests/test_login_screen.py and its twin in bare_flow).
QUICK_PYTEST = ("-k", "new_login_page")
QUICK_BARE = ("--only=login_screen",)


class BenchError(Exception):
    """A run ended with another exit code than expected: its figures would mean nothing."""


@dataclass
class Item:
    key: str
    command: list[str]
    env: dict[str, str] = field(default_factory=dict)
    expect: int = MonitorExit.OK
    runs: list[Run] = field(default_factory=list)
    cwd: Path = ROOT  # another checkout for a --baseline twin
    heard: bool = False  # also time the command's start to its first alert's arrival (a local receiver)
    timed: bool = False  # also where its seconds went (bench/breakdown.py)

    @property
    def name(self) -> str:
        return self.key if self.cwd == ROOT else f"{self.key} (baseline)"

    def measure(self) -> Run:
        if self.heard:
            # A first run's failure is always announced; a repeat of the same one never is.
            shutil.rmtree(self.env["FOCUS_REPORTS_DIR"], ignore_errors=True)
            with AlertReceiver() as receiver:
                result = run(self.command, self.cwd, {**self.env, "FOCUS_ALERT_URLS": receiver.apprise_url})
            if not receiver.arrivals:
                raise BenchError(f"{self.name}: no alert arrived\n{result.output[-3000:]}")
            result.heard_s = receiver.arrivals[0] - result.started
        elif self.timed:
            with tempfile.TemporaryDirectory(prefix="focus-timings-") as folder:
                marks = Path(folder) / "timings.jsonl"
                result = run(self.command, self.cwd,
                             {**self.env, timings.VARIABLE: str(marks), "PYTEST_PLUGINS": "bench.phases"})
                result.phases = breakdown.phases(breakdown.read_spans(marks), *result.epoch,
                                                 breakdown.CpuClock(result.cpu_samples))
        else:
            result = run(self.command, self.cwd, self.env)
        if result.exit_code != self.expect:
            raise BenchError(f"{self.name}: exit code {result.exit_code}, expected {self.expect}: "
                             f"{' '.join(self.command)}\n{result.output[-3000:]}")
        return result

    @property
    def seconds(self) -> list[float]:
        return [r.seconds for r in self.runs]

    @property
    def heard_seconds(self) -> list[float]:
        return [r.heard_s for r in self.runs if r.heard_s is not None]

    @property
    def cpu_seconds(self) -> list[float]:
        return [r.cpu_s for r in self.runs]


def bare(quick: bool) -> Item:
    return Item("floor", [PYTHON, "-m", "bench.bare_flow", *(QUICK_BARE if quick else FLOWS_BARE)])


def checks(key: str, folder: Path, quick: bool, *args: str, expect: int = MonitorExit.OK,
           timed: bool = False) -> Item:
    """`python -m pytest` as shipped (pytest.ini's options), the flows, its results in the folder."""
    return Item(key, [PYTHON, "-m", "pytest", *RunPaths(folder).pytest_options(), *FLOWS_PYTEST,
                      *(QUICK_PYTEST if quick else ()), *args], expect=expect, timed=timed)


def monitor(key: str, folder: Path, quick: bool, *args: str, env: dict[str, str] | None = None,
            expect: int = MonitorExit.OK, heard: bool = False, timed: bool = False) -> Item:
    """`python -m monitor` on the flows, everything it writes under the folder (FOCUS_REPORTS_DIR)."""
    return Item(key, [PYTHON, "-m", "monitor", *FLOWS_PYTEST, *(QUICK_PYTEST if quick else ()), *args],
                {"FOCUS_REPORTS_DIR": str(folder), **(env or {})}, expect, heard=heard, timed=timed)


def closed_port() -> int:
    """A local port that nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def measure(items: list[Item], rounds: int, warmup: int, progress: Callable[[str], None]) -> list[Item]:
    """Round after round, every item once in turn (A B A B: both sides of a ratio see the same
    machine); the first `warmup` rounds are not counted."""
    for number in range(warmup + rounds):
        counted = number >= warmup
        for item in items:
            result = item.measure()
            if counted:
                item.runs.append(result)
            progress(f"{'round ' + str(number - warmup + 1) if counted else 'warm-up'}: {item.name} "
                     f"{result.seconds:.1f} s, {result.peak_mb:.0f} MB")
    return items


def with_baseline(items: list[Item], baseline: Path | None, tmp: Path,
                  alone: frozenset[str] = frozenset()) -> list[Item]:
    """Each item (but the floor and the keys `alone`) followed by its twin run in the baseline checkout,
    with its own reports folder: before and after alternate, under the same load."""
    if baseline is None:
        return items
    moved = str(tmp / "baseline")

    def plain_twin(item: Item) -> Item:
        return dataclasses.replace(item, command=[arg.replace(str(tmp), moved) for arg in item.command],
                                   env={key: value.replace(str(tmp), moved) for key, value in item.env.items()},
                                   runs=[], cwd=baseline.resolve())

    def twin(item: Item) -> Item:  # a baseline without the phases' plugin is timed as a whole only
        return dataclasses.replace(plain_twin(item), timed=item.timed and (baseline / "bench" / "phases.py").is_file())

    # The floor is the same script on both sides; the evidence variants are this checkout's question.
    return [twinned for item in items
            for twinned in ([item] if item.key == "floor" or item.key in alone else [item, twin(item)])]
