"""A monitor command line, read once: the monitor's own options (`--target`, repeatable; `--jobs`) and the
pytest options the monitor needs to know itself (where the targets file is, where the run writes its
record and results, a URL that replaces a target's), with their defaults from monitor/core/paths.py.
Every other option goes to pytest as it was given."""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from pathlib import Path

from monitor.core.paths import RUN, TARGETS_FILE

# Options that take a value and that pytest learns only after it has chosen its rootdir from the command
# line's paths (the project's own, conftest.py's, and plugins'): given as "--name PATH", PATH's folder
# became pytest's rootdir, and every option of the project an error. The monitor passes "--name=PATH".
VALUE_OPTIONS = ("--targets-file", "--replica-url", "--run-record", "--cdp-endpoint", "--base-url", "--alluredir",
                 "--output")


@dataclass(frozen=True)
class RunOptions:
    pytest_args: tuple[str, ...]  # what goes to pytest (with one target, its --target too)
    targets: tuple[str, ...] = ()
    jobs: int = os.cpu_count() or 1
    targets_file: Path = TARGETS_FILE
    run_record: Path = RUN.run_record
    results: Path = RUN.results  # Allure's results (--alluredir)
    base_url: str | None = None
    replica_url: str | None = None
    devices: tuple[str, ...] = ()  # every --device, in order, each once (pytest-playwright keeps the last)


def _parser(*options: tuple[str, dict]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(add_help=False, exit_on_error=False, allow_abbrev=False)
    for name, settings in options:
        parser.add_argument(name, **settings)
    return parser


_OWN = _parser(("--target", {"action": "append", "default": []}), ("--jobs", {"type": int}))
# Read from what goes to pytest, never taken off it.
_PYTEST = _parser(("--targets-file", {"type": Path}), ("--run-record", {"type": Path}),
                  ("--alluredir", {"type": Path, "dest": "results"}), ("--base-url", {}), ("--replica-url", {}),
                  ("--device", {"action": "append", "dest": "devices"}))


def parse(argv: list[str]) -> RunOptions:
    """`python -m monitor`'s command line (argparse.ArgumentError: a --jobs that is not a number)."""
    own, rest = _OWN.parse_known_args(argv)
    rest = joined_options(rest)
    pytest_args = [f"--target={own.target[0]}", *rest] if len(own.target) == 1 else rest
    return read_pytest_options(pytest_args, targets=tuple(own.target),
                               **({"jobs": own.jobs} if own.jobs is not None else {}))


def read_pytest_options(pytest_args: list[str], **own) -> RunOptions:
    """The options the monitor needs to know of a pytest command line (the release check's too)."""
    pytest_args = joined_options(pytest_args)
    before_end = pytest_args[:pytest_args.index("--")] if "--" in pytest_args else pytest_args
    given = {name: value for name, value in vars(_PYTEST.parse_known_args(before_end)[0]).items()
             if value is not None}
    if "devices" in given:
        given["devices"] = tuple(dict.fromkeys(given["devices"]))
    return RunOptions(tuple(pytest_args), **own, **given)


def joined_options(argv: list[str]) -> list[str]:
    """`--name value` as `--name=value`, for VALUE_OPTIONS (everything after `--` stays as it is)."""
    joined, index = [], 0
    while index < len(argv):
        arg = argv[index]
        if arg == "--":
            return joined + argv[index:]
        if arg in VALUE_OPTIONS and index + 1 < len(argv):
            joined.append(f"{arg}={argv[index + 1]}")
            index += 2
            continue
        joined.append(arg)
        index += 1
    return joined
