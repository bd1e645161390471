"""`python -m monitor`'s own options (--target, --jobs) are taken off what goes to pytest: with one
target, its --target is pytest's too (the benchmark's one-target growth run found --jobs reaching pytest)."""

from __future__ import annotations

import pytest

from monitor.commands.cli import main, parse
from monitor.core.exit_codes import MonitorExit


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


def test_a_targets_file_given_with_a_space_reaches_pytest_as_one_argument(tmp_path) -> None:
    """`--targets-file PATH` (as the README writes it) made PATH's folder pytest's rootdir: every command,
    the release check included, failed with a usage error."""
    from monitor.release.__main__ import parse as release_parse

    path = str(tmp_path / "my targets.toml")
    assert parse(["--target", "live", "--targets-file", path, "-k", "x"])[2] == [
        "--target=live", f"--targets-file={path}", "-k", "x"]
    assert parse(["--target=a", "--target=b", "--replica-url", "http://h/", "--", "--output", "o"])[2] == [
        "--replica-url=http://h/", "--", "--output", "o"]
    assert release_parse(["--candidate", "staging", "--targets-file", path])[1] == [f"--targets-file={path}"]
