"""One timed run of a command: wall time to its exit code, its output, and the peak memory of its
whole process tree (the browser's processes, the Playwright driver and Allure's JVMs included),
sampled from /proc while it runs."""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

SAMPLE_EVERY_S = 0.1
RUN_TIMEOUT_S = 600
# The cli's line after a report build: "report: <folder> and <file> (4.2 s)".
REPORT_SECONDS = re.compile(r"^report: .* \((\d+(?:\.\d+)?) s\)$", re.M)


@dataclass
class Run:
    seconds: float
    exit_code: int
    peak_mb: float
    output: str
    started: float = 0.0  # time.monotonic() when the command was started
    heard_s: float | None = None  # from the start to the first alert's arrival, when timed

    @property
    def report_seconds(self) -> float | None:
        found = REPORT_SECONDS.findall(self.output)
        return float(found[-1]) if found else None


def _children() -> dict[int, list[int]]:
    by_parent: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue  # ended meanwhile
        # "pid (comm) state ppid ...": comm may hold spaces and parentheses.
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        by_parent.setdefault(ppid, []).append(int(entry.name))
    return by_parent


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


def tree_memory_mb(root: int) -> float:
    children, pids, total = _children(), [root], 0
    while pids:
        pid = pids.pop()
        total += _memory_kb(pid)
        pids.extend(children.get(pid, []))
    return total / 1024


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    peak = 0.0
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)

    def sample() -> None:
        nonlocal peak
        while process.poll() is None:
            peak = max(peak, tree_memory_mb(process.pid))
            time.sleep(SAMPLE_EVERY_S)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        output, _ = process.communicate(timeout=RUN_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
    seconds = time.monotonic() - started
    sampler.join()
    return Run(seconds, process.returncode, peak, output, started)


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None
