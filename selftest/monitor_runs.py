"""Run the monitor's checks as QA would (a separate pytest process) and read what it reported."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from monitor.core import verdicts
from monitor.core.catalogue import CATALOGUE
from monitor.core.exit_codes import MonitorExit
from monitor.core.verdicts import Verdict

ROOT = Path(__file__).resolve().parent.parent
SELFTEST_TARGETS = Path(__file__).resolve().parent / "targets.toml"
RUN_TIMEOUT_S = 300
VERDICT_LABEL = "verdict"  # the Allure label the report pipeline gives every failure

# Short names of the checks: (test function, its provider parameter if any), from the catalogue.
CHECKS = {check.name: (check.test, check.provider) for check in CATALOGUE}


@dataclass
class CheckOutcome:
    name: str
    title: str
    status: str  # passed, failed, broken, skipped
    message: str
    attachments: list[str]
    labels: dict[str, list[str]]
    attempts: int = 1
    seconds: float = 0.0  # the last attempt's

    @property
    def verdict(self) -> Verdict | None:
        keys = self.labels.get(VERDICT_LABEL, [])
        return verdicts.BY_KEY[keys[0]] if keys else None

    @property
    def category(self) -> str | None:
        return self.verdict.category if self.verdict else None


@dataclass
class MonitorRun:
    exit_code: int
    output: str
    seconds: float
    results_dir: Path
    checks: dict[str, CheckOutcome] = field(default_factory=dict)

    def failing(self) -> set[str]:
        return {name for name, check in self.checks.items() if check.status in ("failed", "broken")}

    def with_status(self, status: str) -> set[str]:
        return {name for name, check in self.checks.items() if check.status == status}

    def assert_completed(self, *exit_codes: MonitorExit, checks: set[str] | frozenset[str] = frozenset(CHECKS)) -> None:
        """The run got to a verdict: its exit code is one of those expected and every expected check
        reported (a run that died before writing results has no alarms, and that is no pass)."""
        assert self.exit_code in exit_codes, (
            f"the run ended with exit code {self.exit_code}, not {[int(code) for code in exit_codes]}:\n"
            f"{self.output[-3000:]}")
        missing = set(checks) - set(self.checks)
        assert not missing, f"checks that did not report: {sorted(missing)}\n{self.output[-3000:]}"


def replica_targets(folder: Path, **keys: str) -> Path:
    """The self-tests' targets file with more keys for the replica target (ca_bundle, maintenance_mode...)."""
    path = folder / "targets.toml"
    extra = "".join(f"{key} = {json.dumps(value)}\n" for key, value in keys.items())
    path.write_text(SELFTEST_TARGETS.read_text(encoding="utf-8").replace("[targets.replica]\n",
                                                                        f"[targets.replica]\n{extra}"))
    return path


def closed_port() -> int:
    """A loopback port that nothing listens on (bound, then released): a site that is down, or a
    free port for a stand-in server."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _short_name(result: dict) -> str:
    function = result["fullName"].split("#")[-1]
    provider = next((p["value"].strip("'") for p in result.get("parameters", []) if p["name"] == "provider"), None)
    for name, (check_function, check_provider) in CHECKS.items():
        if (check_function, check_provider) == (function, provider):
            return name
    raise AssertionError(f"a check the self-tests do not know: {function} {provider or ''}")


def read_results(results_dir: Path) -> dict[str, CheckOutcome]:
    """The last attempt of every check (reruns leave one result per attempt)."""
    by_name: dict[str, list[dict]] = {}
    for path in results_dir.glob("*-result.json"):
        result = json.loads(path.read_text(encoding="utf-8"))
        if "fullName" not in result:
            continue  # a check an interrupted run cut short (Allure writes what it had)
        by_name.setdefault(_short_name(result), []).append(result)
    outcomes = {}
    for name, attempts in by_name.items():
        last = max(attempts, key=lambda result: result.get("stop", 0))
        labels: dict[str, list[str]] = {}
        for label in last.get("labels", []):
            labels.setdefault(label["name"], []).append(label["value"])
        outcomes[name] = CheckOutcome(
            name=name,
            title=last["name"],
            status=last["status"],
            message=last.get("statusDetails", {}).get("message", ""),
            attachments=[attachment["name"] for attachment in last.get("attachments", [])],
            labels=labels,
            attempts=len(attempts),
            seconds=(last.get("stop", 0) - last.get("start", 0)) / 1000,
        )
    return outcomes


def checks_command(entry_url: str | None, results_dir: Path, *args: str, targets_file: Path = SELFTEST_TARGETS,
                   evidence: bool = False, module: str = "pytest") -> list[str]:
    """The command line of run_checks."""
    command = [sys.executable, "-m", module, "-p", "no:cacheprovider", "-q",
               f"--alluredir={results_dir}", f"--output={results_dir.parent / 'test-results'}",
               f"--run-record={results_dir.parent / 'run.json'}", f"--targets-file={targets_file}"]
    if not evidence:
        command += ["--video=off", "--tracing=off"]
    if entry_url:
        command.append(f"--replica-url={entry_url}")
    return [*command, *args]


def run_checks(entry_url: str | None, results_dir: Path, *args: str, env: dict[str, str] | None = None,
               targets_file: Path = SELFTEST_TARGETS, evidence: bool = False, module: str = "pytest") -> MonitorRun:
    """The checks, as a separate process (`python -m pytest`, or `python -m monitor` for the whole
    monitor); entry_url None: no --replica-url. Without `evidence`, no trace or video (faster)."""
    command = checks_command(entry_url, results_dir, *args, targets_file=targets_file, evidence=evidence, module=module)
    started = time.monotonic()
    completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                               env={**os.environ, **(env or {})}, timeout=RUN_TIMEOUT_S)
    return MonitorRun(
        exit_code=completed.returncode,
        output=completed.stdout + completed.stderr,
        seconds=time.monotonic() - started,
        results_dir=results_dir,
        checks=read_results(results_dir) if results_dir.is_dir() else {},
    )
