"""A check's state in one run, and its colour: the trend's strip and the status page's strips alike."""

from __future__ import annotations

from monitor.data.record import CheckRecord

# state -> colour, in the order the trend's colour map and the legends list them
STATES = (("no result", "#ffffff"), ("passed", "#2e9e44"), ("degraded", "#f0a202"), ("failed", "#d1342f"),
          ("broken", "#7b2d8e"), ("not run", "#b8b8b8"))
COLOURS = dict(STATES)


def state(check: CheckRecord | None) -> str:
    if check is None:
        return "no result"
    if check.status == "passed":
        return "degraded" if check.degraded else "passed"
    return "not run" if check.status == "skipped" else check.status
