"""The monitor's own code needs neither bash nor make (QA on Windows or a bare laptop): `focus-monitor`
runs with a PATH that has only Python and Node.js, from a folder that is not the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from monitor.core.exit_codes import MonitorExit
from monitor.core.paths import ROOT


def focus_monitor() -> list[str]:
    """The installed command (scripts/bootstrap.sh installs the project into .venv); a venv without it
    runs the same function through `python -m monitor` (pyproject.toml names it, checked below)."""
    script = Path(sys.executable).with_name("focus-monitor")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "monitor"]


def run_bare(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    bare = tmp_path / "bin"
    bare.mkdir(exist_ok=True)
    for name in ("python3", "node"):
        found = shutil.which(name)
        if found and not (bare / name).exists():
            (bare / name).symlink_to(found)
    assert shutil.which("bash", path=str(bare)) is None and shutil.which("make", path=str(bare)) is None
    env = {**os.environ, "PATH": str(bare), "PYTHONPATH": str(ROOT)}
    return subprocess.run([*focus_monitor(), *args], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=60)


def test_the_command_is_the_function_python_m_monitor_calls() -> None:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts == {"focus-monitor": "monitor.commands.cli:console_main",
                       "focus-release-check": "monitor.release.__main__:console_main"}
    assert "console_main()" in (ROOT / "monitor" / "__main__.py").read_text()


def test_help_without_bash_or_make(tmp_path) -> None:
    run = run_bare(tmp_path, "--help")
    assert run.returncode == MonitorExit.OK, run.stderr
    assert run.stdout.startswith("usage: focus-monitor")


def test_bad_input_without_bash_or_make(tmp_path) -> None:
    run = run_bare(tmp_path, "--jobs=two")
    assert run.returncode == MonitorExit.BAD_INPUT, run.stderr
    assert run.stderr == "ERROR: argument --jobs: invalid int value: 'two'\n"
