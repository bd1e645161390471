"""The alert: a title and a short Markdown body, read from the run record alone (categories and
messages as the run recorded them, never Allure's files or console text). Apprise turns the Markdown
into HTML for e-mail and keeps it, or plain text, where a channel wants that."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC

from monitor.core.outcomes import by_word
from monitor.core.redact import Redactor
from monitor.data.record import RunRecord, parse_time
from monitor.notify.decision import RECOVERED, REMINDER, Decision

PRODUCT = "Focus parent login"
MAX_LISTED = 8  # checks per section: a phone screen, and Teams cards cut at 1,000 characters
MAX_LINE = 160


@dataclass(frozen=True)
class Message:
    title: str
    body: str  # Markdown


def compose(record: RunRecord, decision: Decision, report_url: str = "", secrets: Iterable[str] = ()) -> Message:
    """The message for a run; any known secret that reached the record's text is scrubbed again."""
    redactor = Redactor(secrets)
    return Message(redactor.text(title(record, decision)), redactor.text(body(record, decision, report_url)))


def title(record: RunRecord, decision: Decision) -> str:
    if decision.kind == REMINDER:
        return f"{PRODUCT}: still {by_word(record.verdict).alert} on {record.target} ({decision.runs} runs)"
    headline = RECOVERED if decision.kind == RECOVERED else by_word(decision.kind).alert
    return f"{PRODUCT}: {headline} on {record.target}"


def body(record: RunRecord, decision: Decision, report_url: str = "") -> str:
    failing = record.failing()
    skipped = sum(check.status == "skipped" for check in record.checks)
    ran = len(record.checks) - skipped
    headline = f"**{len(failing)} of {ran} checks failed**" if failing else f"**All {ran} checks passed**"
    sections = [headline + (f", {skipped} did not run" if skipped else "") + "."]
    sections.append(_listing("Failing", [
        f"**{check.title}**: *{check.category or 'failed'}*: {first_line(check.message)}" for check in failing]))
    sections.append(_listing("Degraded", [f"**{check.title}**: {first_line(check.degraded)}"
                                          for check in record.checks if check.degraded]))
    sections.append(_listing("Flaky (passed on a retry)", [f"**{check.title}**"
                                                           for check in record.checks if check.flaky]))
    report = report_url or record.report
    web = report.startswith(("http://", "https://"))
    link = f"[{report}]({report})" if web else f"{report} (on the machine that ran it)"
    sections.append(f"Why now: {decision.reason}  \n"
                    f"Run: {_when(record.started)}, {_duration(record.seconds)}, {record.entry_url}  \n"
                    f"Report: {link}")
    return "\n\n".join(section for section in sections if section)


def first_line(text: str) -> str:
    """A message's first line, without the category tag it starts with (the category is shown)."""
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if line.startswith("[") and "] " in line:
        line = line.split("] ", 1)[1]
    return line if len(line) <= MAX_LINE else line[:MAX_LINE - 1] + "…"


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
