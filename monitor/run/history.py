"""The run history: reports/history/runs.jsonl, one run record a line, oldest first.

The folder is what CI carries from one run to the next. A corrupt or truncated line (a job killed
mid-write, a bad merge) is skipped with one warning and never costs the other lines; the file keeps
the last MAX_RUNS records so that it cannot grow without bound.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from monitor.run.record import RunRecord

FILE_NAME = "runs.jsonl"
MAX_RUNS = 400


def history_file(folder: Path) -> Path:
    return folder / FILE_NAME


def read_history(folder: Path, target: str | None = None, warn=None) -> list[RunRecord]:
    """Every readable record (of one target, if given), oldest first."""
    path = history_file(folder)
    if not path.is_file():
        return []
    records, bad = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = RunRecord.from_dict(json.loads(line))
        except (ValueError, TypeError, KeyError):
            bad.append(number)
            continue
        if target is None or record.target == target:
            records.append(record)
    if bad:
        (warn or _warn)(f"history: skipped {len(bad)} unreadable line(s) of {path} (line {', '.join(map(str, bad[:5]))}"
                        f"{', ...' if len(bad) > 5 else ''})")
    return records


def append(folder: Path, record: RunRecord, max_runs: int = MAX_RUNS) -> Path:
    """Add a record, keeping the last max_runs lines (unreadable ones are dropped then too). The file
    is replaced atomically: a run killed mid-write leaves the old history whole."""
    path = history_file(folder)
    folder.mkdir(parents=True, exist_ok=True)
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines() if path.is_file() else []
    kept = [line for line in lines if _readable(line)]
    kept = (kept + [record.to_json()])[-max_runs:]
    descriptor, scratch = tempfile.mkstemp(dir=folder, prefix=".runs-", suffix=".jsonl")
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write("\n".join(kept) + "\n")
    os.chmod(scratch, 0o644)  # like any other report file (mkstemp makes it owner-only)
    os.replace(scratch, path)
    return path


def _readable(line: str) -> bool:
    try:
        RunRecord.from_dict(json.loads(line))
    except (ValueError, TypeError, KeyError):
        return False
    return True


def _warn(message: str) -> None:
    print(f"monitor: WARNING: {message}", file=sys.stderr)

