"""Where the monitor's files are: the project's folders and what a run leaves in reports/."""

import os
from dataclasses import dataclass
from pathlib import Path


def _checkout() -> Path:
    """The project's checkout: the package's own folder's parent in a clone or an editable install; the
    current folder when `pip install .` put the package elsewhere (a run is started from the checkout)."""
    beside = Path(__file__).resolve().parents[2]
    return beside if (beside / "pytest.ini").is_file() else Path.cwd()


ROOT = _checkout()
TARGETS_FILE = ROOT / "targets.toml"
ENV_FILE = ROOT / ".env"  # local accounts, git-ignored
AUTH_DIR = ROOT / ".auth"  # saved sessions (make auth), git-ignored
# FOCUS_REPORTS_DIR moves everything a run leaves (the self-tests give each run its own folder).
REPORTS = Path(os.environ.get("FOCUS_REPORTS_DIR") or ROOT / "reports")


@dataclass(frozen=True)
class RunPaths:
    """What one run of the checks writes in its folder: the one place that names these files. pytest's
    defaults (fixtures/options.py), the cli and each of several targets' runs all take them from here."""

    folder: Path

    @property
    def results(self) -> Path:  # Allure's results (--alluredir)
        return self.folder / "allure-results"

    @property
    def test_results(self) -> Path:  # Playwright's traces, videos, screenshots (--output)
        return self.folder / "test-results"

    @property
    def run_record(self) -> Path:  # --run-record
        return self.folder / "run.json"

    def pytest_options(self) -> list[str]:
        return [f"--alluredir={self.results}", f"--output={self.test_results}", f"--run-record={self.run_record}"]


RUN = RunPaths(REPORTS)  # a single target's run
RESULTS = RUN.results
REPORT = REPORTS / "allure-report"
SINGLE_FILE = REPORTS / "focus-login-monitor.html"
HISTORY = REPORTS / "history"  # what CI keeps between runs: Allure's history and runs.jsonl
STATUS_PAGE = REPORTS / "status.html"  # rebuilt from the history after every run; may be published
RUN_RECORD = RUN.run_record
TREND = REPORTS / "trend.svg"
NODE_MODULES = ROOT / "node_modules"
# The Allure command line's own start script. The npm package's `allure` command (.bin/allure) is a Node
# script that only starts this one: a quarter second and 0.2 s of CPU for Node itself each build, and a
# timeout's kill stopped Node and not the JVM. This script execs the JVM (on POSIX: the process is the JVM).
# Windows: the package's batch file beside it (a process cannot start the POSIX script there).
ALLURE = NODE_MODULES / "allure-commandline" / "dist" / "bin" / ("allure.bat" if os.name == "nt" else "allure")
# The report's JVM started ahead of the build (monitor/reporting/report_jvm.py): its compiled class and
# the warm-up's results, made by scripts/bootstrap.sh.
REPORT_JVM = NODE_MODULES / ".report-jvm"
# Node's compile cache for Playwright's driver (fixtures/browser.py), where Node tools keep theirs.
DRIVER_CODE_CACHE = NODE_MODULES / ".cache" / "playwright-driver"

# Where people open the report (the CI run's page, a Pages URL): the record's and the alert's link.
REPORT_URL_VARIABLE = "FOCUS_REPORT_URL"
