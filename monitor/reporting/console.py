"""The summary table at the end of a run, read from its record."""

from __future__ import annotations

from monitor.run.record import CheckRecord, RunRecord


def note(check: CheckRecord) -> str:
    """What the table says beside a check's status: its category, why it did not run, or its flags."""
    if check.category:
        return check.category
    if check.status == "skipped":
        return check.message
    notes = ["flaky: passed on retry"] if check.flaky else []
    return "; ".join(notes + ([f"degraded: {check.degraded}"] if check.degraded else []))


def table(record: RunRecord, report_path: str, trend_path: str | None = None) -> list[str]:
    width = max([len(check.title) for check in record.checks] + [len("Check")])
    rule = "-" * (width + 40)
    lines = [f"{'Check':<{width}}  {'Status':<8} {'Time':>7}  Category / note", rule]
    lines += [f"{check.title:<{width}}  {check.status:<8} {check.seconds:>6.1f}s  {note(check)}"
              for check in record.checks]
    counts: dict[str, int] = {}
    for check in record.checks:
        counts[check.status] = counts.get(check.status, 0) + 1
    lines.append(rule)
    lines.append(f"{record.target}: {record.verdict} (exit {record.exit_code}); "
                 + ", ".join(f"{count} {status}" for status, count in counts.items()) + f"; report: {report_path}")
    if trend_path:
        lines.append(f"trend: {trend_path}")
    return lines
