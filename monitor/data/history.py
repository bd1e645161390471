"""The run history: reports/history/runs.jsonl, one run record a line, oldest first.

The folder is what CI carries from one run to the next. Only records are read (an older schema
version's as the current shape): any other line (not JSON, not an object, not UTF-8, a schema version
this monitor does not read, such as a newer monitor's) is skipped with one warning, and kept as it is
when a record is added. Adding one is a read-modify-write under a lock (two runs at once lose
nothing) that replaces the file atomically (a run killed mid-write leaves the old history whole); the
file keeps the last MAX_RUNS lines so that it cannot grow without bound.

Across runs a check is known by its key (CheckRecord.key): its id, and its device unless that is the
desktop, so a check on a phone has a history of its own and a record older than devices reads on.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from monitor.data.lock import exclusive
from monitor.data.record import READ_VERSIONS, RunRecord


@dataclass
class Remembered:
    """What adding a record to the history gave back: the target's earlier runs (what alerts compare
    with) and its trend image, when one was drawn."""

    previous: list[RunRecord]
    trend: Path | None


FILE_NAME = "runs.jsonl"
LOCK_NAME = ".runs.lock"
MAX_RUNS = 400
_warned: set[Path] = set()  # one warning per file and process, however often it is read


def history_file(folder: Path) -> Path:
    return folder / FILE_NAME


def parse_line(line: bytes) -> RunRecord | None:
    """The record a line holds; None for anything else."""
    try:
        data = json.loads(line.decode("utf-8"))
        if not isinstance(data, dict) or type(data.get("schema_version")) is not int \
                or data["schema_version"] not in READ_VERSIONS:
            return None
        return RunRecord.from_dict(data)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def _lines(path: Path) -> list[bytes]:
    """The file's lines; none when there is no file (OSError: a folder, a pipe, unreadable; a pipe is
    never opened, and adding to such a history fails rather than replace it)."""
    if not path.exists():
        return []
    if not path.is_file():
        raise OSError(f"{path} is {'a folder' if path.is_dir() else 'not a regular file'}")
    return [line for line in path.read_bytes().split(b"\n") if line.strip()]


def _readable_lines(path: Path, warn) -> list[bytes]:
    """The lines of a history that can be read; else one warning, and the run goes on without its past."""
    try:
        return _lines(path)
    except OSError as error:
        if path.resolve() not in _warned:
            _warned.add(path.resolve())
            (warn or print_warning)(f"history: {path} cannot be read ({error.strerror or error}); the earlier runs are "
                            "left out, the verdict stands")
        return []


def read_history(folder: Path, target: str | None = None, warn=None) -> list[RunRecord]:
    """Every record (of one target, if given), oldest first."""
    path = history_file(folder)
    records, others = [], []
    for number, line in enumerate(_readable_lines(path, warn), 1):
        record = parse_line(line)
        if record is None:
            others.append(number)
        elif target is None or record.target == target:
            records.append(record)
    if others and path.resolve() not in _warned:
        _warned.add(path.resolve())
        (warn or print_warning)(f"history: skipped {len(others)} line(s) of {path} that are not run records of schema "
                        f"version {' or '.join(map(str, READ_VERSIONS))} (line {', '.join(map(str, others[:5]))}"
                        f"{', ...' if len(others) > 5 else ''}); they are kept as they are")
    return records


def append(folder: Path, record: RunRecord, max_runs: int = MAX_RUNS) -> Path:
    """Add a record, keeping the last max_runs lines, every line but the new one as it was (OSError:
    the history cannot be written; no temporary file is left)."""
    path = history_file(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with exclusive(folder / LOCK_NAME):
        kept = (_lines(path) + [record.to_json().encode("utf-8")])[-max_runs:]
        descriptor, scratch = tempfile.mkstemp(dir=folder, prefix=".runs-", suffix=".jsonl")
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(b"\n".join(kept) + b"\n")
            os.chmod(scratch, 0o644)  # like any other report file (mkstemp makes it owner-only)
            os.replace(scratch, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(scratch)
            raise
    return path


def print_warning(message: str) -> None:
    print(f"monitor: WARNING: {message}", file=sys.stderr)
