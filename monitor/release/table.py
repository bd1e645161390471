"""The release check's table: for the console, and as Markdown for a release ticket."""

from __future__ import annotations

from monitor.core import page_text
from monitor.release.compare import REGRESSION, SLOWER, Comparison

MARKS = {REGRESSION: "❌ regression", "still failing": "⚠️ still failing", "fixed": "✅ fixed", "ok": "ok",
         "not compared": "– not compared"}


def headline(comparison: Comparison) -> str:
    regressions, slower = comparison.regressions(), comparison.slower()
    if regressions:
        return f"{len(regressions)} regression(s): the candidate breaks what works on the baseline (a release blocker)"
    if slower:
        return f"no regression; {len(slower)} check(s) slower on the candidate"
    return "no regression"


def console(comparison: Comparison) -> list[str]:
    width = max([len(row.title) for row in comparison.rows] + [5])
    rule = "-" * (width + 60)
    lines = [f"Release check: candidate {comparison.candidate.target} against baseline {comparison.baseline.target}",
             f"{'Check':<{width}}  {'Baseline':<9} {'Candidate':<9}  Comparison", rule]
    for row in comparison.rows:
        note = f"  ({page_text.line(row.note)})" if row.note else ""  # a message: the site's words
        lines.append(f"{row.title:<{width}}  {row.baseline:<9} {row.candidate:<9}  {row.comparison}{note}")
    return lines + [rule, headline(comparison)]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown(comparison: Comparison) -> str:
    base, cand = comparison.baseline, comparison.candidate
    lines = [f"## Release check: `{cand.target}` against `{base.target}`", "",
             f"**{headline(comparison)}**", "",
             f"Baseline `{base.target}` ({base.entry_url}): {base.outcome}, run `{base.run_id}` at {base.started}  ",
             f"Candidate `{cand.target}` ({cand.entry_url}): {cand.outcome}, run `{cand.run_id}` at {cand.started}",
             "", "| Check | Baseline | Candidate | Comparison | Note |", "| --- | --- | --- | --- | --- |"]
    for row in comparison.rows:
        shown = ", ".join(MARKS.get(part, part) for part in row.comparison.split(", "))
        lines.append(f"| {_cell(row.title)} | {row.baseline} | {row.candidate} | {shown} | "
                     f"{page_text.markdown_cell(row.note)} |")
    lines += ["", f"Slower: a page more than the factor times the baseline's and at least the minimum seconds "
                  f"more ({SLOWER} in the comparison)."]
    return "\n".join(lines) + "\n"
