"""Each check's status in the run, gathered from pytest's reports as they arrive (on the xdist
controller too), and turned into the run record once the run is over."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from monitor.core import page_text, verdicts
from monitor.core.exit_codes import MonitorExit
from monitor.core.verdicts import Verdict
from monitor.data.record import CheckRecord, PageRecord, Status

# Properties that the worker side puts on reports (they cross xdist's process boundary).
TITLE = "title"
CHECK_ID = "check_id"  # the test id without the device
DEVICE_NAME = "device"  # "" for a check that opens no browser
STATUS = "allure_status"  # failed (an assertion) or broken (any other error)
VERDICT = "verdict"  # the key of the failure's verdict (monitor/core/verdicts.py)
MESSAGE = "failure_message"  # starts with the verdict's tag
PAGES = "pages"  # JSON: the pages the check loaded, with their timings
MILESTONES = "milestones"  # JSON: the flow's own moments (ms)
NOTICES = "notices"  # JSON: what the check met and dealt with on the way (a notice it closed)
SLOWNESS = "degraded"  # why a passed check was flagged degraded (CheckRecord.degraded)
BROWSER = "browser"
ENTRY_URL = "entry_url"
CERTIFICATES = "certificates"  # JSON: the preflight's TLS certificates (monitor/probes/certificates.py)


@dataclass
class CheckResult:
    title: str
    check_id: str = ""
    device: str = ""
    status: str = Status.PASSED
    seconds: float = 0.0
    message: str = ""
    degraded: str = ""
    retries: int = 0
    verdict: Verdict | None = None
    pages: list[dict] = field(default_factory=list)
    milestones: dict[str, float] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)

    def record(self) -> CheckRecord:
        # What the site said (messages, page addresses) enters the record bounded and printable.
        return CheckRecord(
            id=self.check_id, device=self.device, title=page_text.line(self.title, page_text.RECORDED_MAX),
            status=self.status, seconds=round(self.seconds, 2),
            category=self.verdict.category if self.verdict else None,
            verdict=self.verdict.key if self.verdict else None, message=page_text.recorded(self.message),
            flaky=self.status == Status.PASSED and self.retries > 0, degraded=page_text.recorded(self.degraded),
            retries=self.retries, milestones=self.milestones,
            pages=[PageRecord(**{**page, "page": page_text.line(page.get("page", ""), page_text.RECORDED_MAX)})
                   for page in self.pages],
            notices=[page_text.line(notice, page_text.RECORDED_MAX) for notice in self.notices],
        )


class RunSummary:
    def __init__(self) -> None:
        self.checks: dict[str, CheckResult] = {}
        self.browser = ""
        self.entry_url = ""
        self.certificates: list[dict] = []

    def add(self, report) -> None:
        properties = dict(report.user_properties)
        self.browser = properties.get(BROWSER, self.browser)
        self.entry_url = properties.get(ENTRY_URL, self.entry_url)
        if CERTIFICATES in properties:
            self.certificates = json.loads(properties[CERTIFICATES])
        check = self.checks.setdefault(report.nodeid, CheckResult(
            title=properties.get(TITLE, report.nodeid), check_id=properties.get(CHECK_ID, report.nodeid),
            device=properties.get(DEVICE_NAME, "")))
        check.seconds += report.duration
        if PAGES in properties:
            check.pages = json.loads(properties[PAGES])
            check.milestones = json.loads(properties.get(MILESTONES, "{}"))
            check.notices = json.loads(properties.get(NOTICES, "[]"))
        if report.outcome == "rerun":
            check.retries += 1
            check.status, check.message, check.degraded, check.verdict = Status.PASSED, "", "", None
            return
        if report.skipped and check.status == Status.PASSED:
            check.status = Status.SKIPPED
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
            check.message = reason.removeprefix("Skipped: ")
        elif report.failed and check.status in (Status.PASSED, Status.SKIPPED):
            check.status = Status(properties.get(STATUS, Status.BROKEN))
            check.message = properties.get(MESSAGE) or _crash_message(report)
            # A failure the pipeline did not see (outside a check's own run) is the monitor's.
            check.verdict = verdicts.BY_KEY.get(properties.get(VERDICT, ""), verdicts.MONITOR_DEFECT)
        check.degraded = check.degraded or properties.get(SLOWNESS, "")

    def exit_code(self, pytest_code: int) -> int:
        if pytest_code not in (MonitorExit.OK, MonitorExit.PRODUCT_FAILURE):
            return pytest_code  # the run did not get to a verdict: interrupted, bad input, no browser...
        found = [check.verdict for check in self.checks.values() if check.verdict]
        if not found and pytest_code != MonitorExit.OK:
            return MonitorExit.MONITOR_DEFECT  # pytest saw a failure that no check reported
        return verdicts.exit_code(found)

    def check_records(self) -> list[CheckRecord]:
        return [check.record() for check in self.checks.values()]


def _crash_message(report) -> str:
    crash = getattr(report.longrepr, "reprcrash", None)
    return crash.message if crash else str(report.longrepr).splitlines()[-1]
