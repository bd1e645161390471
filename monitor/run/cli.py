"""`python -m monitor [pytest options]`: run the checks, then build the report from what they found.

A run that stopped on bad input, or found no checks, builds no report: an empty or partial report
must not be mistaken for a result.
"""

from __future__ import annotations

import subprocess
import sys

from monitor.exit_codes import MonitorExit
from monitor.paths import ROOT
from monitor.reporting import allure_report as report

# Runs whose results are a verdict on the site (worth a report).
VERDICTS = (MonitorExit.OK, MonitorExit.PRODUCT_FAILURE, MonitorExit.SITE_UNREACHABLE, MonitorExit.SETUP_PROBLEM,
            MonitorExit.MONITOR_DEFECT)


def main(argv: list[str]) -> int:
    code = subprocess.call([sys.executable, "-m", "pytest", *argv], cwd=ROOT)
    if code not in VERDICTS:
        print(f"monitor: no report built (exit code {code}: see the README's exit codes)", file=sys.stderr)
        return code
    if report.main() != 0:
        # The verdict stands: a report that could not be built never turns a green site red.
        print(f"monitor: WARNING: the report was not built (see the line above); exit code {code} is the "
              "checks' verdict", file=sys.stderr)
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
