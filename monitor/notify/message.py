"""The alert: a title and a short Markdown body, read from the run record alone (categories and
messages as the run recorded them, never Allure's files or console text). Apprise turns the Markdown
into HTML for e-mail and keeps it, or plain text, where a channel wants that."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC

from monitor.core import page_text
from monitor.core.outcomes import PRODUCT_NAME, by_word
from monitor.core.redact import Redactor
from monitor.data.record import CheckRecord, RunRecord, Status, parse_time, shown_time
from monitor.data.uptime import Incident, duration_text
from monitor.notify.decision import RECOVERED, REMINDER, Decision

MAX_LISTED = 8  # checks per section: a phone screen, and Teams cards cut at 1,000 characters
MAX_LINE = 160


@dataclass(frozen=True)
class Message:
    title: str
    body: str  # Markdown


def compose(record: RunRecord, decision: Decision, report_url: str = "", secrets: Iterable[str] = (),
            incident: Incident | None = None) -> Message:
    """The message for a run (`incident`: the one this run ended, for a recovery); any known secret
    that reached the record's text is scrubbed again."""
    redactor = Redactor(secrets)
    return Message(redactor.text(title(record, decision)),
                   redactor.text(body(record, decision, report_url, incident)))


def title(record: RunRecord, decision: Decision) -> str:
    if decision.kind == REMINDER:
        return f"{PRODUCT_NAME}: still {by_word(record.outcome).alert} on {record.target} ({decision.runs} runs)"
    headline = RECOVERED if decision.kind == RECOVERED else by_word(decision.kind).alert
    return f"{PRODUCT_NAME}: {headline} on {record.target}"


def body(record: RunRecord, decision: Decision, report_url: str = "", incident: Incident | None = None) -> str:
    failing = record.failing()
    skipped = sum(check.status == Status.SKIPPED for check in record.checks)
    ran = len(record.checks) - skipped
    headline = f"**{len(failing)} of {ran} checks failed**" if failing else f"**All {ran} checks passed**"
    sections = [headline + (f", {skipped} did not run" if skipped else "") + "."]
    if decision.kind == RECOVERED and incident is not None:
        sections.append(downtime(incident))
    sections.append(_listing("Failing", [
        f"**{check.title}**{where_it_fails(record, check)}: *{check.category or 'failed'}*: {first_line(check.message)}"
        for check in _once_a_check(failing)]))
    sections.append(_listing("Degraded", [f"**{check.title}**: {page_text.markdown(check.degraded, MAX_LINE, True)}"
                                          for check in record.checks if check.degraded]))
    sections.append(_listing("Flaky (passed on a retry)", [f"**{check.title}**"
                                                           for check in record.checks if check.flaky]))
    report = report_url or record.report
    web = report.startswith(("http://", "https://"))
    link = f"[{report}]({report})" if web else f"{report} (on the machine that ran it)"
    sections.append(f"Why now: {decision.reason}  \n"
                    f"Run: {_when(record.started)}, {_duration(record.seconds)}, "
                    f"{page_text.markdown(record.entry_url)}  \n"
                    f"Report: {link}")
    return "\n\n".join(section for section in sections if section)


def downtime(incident: Incident) -> str:
    """How long the recovered incident lasted, in runs too (the history's figures, monitor/data/uptime.py)."""
    runs = f"{incident.runs} run{'s' if incident.runs > 1 else ''}"
    return (f"Down for **{duration_text(incident.duration(incident.end))}** over {runs} "
            f"(since {shown_time(incident.start)}: {incident.outcome}).")


def _once_a_check(failing: list[CheckRecord]) -> list[CheckRecord]:
    """A check that failed on several devices is listed once (its first failure's words)."""
    first: dict[str, CheckRecord] = {}
    for check in failing:
        first.setdefault(check.id, check)
    return list(first.values())


def where_it_fails(record: RunRecord, check: CheckRecord) -> str:
    """On which devices a check failed, when it ran on more than one: " (fails on Pixel 7 only)"."""
    ran = [other for other in record.checks if other.id == check.id and other.status != Status.SKIPPED]
    if len(ran) < 2:
        return ""
    failed = [other.device for other in ran if other.failed]
    return f" (fails on {', '.join(failed)} only)" if len(failed) < len(ran) else " (on every device)"


def first_line(text: str) -> str:
    """A message's first line, without the category tag it starts with (the category is shown), as
    inert Markdown: the message carries the site's words."""
    line = page_text.line(text, len(text) + 1, first=True)
    if line.startswith("[") and "] " in line:
        line = line.split("] ", 1)[1]
    return page_text.markdown(line, MAX_LINE)


def _listing(heading: str, items: list[str]) -> str:
    if not items:
        return ""
    shown = items[:MAX_LISTED] + ([f"... and {len(items) - MAX_LISTED} more"] if len(items) > MAX_LISTED else [])
    return f"{heading}:\n\n" + "\n".join(f"- {item}" for item in shown)


def _when(iso: str) -> str:
    return f"{parse_time(iso).astimezone(UTC):%Y-%m-%d %H:%M} UTC"


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    return f"{seconds // 60} min {seconds % 60} s" if seconds >= 60 else f"{seconds} s"
