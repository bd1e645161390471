"""The CI job summary (GitHub Actions' $GITHUB_STEP_SUMMARY): the verdict, the check table, what was
degraded or flaky, how the last runs went, and where the report is. Read from the run record and
the history only.

`python -m monitor.reporting.job_summary [--exit-code N]` appends it to $GITHUB_STEP_SUMMARY (or
prints it when that is not set); a run that judged nothing (no record) is said as such.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from monitor.core import outcomes, page_text
from monitor.core.paths import HISTORY, RUN_RECORD
from monitor.data import record as records
from monitor.data.history import read_history
from monitor.data.record import RunRecord, Status
from monitor.data.uptime import INCIDENT_HEADINGS, incident_cells, target_figures
from monitor.reporting.console import context_lines, note, shows_devices

SUMMARY_VARIABLE = "GITHUB_STEP_SUMMARY"
STATUS_MARKS = {Status.PASSED: "✅ passed", Status.FAILED: "❌ failed", Status.BROKEN: "💥 broken",
                Status.SKIPPED: "⏭️ not run"}
RECENT_RUNS = 7
LISTED_INCIDENTS = 5  # the last ones, newest first


def _cell(text: str) -> str:
    """The project's own words (a title, a category) as a Markdown table cell."""
    return text.splitlines()[0].replace("|", "\\|") if text else ""


def _note(check) -> str:
    """The note column: the category is the project's word; a message or flag carries the site's."""
    return _cell(check.category) if check.category else page_text.markdown_cell(note(check))


def headline(record: RunRecord) -> str:
    """The outcome's headline; a run degraded by a certificate alone says that, not a slow page."""
    if record.outcome == outcomes.Word.DEGRADED and not any(
            check.degraded and "certificate of" not in check.degraded for check in record.checks):
        return "🟡 Parents can sign in, but a TLS certificate expires soon or could not be read"
    return outcomes.by_word(record.outcome).summary


def render(record: RunRecord, previous: list[RunRecord]) -> str:
    lines = [f"## {outcomes.PRODUCT_NAME} on `{record.target}`: {headline(record)}", "",
             f"Outcome **{record.outcome}** (exit code {record.exit_code}), run `{record.run_id}`, "
             f"{record.started} to {record.finished} ({record.seconds:.0f} s), {record.browser}"
             f"{' on ' + ', '.join(record.devices) if record.devices else ''}.", ""]
    for line in context_lines(record):  # each its own paragraph
        lines += [f"**{line}**" if line.startswith("in maintenance") else line, ""]
    devices = shows_devices(record)
    lines += ["| Check | Device | Status | Time | Category or note |" if devices else
              "| Check | Status | Time | Category or note |",
              "| --- | --- | --- | ---: | --- |" if devices else "| --- | --- | ---: | --- |"]
    for check in record.checks:
        device = f" {_cell(check.device) or '–'} |" if devices else ""
        lines.append(f"| {_cell(check.title)} |{device} {STATUS_MARKS.get(check.status, check.status)} | "
                     f"{check.seconds:.1f} s | {_note(check)} |")
    failing = record.failing()
    if failing:
        lines += ["", "**What failed**", ""]
        lines += [f"- {_cell(check.label)}: {page_text.markdown(check.message, first=True)}" for check in failing]
    flagged = [check for check in record.checks if check.degraded or check.flaky]
    if flagged:
        lines += ["", "**Degraded or flaky**", ""]
        lines += [f"- {_cell(check.label)}: {page_text.markdown(note(check))}" for check in flagged]
    recent = previous[-(RECENT_RUNS - 1):] + [record]
    lines += ["", f"**The last {len(recent)} run(s)**: "
              + " → ".join(f"{run.outcome} ({run.started[5:16].replace('T', ' ')}"
                           f"{', in maintenance' if run.maintenance else ''})" for run in recent)]
    lines += uptime_lines([*previous, record])
    lines += ["", f"Report: {record.report} (the job's artifacts hold the single-file report, the Allure "
                  "report, the run record, JUnit XML and the failure traces)."]
    return "\n".join(lines) + "\n"


def uptime_lines(runs: list[RunRecord]) -> list[str]:
    """The uptime figures (the console's) and the last incidents of the 30 days."""
    figures = target_figures(runs).target
    left_out = f"; {figures.left_out} run(s) left out: maintenance, interrupted, the monitor's own trouble" \
        if figures.left_out else ""
    lines = ["", f"**Uptime**: {figures.text}{left_out}"]
    incidents = figures.recent_incidents[-LISTED_INCIDENTS:][::-1]
    if incidents:
        lines += ["", "| " + " | ".join(INCIDENT_HEADINGS) + " |", "|" + " --- |" * len(INCIDENT_HEADINGS)]
        lines += ["| " + " | ".join(_cell(cell) for cell in incident_cells(incident, figures.now)) + " |"
                  for incident in incidents]
    return lines


def render_not_judged(exit_code: int) -> str:
    return (f"## {outcomes.PRODUCT_NAME}: {outcomes.NOT_JUDGED}\n\nThe monitor stopped with exit code {exit_code} "
            "before it reached a verdict (see docs/running.md, Exit codes, and the job's log); no report was built.\n")


def write(markdown: str, environ=os.environ) -> Path | None:
    """Append to the job summary file; None (and print) outside GitHub Actions."""
    target = environ.get(SUMMARY_VARIABLE)
    if not target:
        print(markdown)
        return None
    with open(target, "a", encoding="utf-8") as handle:
        handle.write(markdown + "\n")
    return Path(target)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m monitor.reporting.job_summary",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--record", type=Path, default=RUN_RECORD)
    parser.add_argument("--history", type=Path, default=HISTORY)
    parser.add_argument("--exit-code", type=int, default=None, help="the monitor's exit code, for a run with no record")
    args = parser.parse_args(argv)
    if not args.record.is_file():
        write(render_not_judged(args.exit_code if args.exit_code is not None else -1))
        return 0
    record = records.read(args.record)
    previous = [run for run in read_history(args.history, record.target) if run.run_id != record.run_id]
    write(render(record, previous))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
