"""Build the Allure report from reports/allure-results: a browsable folder and one mailable HTML file.

History carries over: the previous report's history is fed into the next one's results, and kept in
reports/history (CI keeps that folder between runs, e.g. as a cache) so trends span runs.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from monitor.paths import ALLURE, HISTORY, REPORT, RESULTS, SINGLE_FILE

REPORT_NAME = "Focus parent login monitor"


class ReportError(Exception):
    """Shown as one line."""


def _allure(*args: str) -> None:
    if not ALLURE.exists():
        raise ReportError("the Allure command line is missing: run `make bootstrap` (npm ci installs it)")
    if not shutil.which("java"):
        raise ReportError("Allure 2 needs Java 17 or newer: `apt-get install default-jre-headless`")
    result = subprocess.run([str(ALLURE), *args], capture_output=True, text=True)
    if result.returncode != 0:
        raise ReportError(f"allure {args[0]} failed: {(result.stderr or result.stdout).strip()[:300]}")


def build(results: Path = RESULTS, report: Path = REPORT, single_file: Path = SINGLE_FILE,
          history: Path = HISTORY) -> float:
    """Generate both reports; returns the seconds it took."""
    if not results.is_dir() or not any(results.glob("*-result.json")):
        raise ReportError(f"no check results in {results}: run the checks first (`make monitor`)")
    started = time.monotonic()
    if history.is_dir():
        shutil.copytree(history, results / "history", dirs_exist_ok=True)
    _allure("generate", str(results), "-o", str(report), "--clean", "--name", REPORT_NAME)
    scratch = single_file.parent / ".single-file"
    _allure("generate", str(results), "-o", str(scratch), "--clean", "--single-file", "--name", REPORT_NAME)
    shutil.move(scratch / "index.html", single_file)
    shutil.rmtree(scratch)
    shutil.copytree(report / "history", history, dirs_exist_ok=True)
    return time.monotonic() - started


def main() -> int:
    try:
        seconds = build()
    except ReportError as error:
        print(f"report: {error}", file=sys.stderr)
        return 1
    print(f"report: {REPORT / 'index.html'} and {SINGLE_FILE} ({seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
