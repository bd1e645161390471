"""A check's status in one run as the strips show it, and its colour: the trend's strip and the status
page's strips alike. Besides the record's statuses: degraded (passed, slowly), no result, not run."""

from __future__ import annotations

from monitor.data.record import CheckRecord, Status

# Besides the record's statuses: passed with a slow page, no record of the check, skipped.
PASSED_SLOWLY, NO_RESULT, NOT_RUN = "degraded", "no result", "not run"
# shown status -> colour, in the order the legends list them (the trend puts "no result" last)
STATUSES = ((NO_RESULT, "#ffffff"), (Status.PASSED, "#2e9e44"), (PASSED_SLOWLY, "#f0a202"), (Status.FAILED, "#d1342f"),
            (Status.BROKEN, "#7b2d8e"), (NOT_RUN, "#b8b8b8"))


def shown_status(check: CheckRecord | None) -> str:
    if check is None:
        return NO_RESULT
    if check.status == Status.PASSED:
        return PASSED_SLOWLY if check.degraded else Status.PASSED
    return NOT_RUN if check.status == Status.SKIPPED else check.status
