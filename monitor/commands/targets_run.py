"""Several targets in one run: each target's checks in a pytest process of its own, with its own
results, record and log, at most `jobs` at a time."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from monitor.commands import children
from monitor.core import outcomes
from monitor.core.exit_codes import MonitorExit
from monitor.core.paths import REPORTS, ROOT, RunPaths
from monitor.core.targets import Target
from monitor.data.history import Remembered
from monitor.data.record import RunRecord, read


def selection_problems(named: list[tuple[str, str]], known: dict[str, Target], jobs: int) -> list[str]:
    """What stops a run of several targets, one line each. `named`: each target as the command line
    calls it ("target", "candidate target"...) and its name."""
    names = [name for _, name in named]
    problems = [f"unknown {role} {name!r}; known targets: {', '.join(sorted(known))}"
                for role, name in named if name not in known]
    problems += [f"target {name!r} is named twice" for name in sorted(set(names)) if names.count(name) > 1]
    return problems + ([f"--jobs must be 1 or more, not {jobs}"] if jobs < 1 else [])


@dataclass(frozen=True)
class TargetSpec:
    """One target of a run: its name in folders and tables, and the pytest options that select it."""

    label: str
    options: tuple[str, ...]

    @classmethod
    def named(cls, name: str) -> TargetSpec:
        return cls(name, (f"--target={name}",))

    @classmethod
    def url(cls, label: str, expectations: str, url: str) -> TargetSpec:
        """Any URL, checked with a named target's expectations."""
        return cls(label, (f"--target={expectations}", f"--base-url={url}"))


@dataclass
class TargetRun:
    target: str  # the spec's label
    folder: Path
    exit_code: int
    seconds: float
    record: RunRecord | None
    remembered: Remembered | None = None  # what the history gave back (cli.remember)

    @property
    def results(self) -> Path:
        return RunPaths(self.folder).results

    @property
    def log(self) -> Path:
        return self.folder / "pytest.log"


def target_folder(name: str, reports: Path = REPORTS) -> Path:
    """reports/targets/NAME: the only folder a target's run clears (ValueError: a name that leads elsewhere)."""
    parent = (reports / "targets").resolve()
    folder = (parent / name).resolve()
    if folder.parent != parent:
        raise ValueError(f"target name {name!r} is not a folder name")
    return folder


def run_target(spec: TargetSpec, pytest_args: list[str]) -> TargetRun:
    folder = target_folder(spec.label)
    shutil.rmtree(folder, ignore_errors=True)  # a target's results, record and log are this run's only
    folder.mkdir(parents=True)
    run = TargetRun(spec.label, folder, MonitorExit.INTERNAL_ERROR, 0.0, None)
    command = [sys.executable, "-m", "pytest", *spec.options, *RunPaths(folder).pytest_options(),
               *pytest_args]
    started = time.monotonic()
    with run.log.open("w", encoding="utf-8") as log:
        run.exit_code = children.call(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    run.seconds = time.monotonic() - started
    record = RunPaths(folder).run_record
    if outcomes.leaves_record(run.exit_code) and record.is_file():
        run.record = read(record)
    return run


def run_targets(specs: list[TargetSpec], pytest_args: list[str], jobs: int) -> list[TargetRun]:
    """Every target's checks, `jobs` processes at a time; in the order the targets were given."""
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(lambda spec: run_target(spec, pytest_args), specs))
