"""One timed run of a command: wall time to its exit code, its output, and the peak memory of its
whole process tree (the browser's processes, the Playwright driver and Allure's JVMs included),
sampled from /proc while it runs."""

from __future__ import annotations

import os
import re
import resource
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

SAMPLE_EVERY_S = 0.1
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
RUN_TIMEOUT_S = 600
# Some CI images tell Python to write no bytecode cache: then every run compiles every module again
# (0.4 s of CPU for pytest's start), which measures the machine, not the monitor. The measured commands
# keep their caches, as a user's runs do; the warm-up round writes them.
NO_BYTECODE_VARIABLE = "PYTHONDONTWRITEBYTECODE"
# The cli's line after a report build: "report: <folder> and <file> (4.2 s)".
REPORT_SECONDS = re.compile(r"^report: .* \((\d+(?:\.\d+)?) s\)$", re.M)


@dataclass
class Run:
    seconds: float
    exit_code: int
    peak_mb: float
    output: str
    started: float = 0.0  # time.monotonic() when the command was started
    cpu_s: float = 0.0  # the whole tree's CPU seconds (what the command's children waited for included)
    epoch: tuple[float, float] = (0.0, 0.0)  # its start and end, time.time()
    cpu_samples: list[tuple[float, float]] = field(default_factory=list)  # (time.time(), the tree's CPU s)
    phases: dict[str, tuple[float, float]] | None = None  # timed runs: each phase's (wall, CPU) seconds
    heard_s: float | None = None  # from the start to the first alert's arrival, when timed

    @property
    def report_seconds(self) -> float | None:
        found = REPORT_SECONDS.findall(self.output)
        return float(found[-1]) if found else None


def _processes() -> dict[int, tuple[int, int]]:
    """Every process: its parent, and its CPU clock ticks with those of its children it has waited for."""
    table: dict[int, tuple[int, int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue  # ended meanwhile
        # "pid (comm) state ppid ...": comm may hold spaces and parentheses.
        fields = stat.rsplit(")", 1)[1].split()
        table[int(entry.name)] = (int(fields[1]), sum(int(field) for field in fields[11:15]))
    return table


def _tree(root: int, table: dict[int, tuple[int, int]]) -> list[int]:
    children: dict[int, list[int]] = {}
    for pid, (ppid, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    pids, tree = [root], []
    while pids:
        pid = pids.pop()
        tree.append(pid)
        pids.extend(children.get(pid, []))
    return tree


def _memory_kb(pid: int) -> int:
    """Proportional set size: pages shared by the browser's processes count once over the tree, not
    once a process (a sum of RSS would count Chromium's shared libraries ten times)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def tree_sample(root: int) -> tuple[float, float]:
    """The tree's memory (MB) and CPU seconds so far (an ended child's count once its parent waited for it)."""
    table = _processes()
    tree = _tree(root, table)
    return (sum(_memory_kb(pid) for pid in tree) / 1024,
            sum(table[pid][1] for pid in tree if pid in table) / CLOCK_TICKS)


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    peak, samples = 0.0, []
    cpu_before, epoch_started = _children_cpu_s(), time.time()
    started = time.monotonic()
    environment = {key: value for key, value in os.environ.items() if key != NO_BYTECODE_VARIABLE}
    process = subprocess.Popen(command, cwd=cwd, env={**environment, **(env or {})}, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)

    def sample() -> None:
        nonlocal peak
        while process.poll() is None:
            memory, cpu_s = tree_sample(process.pid)
            peak = max(peak, memory)
            samples.append((time.time(), cpu_s))
            time.sleep(SAMPLE_EVERY_S)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        output, _ = process.communicate(timeout=RUN_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
    seconds, ended = time.monotonic() - started, time.time()
    sampler.join()
    samples = [(moment, value) for moment, value in samples if moment < ended]
    # What the command waited for, or more when a process left to another parent was seen running.
    cpu_s = max([_children_cpu_s() - cpu_before, *(value for _, value in samples)])
    return Run(seconds, process.returncode, peak, output, started, cpu_s=cpu_s, epoch=(epoch_started, ended),
               cpu_samples=[(epoch_started, 0.0), *samples, (ended, cpu_s)])


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None
