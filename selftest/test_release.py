"""Several targets in one run, and the release check: two replicas on their own ports stand for the
baseline and the candidate, with a targets file that gives each the replica's expectations."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor.core.exit_codes import MonitorExit
from monitor.data.record import read
from monitor.release.compare import FIXED, OK, REGRESSION, SLOWER, STILL_FAILING
from replica import Replica
from replica.accounts import default_accounts
from selftest.monitor_runs import ROOT, RUN_TIMEOUT_S, closed_port

# The replica's expectations (selftest/targets.toml), under three names.
TARGET_BLOCK = """
[targets.{name}]
entry_url = "{url}"
private_locators = [".card.student", ".topbar-user", "#welcome"]
"""
TARGETS_HEAD = (Path(__file__).parent / "targets.toml").read_text(encoding="utf-8").split("[targets.")[0]
SMOKE_LOGIN = ("-m", "smoke", "-k", "new_login_page")  # one cheap check where a whole run is not needed


@pytest.fixture(scope="module")
def replicas() -> Iterator[dict[str, Replica]]:
    with Replica() as first, Replica() as second, Replica() as third:
        yield {"baseline": first, "candidate": second, "staging": third}


def targets_file(folder: Path, replicas: dict[str, Replica], **urls: str) -> Path:
    path = folder / "targets.toml"
    blocks = {name: replica.entry_url for name, replica in replicas.items()} | urls
    path.write_text(TARGETS_HEAD + "".join(TARGET_BLOCK.format(name=name, url=url) for name, url in blocks.items()))
    return path


def monitor(module: str, folder: Path, targets: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m monitor...` with its reports in the folder, the replica's accounts, no trace or video."""
    env = {**os.environ, **default_accounts(), "FOCUS_REPORTS_DIR": str(folder / "reports")}
    return subprocess.run([sys.executable, "-m", module, f"--targets-file={targets}", "-p", "no:cacheprovider",
                           "--video=off", "--tracing=off", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=RUN_TIMEOUT_S)


def release_check(replicas, tmp_path, on_baseline: str, on_candidate: str, *args: str, **urls: str):
    """The release check with these replica scenarios; `urls` give a target another entry URL."""
    replicas["baseline"].set_scenario(on_baseline)
    replicas["candidate"].set_scenario(on_candidate)
    try:
        run = monitor("monitor.release", tmp_path, targets_file(tmp_path, replicas, **urls),
                      "--baseline=baseline", "--candidate=candidate", *args)
    finally:
        for replica in replicas.values():
            replica.set_scenario("healthy")
    output = run.stdout + run.stderr
    table = tmp_path / "reports" / "release-check.md"
    rows = {}
    if table.is_file():
        for line in table.read_text(encoding="utf-8").splitlines()[8:]:
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            if len(cells) == 5 and cells[0] != "---":
                rows[cells[0]] = cells
    return run.returncode, output, rows


def comparisons(rows: dict[str, list[str]]) -> dict[str, str]:
    return {title: cells[3] for title, cells in rows.items()}


def test_a_check_broken_only_on_the_candidate_is_the_one_regression(replicas, tmp_path) -> None:
    code, output, rows = release_check(replicas, tmp_path, "schoology-link-missing", "google-button-missing",
                                       "-k", "provider or schoology or site_and_identity")
    assert code == MonitorExit.PRODUCT_FAILURE, output[-3000:]
    assert len(rows) == 4, output[-3000:]  # every selected check compared: both runs completed
    found = comparisons(rows)
    assert [title for title, comparison in found.items() if REGRESSION in comparison] == [
        "The Google button is there and leads to Google"]
    assert FIXED in found["The parent portal links to Schoology"]
    assert sum(1 for comparison in found.values() if comparison == OK) == 2
    print("\n".join(line for line in output.splitlines() if line.startswith(("Release check", "The ", "A ", "\"",
                                                                           "-", "1 regression"))))
    report = tmp_path / "reports" / "allure-report" / "data" / "test-cases"
    attached = {item["name"] for path in report.glob("*.json")
                for item in json.loads(path.read_text(encoding="utf-8")).get("testStage", {}).get("attachments", [])}
    assert "Release check" in attached


def test_a_check_failing_on_both_is_still_failing_not_a_blocker(replicas, tmp_path) -> None:
    code, output, rows = release_check(replicas, tmp_path, "schoology-link-missing", "schoology-link-missing",
                                       "-k", "schoology")
    assert rows, output[-3000:]
    assert comparisons(rows)["The parent portal links to Schoology"].startswith("⚠️ " + STILL_FAILING), rows
    assert code == MonitorExit.OK, output[-3000:]


def test_a_slower_candidate_page_is_flagged(replicas, tmp_path) -> None:
    replicas["candidate"].set_scenario("slow", delay_ms=2000, pages=["login"])
    replicas["baseline"].set_scenario("healthy")
    run = monitor("monitor.release", tmp_path, targets_file(tmp_path, replicas), "--baseline=baseline",
                  "--candidate=candidate", *SMOKE_LOGIN)
    replicas["candidate"].set_scenario("healthy")
    table = (tmp_path / "reports" / "release-check.md").read_text(encoding="utf-8")
    assert run.returncode == MonitorExit.OK, (run.stdout + run.stderr)[-3000:]
    assert f"ok, {SLOWER}" in table or SLOWER in table, table


def test_an_unreachable_candidate_is_not_a_pass(replicas, tmp_path) -> None:
    code, output, _ = release_check(replicas, tmp_path, "healthy", "healthy", *SMOKE_LOGIN,
                                    candidate=f"http://127.0.0.1:{closed_port()}/focus")
    assert code == MonitorExit.SITE_UNREACHABLE, output[-3000:]


@pytest.mark.parametrize(("args", "error"), [
    (["--baseline=baseline", "--candidate=nowhere"], "ERROR: unknown candidate target 'nowhere'; known targets:"),
    (["--baseline=baseline", "--candidate=baseline"], "ERROR: the candidate and the baseline are the same target"),
    (["--baseline=baseline", "--candidate=candidate", "--jobs=0"], "ERROR: --jobs must be 1 or more, not 0"),
], ids=["unknown-target", "same-target-twice", "no-jobs"])
def test_bad_release_input_is_one_line(args, error, replicas, tmp_path) -> None:
    run = monitor("monitor.release", tmp_path, targets_file(tmp_path, replicas), *args)
    output = run.stdout + run.stderr
    assert run.returncode == MonitorExit.BAD_INPUT and "Traceback" not in output, output[-2000:]
    assert [line for line in output.splitlines() if line.strip()] == [next(line for line in output.splitlines()
                                                                          if line.startswith(error))]


def test_three_targets_make_one_report_grouped_by_target(replicas, tmp_path) -> None:
    names = ["baseline", "candidate", "staging"]
    started = time.monotonic()
    run = monitor("monitor", tmp_path, targets_file(tmp_path, replicas), *[f"--target={name}" for name in names],
                  "--jobs=2", "-m", "smoke")
    seconds = time.monotonic() - started
    output = run.stdout + run.stderr
    assert run.returncode == MonitorExit.OK, output[-3000:]
    reports = tmp_path / "reports"
    for name in names:
        record = read(reports / "targets" / name / "run.json")
        assert record.target == name and len(record.checks) == 5 and record.outcome in ("ok", "degraded")
        assert sum(1 for line in output.splitlines() if line.startswith(f"{name}: ")) == 1  # one summary each
    labels, shown = set(), 0
    for path in (reports / "allure-report" / "data" / "test-cases").glob("*.json"):
        case = json.loads(path.read_text(encoding="utf-8"))
        shown += not case.get("hidden")  # a hidden case is an earlier attempt of another (a retry)
        labels |= {label["value"] for label in case.get("labels", []) if label["name"] == "target"}
        assert {"name": "parentSuite", "value": next(label["value"] for label in case["labels"]
                                                     if label["name"] == "target")} in case["labels"]
    assert labels == set(names)
    assert shown == 3 * 5, f"{shown} results shown, not one per check and target"
    history = (reports / "history" / "runs.jsonl").read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(line)["target"] for line in history) == sorted(names)
    print(f"three replica targets, smoke checks, --jobs 2: {seconds:.1f} s")
