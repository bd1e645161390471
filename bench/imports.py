"""What the checks' start imports (`python -X importtime`): the seconds of each top-level package, summed
over its modules' own times, for pytest's start with the checks collected and for the monitor's command."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter

from monitor.core.paths import ROOT

LINE = re.compile(r"^import time:\s+(\d+) \|\s+\d+ \| *([\w.]+)$", re.M)
# -s: pytest's capture of the file descriptors would swallow the lines of every module imported once it
# started (the conftest, fixtures/, tests/, the replica: a quarter of the imports' seconds).
COMMANDS = {
    "python -m pytest --collect-only": ["-m", "pytest", "--collect-only", "-s", "-q", "-m", "not a11y", "-p",
                                        "no:cacheprovider"],
    "python -m monitor (its own imports)": ["-c", "import monitor.commands.cli"],
}
TOP = 8


def by_package(stderr: str) -> Counter[str]:
    """Microseconds per top-level package, from importtime's lines (each module's own time)."""
    seconds: Counter[str] = Counter()
    for own_us, module in LINE.findall(stderr):
        seconds[module.split(".")[0]] += int(own_us)
    return seconds


def measure() -> dict[str, list[tuple[str, float]]]:
    """Each command's total and its heaviest packages, in seconds."""
    found = {}
    for label, args in COMMANDS.items():
        run = subprocess.run([sys.executable, "-X", "importtime", *args], cwd=ROOT, capture_output=True, text=True,
                             timeout=120)
        packages = by_package(run.stderr)
        found[label] = [("all imports", sum(packages.values()) / 1e6),
                        *((name, us / 1e6) for name, us in packages.most_common(TOP))]
    return found


def render(found: dict[str, list[tuple[str, float]]]) -> list[str]:
    lines = []
    for label, packages in found.items():
        lines.append(f"imports of {label} (python -X importtime, own time per package): " +
                     ", ".join(f"{name} {seconds:.2f} s" for name, seconds in packages))
    return lines
