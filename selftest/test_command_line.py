"""`python -m monitor`'s own options (--target, --jobs) are taken off what goes to pytest: with one
target, its --target is pytest's too (the benchmark's one-target growth run found --jobs reaching pytest)."""

from __future__ import annotations

import pytest

from monitor.commands.cli import main, parse
from monitor.core.exit_codes import MonitorExit


def test_one_target_reaches_pytest_without_the_monitors_own_options() -> None:
    options = parse(["--target", "live", "--jobs", "2", "-m", "smoke"])
    assert (options.targets, options.jobs, options.pytest_args) == (("live",), 2, ("--target=live", "-m", "smoke"))


def test_several_targets_stay_with_the_monitor() -> None:
    options = parse(["--target=a", "-x", "--target=b", "--jobs=1"])
    assert (options.targets, options.jobs, options.pytest_args) == (("a", "b"), 1, ("-x",))


def test_the_pytest_options_the_monitor_needs_are_read_once_and_passed_on_as_given(tmp_path) -> None:
    """Where the record, the results and the targets file are, and the URLs: read from the command line
    (the last one wins, as in pytest), else the defaults of monitor/core/paths.py; pytest gets them all."""
    from monitor.core.paths import RUN, TARGETS_FILE

    args = ["--run-record", str(tmp_path / "a.json"), f"--run-record={tmp_path / 'r.json'}",
            f"--alluredir={tmp_path}", "--base-url", "https://x.example/focus", "--device", "Pixel 7",
            "--device=iPhone 15", "--device", "Pixel 7", "-k", "smoke", "--", "--targets-file=after-the-end"]
    options = parse(args)
    assert (options.run_record, options.results, options.base_url, options.replica_url) == (
        tmp_path / "r.json", tmp_path, "https://x.example/focus", None)
    assert options.devices == ("Pixel 7", "iPhone 15") and options.targets_file == TARGETS_FILE
    assert options.pytest_args[:2] == (f"--run-record={tmp_path / 'a.json'}", f"--run-record={tmp_path / 'r.json'}")
    assert options.pytest_args[-4:] == ("-k", "smoke", "--", "--targets-file=after-the-end")
    default = parse([])
    assert (default.run_record, default.results, default.pytest_args) == (RUN.run_record, RUN.results, ())


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
    assert parse(["--target", "live", "--targets-file", path, "-k", "x"]).pytest_args == (
        "--target=live", f"--targets-file={path}", "-k", "x")
    assert parse(["--target=a", "--target=b", "--replica-url", "http://h/", "--", "--output", "o"]).pytest_args == (
        "--replica-url=http://h/", "--", "--output", "o")
    release = release_parse(["--candidate", "staging", "--targets-file", path])[1]
    assert release.pytest_args == (f"--targets-file={path}",) and str(release.targets_file) == path
