"""The run's outcome per check: the console table at the end, and the exit code."""

from __future__ import annotations

from dataclasses import dataclass

from monitor import verdicts
from monitor.exit_codes import MonitorExit
from monitor.verdicts import Verdict

# Properties that the worker side puts on reports (they cross xdist's process boundary).
TITLE = "title"
STATUS = "allure_status"  # "failed" (an assertion) or "broken" (any other error)
VERDICT = "verdict"  # the key of the failure's verdict (monitor/verdicts.py)
MESSAGE = "failure_message"  # starts with the verdict's tag
DEGRADED = "degraded"
BROWSER = "browser"
ENTRY_URL = "entry_url"


@dataclass
class CheckResult:
    title: str
    outcome: str = "passed"  # passed, failed, broken, skipped
    seconds: float = 0.0
    message: str = ""
    degraded: str = ""
    retries: int = 0
    verdict: Verdict | None = None

    @property
    def category(self) -> str | None:
        return self.verdict.category if self.verdict else None

    @property
    def flaky(self) -> bool:
        return self.outcome == "passed" and self.retries > 0

    @property
    def note(self) -> str:
        if self.category:
            return self.category
        if self.outcome == "skipped":
            return self.message
        notes = ["flaky: passed on retry"] if self.flaky else []
        return "; ".join(notes + ([f"degraded: {self.degraded}"] if self.degraded else []))


class RunSummary:
    def __init__(self) -> None:
        self.checks: dict[str, CheckResult] = {}
        self.browser = ""
        self.entry_url = ""

    def add(self, report) -> None:
        properties = dict(report.user_properties)
        self.browser = properties.get(BROWSER, self.browser)
        self.entry_url = properties.get(ENTRY_URL, self.entry_url)
        check = self.checks.setdefault(report.nodeid, CheckResult(title=properties.get(TITLE, report.nodeid)))
        check.seconds += report.duration
        if report.outcome == "rerun":
            check.retries += 1
            check.outcome, check.message, check.degraded, check.verdict = "passed", "", "", None
            return
        if report.skipped and check.outcome == "passed":
            check.outcome = "skipped"
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
            check.message = reason.removeprefix("Skipped: ")
        elif report.failed and check.outcome in ("passed", "skipped"):
            check.outcome = properties.get(STATUS, "broken")
            check.message = properties.get(MESSAGE) or _crash_message(report)
            # A failure the pipeline did not see (outside a check's own run) is the monitor's.
            check.verdict = verdicts.BY_KEY.get(properties.get(VERDICT, ""), verdicts.MONITOR_DEFECT)
        check.degraded = check.degraded or properties.get(DEGRADED, "")

    def exit_code(self, pytest_code: int) -> int:
        if pytest_code not in (MonitorExit.OK, MonitorExit.PRODUCT_FAILURE):
            return pytest_code  # the run did not get to a verdict: interrupted, bad input, no browser...
        found = [check.verdict for check in self.checks.values() if check.verdict]
        if not found and pytest_code != MonitorExit.OK:
            return MonitorExit.MONITOR_DEFECT  # pytest saw a failure that no check reported
        return verdicts.exit_code(found)

    def table(self, report_path: str) -> list[str]:
        width = max(len(check.title) for check in self.checks.values())
        lines = [f"{'Check':<{width}}  {'Status':<8} {'Time':>7}  Category / note", "-" * (width + 40)]
        for check in self.checks.values():
            lines.append(f"{check.title:<{width}}  {check.outcome:<8} {check.seconds:>6.1f}s  {check.note}")
        counts = {}
        for check in self.checks.values():
            counts[check.outcome] = counts.get(check.outcome, 0) + 1
        lines.append("-" * (width + 40))
        lines.append(", ".join(f"{count} {outcome}" for outcome, count in counts.items()) + f"; report: {report_path}")
        return lines


def _crash_message(report) -> str:
    crash = getattr(report.longrepr, "reprcrash", None)
    return crash.message if crash else str(report.longrepr).splitlines()[-1]
