"""A saved session signs the employee in, alone: saved by `make auth` (automated against the replica),
used from its file and from the CI variable's content, and an expired one is a setup problem
(exit 12), not a product failure. Nothing of the session (its cookies) ends up in a report."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor.core.exit_codes import MonitorExit
from monitor.core.sessions import AUTH_DIR, AUTH_DIR_VARIABLE, OWNER_ONLY, saved_session
from monitor.core.verdicts import SETUP_PROBLEM
from replica import Replica
from selftest.leak_scan import Canary, Scan, canary_email, password_forms, token_forms
from selftest.monitor_runs import ROOT, MonitorRun, run_checks

EMPLOYEE_CHECK = "test_employee_switches_to_the_parent_profile"
SIGN_IN_STEP = "Sign in with the myBCPS form"
AUTH_TIMEOUT_S = 120


@pytest.fixture
def employee() -> dict[str, str]:
    """A replica account made up for this test (the replica needs its password for --automate)."""
    return {"FOCUS_EMPLOYEE_EMAIL": canary_email("employee"),
            "FOCUS_EMPLOYEE_PASSWORD": Canary.new("employee").value}


@pytest.fixture
def temporary() -> Iterator[Path]:
    """The checks' TMPDIR (where the CI variable's session is written), in a path short enough for
    Chromium's socket."""
    folder = Path(tempfile.mkdtemp(prefix="session-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def save_session(replica: Replica, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "monitor.commands.auth", "--account", "employee",
                           "--target", "replica", "--replica-url", replica.entry_url, "--automate"],
                          cwd=ROOT, capture_output=True, text=True, env={**os.environ, **env}, timeout=AUTH_TIMEOUT_S)


def employee_check(replica: Replica, folder: Path, env: dict[str, str]) -> MonitorRun:
    return run_checks(replica.entry_url, folder / "allure-results", "-k", EMPLOYEE_CHECK, "--tracing=on",
                      f"--junitxml={folder / 'junit.xml'}", env=env)


def step_titles(run: MonitorRun) -> list[str]:
    def titles(node: dict) -> Iterator[str]:
        for step in node.get("steps", []):
            yield step["name"]
            yield from titles(step)

    return [title for path in run.results_dir.glob("*-result.json")
            for title in titles(json.loads(path.read_text(encoding="utf-8")))]


def _stat(path: Path) -> tuple[int, int] | None:
    return (path.stat().st_mtime_ns, path.stat().st_size) if path.exists() else None


def test_a_saved_session_signs_in_alone_and_its_expiry_is_a_setup_problem(employee, tmp_path, temporary) -> None:
    auth_dir = tmp_path / "auth"
    repository_session = AUTH_DIR / "replica-employee.json"  # a developer's own: never touched
    before = _stat(repository_session)
    with Replica(accounts=employee) as replica:
        saved = save_session(replica, {**employee, AUTH_DIR_VARIABLE: str(auth_dir)})
        assert saved.returncode == 0, saved.stdout + saved.stderr
        session_file = auth_dir / "replica-employee.json"
        assert str(session_file) in saved.stdout and _stat(repository_session) == before
        assert stat.S_IMODE(session_file.stat().st_mode) == OWNER_ONLY
        state = json.loads(session_file.read_text(encoding="utf-8"))
        session_cookies = [cookie["value"] for cookie in state["cookies"] if cookie["name"] == "PHPSESSID"]
        assert session_cookies, state["cookies"]

        # The checks' process has no employee password (empty is unset): only the session can sign in.
        checks_env = {"FOCUS_EMPLOYEE_EMAIL": employee["FOCUS_EMPLOYEE_EMAIL"], "FOCUS_EMPLOYEE_PASSWORD": "",
                      "FOCUS_EMPLOYEE_STORAGE_STATE": "", AUTH_DIR_VARIABLE: str(auth_dir),
                      "TMPDIR": str(temporary)}
        from_file = employee_check(replica, tmp_path / "from-file", checks_env)
        from_file.assert_completed(MonitorExit.OK, checks={"employee_parent"})
        assert from_file.checks["employee_parent"].status == "passed", from_file.output[-3000:]
        titles = step_titles(from_file)
        assert titles and not [title for title in titles if SIGN_IN_STEP in title], titles

        # CI: the file's content in a secret variable, and no file at all.
        empty_dir = tmp_path / "no-auth"
        from_variable = employee_check(replica, tmp_path / "from-variable",
                                       {**checks_env, AUTH_DIR_VARIABLE: str(empty_dir),
                                        "FOCUS_EMPLOYEE_STORAGE_STATE": session_file.read_text(encoding="utf-8")})
        from_variable.assert_completed(MonitorExit.OK, checks={"employee_parent"})
        assert from_variable.checks["employee_parent"].status == "passed", from_variable.output[-3000:]
        # The checks' processes copied the variable's content for the browser and removed it at exit.
        assert list(temporary.glob("focus-session-*.json")) == []

        replica.revoke_sessions()
        expired = employee_check(replica, tmp_path / "expired", checks_env)
    expired.assert_completed(MonitorExit.SETUP_PROBLEM, checks={"employee_parent"})
    check = expired.checks["employee_parent"]
    assert check.status == "failed" and "saved session expired" in check.message, expired.output[-3000:]
    assert check.verdict == SETUP_PROBLEM

    # Neither the session's cookies nor the password are in anything these runs (or make auth) produced.
    scan = Scan({"the employee password": password_forms(Canary(core=employee["FOCUS_EMPLOYEE_PASSWORD"][6:38],
                                                                  value=employee["FOCUS_EMPLOYEE_PASSWORD"])),
                 **{f"the saved session's cookie #{index}": token_forms(value)
                    for index, value in enumerate(session_cookies)}})
    for run in (from_file, from_variable, expired):
        scan.folder(run.results_dir.parent).text(f"{run.results_dir.parent.name}: output", run.output)
    scan.text("make auth: output", saved.stdout + saved.stderr)
    assert scan.files > 10 and scan.zip_members > 10, (scan.files, scan.zip_members)
    assert scan.hits == [], "\n".join(scan.hits)


def test_a_session_from_the_ci_variable_is_an_owner_only_copy(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)  # gettempdir() reads TMPDIR again
    content = json.dumps({"cookies": [], "origins": []})
    copy = saved_session("live", "employee", "SESSION", {"SESSION": content})
    assert copy is not None and copy.parent == tmp_path and copy.read_text(encoding="utf-8") == content
    assert stat.S_IMODE(copy.stat().st_mode) == OWNER_ONLY
    assert saved_session("live", "employee", "SESSION", {"SESSION": content}) == copy  # one copy per process
