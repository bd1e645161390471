"""Every file a run is given is bad input when it is not what it should be, never a crash: a folder,
a pipe, not UTF-8, not the expected shape. One line naming the file and the problem, exit 4, before any
browser starts; a history that cannot be read is one warning, and the run's verdict stands."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from monitor import maintenance
from monitor.accessibility import baseline
from monitor.core.exit_codes import MonitorExit
from monitor.core.input_files import InputFileError
from monitor.core.sessions import check_saved_session
from monitor.core.targets import TargetError, load_targets
from monitor.data.history import read_history
from selftest.monitor_runs import run_checks

NOT_UTF8 = b"[[window]]\nreason = \"caf\xe9\"\n"


def make(path: Path, kind: str, wrong_shape: bytes) -> Path:
    if kind == "folder":
        path.mkdir()
    elif kind == "pipe":
        os.mkfifo(path)
    elif kind == "not UTF-8":
        path.write_bytes(NOT_UTF8)
    else:
        path.write_bytes(wrong_shape)
    return path


LOADERS = {  # the file, how the monitor reads it, what its error is, a wrong shape
    "targets file": (lambda path: load_targets(path), TargetError, b"[targets]\nlive = 3\n"),
    "maintenance file": (lambda path: maintenance.load(path, {}), maintenance.MaintenanceError, b"window = 3\n"),
    "accessibility baseline": (baseline.load, baseline.BaselineError, b'{"pages": []}'),
    "saved session": (check_saved_session, InputFileError, b'[{"name": "session"}]'),
}
KINDS = ["folder", "not UTF-8", "wrong shape"] + (["pipe"] if hasattr(os, "mkfifo") else [])
EXPECTED = {"folder": "is a folder, not a file", "pipe": "is not a regular file", "not UTF-8": "is not UTF-8 text",
            "wrong shape": ""}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("what", LOADERS)
def test_a_bad_input_file_is_one_line_naming_it_and_the_problem(what, kind, tmp_path) -> None:
    load, error_type, wrong_shape = LOADERS[what]
    path = make(tmp_path / "given-file", kind, wrong_shape)
    with pytest.raises(error_type) as raised:
        load(path)  # a pipe is never opened: this would wait for ever
    message = str(raised.value)
    assert str(path) in message and EXPECTED[kind] in message and "\n" not in message, message


@pytest.mark.parametrize("kind", [kind for kind in KINDS if kind != "wrong shape"])
def test_a_history_that_cannot_be_read_is_one_warning_and_the_run_goes_on(kind, tmp_path) -> None:
    make(tmp_path / "runs.jsonl", kind, b"")
    warnings: list[str] = []
    assert read_history(tmp_path, warn=warnings.append) == []
    assert len(warnings) <= 1 and (kind == "not UTF-8" or "cannot be read" in warnings[0]), warnings


def test_bad_files_stop_the_monitor_before_any_browser_with_one_line(tmp_path) -> None:
    """One target (pytest's configuration) and two (the cli's own reading): exit 4, one line each."""
    folder = tmp_path / "targets-folder"
    folder.mkdir()
    one = run_checks(None, tmp_path / "one" / "allure-results", "-m", "smoke", module="monitor", targets_file=folder)
    bad = tmp_path / "maintenance.toml"
    bad.write_bytes(NOT_UTF8)
    two = run_checks(None, tmp_path / "two" / "allure-results", "--target", "replica", "--target", "live",
                     module="monitor", env={"FOCUS_MAINTENANCE_FILE": str(bad)})
    for run, said in ((one, f"targets file {folder} is a folder, not a file"),
                      (two, f"maintenance file {bad} is not UTF-8 text")):
        assert run.exit_code == MonitorExit.BAD_INPUT, run.output[-2000:]
        assert [line for line in run.output.splitlines() if said in line] == [f"ERROR: {said}" + (
            " (at byte 24)" if "UTF-8" in said else "")], run.output[-2000:]
        assert "Traceback" not in run.output and not run.checks
