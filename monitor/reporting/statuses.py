"""A check's status in one run as the strips show it, and its colour: the trend's strip and the status
page's strips alike. Besides the record's statuses: degraded (passed, slowly), no result, not run."""

from __future__ import annotations

from monitor.data.record import CheckRecord

# shown status -> colour, in the order the trend's colour map and the legends list them
STATUSES = (("no result", "#ffffff"), ("passed", "#2e9e44"), ("degraded", "#f0a202"), ("failed", "#d1342f"),
            ("broken", "#7b2d8e"), ("not run", "#b8b8b8"))


def shown_status(check: CheckRecord | None) -> str:
    if check is None:
        return "no result"
    if check.status == "passed":
        return "degraded" if check.degraded else "passed"
    return "not run" if check.status == "skipped" else check.status
