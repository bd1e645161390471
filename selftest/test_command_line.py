"""`python -m monitor`'s own options (--target, --jobs) are taken off what goes to pytest: with one
target, its --target is pytest's too (the benchmark's one-target growth run found --jobs reaching pytest)."""

from __future__ import annotations

import pytest

from monitor.exit_codes import MonitorExit
from monitor.run.cli import main, parse


def test_one_target_reaches_pytest_without_the_monitors_own_options() -> None:
    assert parse(["--target", "live", "--jobs", "2", "-m", "smoke"]) == (["live"], 2, ["--target=live", "-m", "smoke"])


def test_several_targets_stay_with_the_monitor() -> None:
    assert parse(["--target=a", "-x", "--target=b", "--jobs=1"]) == (["a", "b"], 1, ["-x"])


@pytest.mark.parametrize(("args", "error"), [
    (["--jobs=two"], "ERROR: argument --jobs: invalid int value: 'two'\n"),
    (["--jobs=0"], "ERROR: --jobs must be 1 or more, not 0\n"),
    (["--target=replica", "--target=replica"], "ERROR: target 'replica' is named twice\n"),
], ids=["not-a-number", "zero", "twice"])
def test_bad_monitor_options_are_one_line_before_anything_runs(args, error, capsys) -> None:
    assert main(args) == MonitorExit.BAD_INPUT
    assert capsys.readouterr().err == error
