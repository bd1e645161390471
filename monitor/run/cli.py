"""`python -m monitor [pytest options]`: run the checks, then everything that reads their record.

The run: the checks (pytest, which writes the run record reports/run.json), then the record joins
the history (reports/history/runs.jsonl), the trend image is drawn from the history, and the report
is built with the trend attached. A run that stopped on bad input, or found no checks, leaves no
record and builds no report: an empty or partial report must not be mistaken for a result.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from monitor.paths import HISTORY, ROOT, RUN_RECORD, TREND
from monitor.reporting import allure_report as report
from monitor.reporting import trend
from monitor.run import history
from monitor.run.record import VERDICT_WORDS, RunRecord, read

TREND_ATTACHMENT = "Trend: the last runs"


def _option(argv: list[str], name: str, default: Path) -> Path:
    """A path option that pytest takes too (--name=value or --name value)."""
    for index, arg in enumerate(argv):
        if arg.startswith(f"{name}="):
            return Path(arg.split("=", 1)[1])
        if arg == name and index + 1 < len(argv):
            return Path(argv[index + 1])
    return default


def run_checks(argv: list[str], record_path: Path) -> tuple[int, RunRecord | None]:
    record_path.unlink(missing_ok=True)  # a record left by an earlier run must not pass for this one's
    code = subprocess.call([sys.executable, "-m", "pytest", *argv], cwd=ROOT)
    if code not in VERDICT_WORDS:
        return code, None
    if not record_path.is_file():
        print(f"monitor: WARNING: the checks wrote no run record ({record_path})", file=sys.stderr)
        return code, None
    return code, read(record_path)


def remember(record: RunRecord, folder: Path = HISTORY, image: Path = TREND) -> tuple[list[RunRecord], Path | None]:
    """Add the record to the history; draw the target's trend. Returns the target's earlier runs."""
    previous = history.read_history(folder, record.target)
    history.append(folder, record)
    return previous, trend.render([*previous, record], image)


def main(argv: list[str]) -> int:
    code, record = run_checks(argv, _option(argv, "--run-record", RUN_RECORD))
    if code not in VERDICT_WORDS:
        print(f"monitor: no report built (exit code {code}: see the README's exit codes)", file=sys.stderr)
        return code
    image = None
    if record is not None:
        _, image = remember(record)
    results = _option(argv, "--alluredir", report.RESULTS)
    if image is not None and results.is_dir():
        report.attach_to_run(results, record.target, TREND_ATTACHMENT, image)
    if report.main() != 0:
        # The verdict stands: a report that could not be built never turns a green site red.
        print(f"monitor: WARNING: the report was not built (see the line above); exit code {code} is the "
              "checks' verdict", file=sys.stderr)
    if image is not None:
        print(f"trend: {image}")
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
