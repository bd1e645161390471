"""The summary table at the end of a run, read from its record."""

from __future__ import annotations

from monitor.core import page_text
from monitor.core.browsers import DEFAULT_DEVICE
from monitor.data.certificate import NOT_CHECKED, Certificate
from monitor.data.record import CheckRecord, RunRecord, Status
from monitor.data.uptime import Figures


def note(check: CheckRecord) -> str:
    """What the table says beside a check's status: its category, why it did not run, or its flags
    (one printable line: a skip's reason and a degraded page's address are the site's words)."""
    if check.category:
        return check.category
    if check.status == Status.SKIPPED:
        return page_text.line(check.message)
    notes = ["flaky: passed on retry"] if check.flaky else []
    return page_text.line("; ".join(notes + ([f"degraded: {check.degraded}"] if check.degraded else [])
                                    + check.notices))


def certificate_note(certificate: Certificate) -> str:
    """One certificate in a few words: a not-checked one says so (it never reads as passed)."""
    if certificate.status == NOT_CHECKED:
        return f"{certificate.host} not checked ({certificate.note.removeprefix('not checked: ')})"
    if certificate.problem:  # the server's own words (an issuer, a host name) are in it: one line
        problem = page_text.line(certificate.problem.split(": parents see")[0])
        return f"{certificate.host} {certificate.status}: {problem}"
    return f"{certificate.host} {certificate.status}, {certificate.days_left} days left ({certificate.not_after[:10]})"


def context_lines(record: RunRecord) -> list[str]:
    """What the run was in and what it found besides the checks: a maintenance window, the certificates."""
    lines = [f"{record.maintenance.text}: no alert is sent for this run"] if record.maintenance else []
    if record.certificates:
        lines.append("certificates: " + "; ".join(map(certificate_note, record.certificates)))
    return lines


def shows_devices(record: RunRecord) -> bool:
    """A device column only when more than one device ran: a run on one says it on its last line."""
    return len(record.devices) > 1


def table(record: RunRecord, report_path: str, trend_path: str | None = None) -> list[str]:
    width = max([len(page_text.line(check.title, 500)) for check in record.checks] + [len("Check")])
    devices = max([len(device) for device in record.devices] + [len("Device")]) if shows_devices(record) else 0
    rule = "-" * (width + 40 + (devices + 2 if devices else 0))

    def device(text: str) -> str:
        return f"{text:<{devices}}  " if devices else ""

    lines = [f"{'Check':<{width}}  {device('Device')}{'Status':<8} {'Time':>7}  Category / note", rule]
    lines += [f"{page_text.line(check.title, 500):<{width}}  {device(check.device or '-')}{check.status:<8} "
              f"{check.seconds:>6.1f}s  "
              f"{note(check)}" for check in record.checks]
    counts: dict[str, int] = {}
    for check in record.checks:
        counts[check.status] = counts.get(check.status, 0) + 1
    lines.append(rule)
    on = f" on {record.devices[0]}" if len(record.devices) == 1 and record.devices[0] != DEFAULT_DEVICE else ""
    lines.append(f"{record.target}{on}: {record.outcome} (exit {record.exit_code}); "
                 + ", ".join(f"{count} {status}" for status, count in counts.items()) + f"; report: {report_path}")
    lines += context_lines(record)
    if trend_path:
        lines.append(f"trend: {trend_path}")
    return lines


def uptime_line(figures: Figures) -> str:
    """The console's last figures: uptime: 24 h 100 %, 7 d 96.4 %, 30 d 98.9 % (2 incidents, MTTR 3 h 10 min)"""
    return f"uptime: {figures.text}"
