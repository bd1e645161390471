"""The report's view of a page's scan: a table of its violations (one row a rule) and the offending
elements outlined on the page for a screenshot."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from html import escape

from playwright.sync_api import Page

from monitor.accessibility.policy import ACCEPTED, FAILS, REPORTED, Finding
from monitor.accessibility.scan import ScanResult

SHOWN_SELECTORS = 3
OUTLINE = "3px solid #d4002a"
_ORDER = {FAILS: 0, REPORTED: 1, ACCEPTED: 2}
_STYLE = """<style>
body { font: 14px/1.4 -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1b1b1b; margin: 12px; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #c8c6c4; padding: 6px 8px;
text-align: left; vertical-align: top; } th { background: #f3f2f1; } code { font-size: 12px; }
.fails td:first-child { color: #a4262c; font-weight: 600; } .summary { margin: 0 0 10px; }
</style>"""


def table_rows(findings: list[Finding]) -> list[dict[str, str]]:
    """One row a rule: its status (the worst of its elements'), impact, elements, WCAG criteria, help."""
    rows: dict[str, dict] = {}
    for finding in findings:
        violation = finding.violation
        row = rows.setdefault(violation.rule, {
            "status": finding.status, "rule": violation.rule, "impact": violation.impact, "elements": [],
            "wcag": ", ".join(violation.criteria) or "-", "help": violation.help, "help_url": violation.help_url,
            "example": finding.sentence})
        row["elements"].append(finding.node.selector)
        if _ORDER[finding.status] < _ORDER[row["status"]]:
            row["status"], row["example"] = finding.status, finding.sentence
    return sorted(rows.values(), key=lambda row: (_ORDER[row["status"]], row["rule"]))


def html_table(findings: list[Finding], result: ScanResult, page_label: str) -> str:
    rows = table_rows(findings)
    failing = sum(finding.status == FAILS for finding in findings)
    summary = (f"{page_label}: {len(rows)} rule(s) broken by {len(findings)} element(s), {failing} failing the "
               f"check; {result.engine}, {result.seconds:.2f} s, WCAG 2.0/2.1 A and AA")
    body = "".join(
        f"<tr class=\"{'fails' if row['status'] == FAILS else ''}\"><td>{escape(row['status'])}</td>"
        f"<td><code>{escape(row['rule'])}</code><br>{escape(row['example'])}</td><td>{escape(row['impact'])}</td>"
        f"<td>{len(row['elements'])}</td><td>{escape(row['wcag'])}</td>"
        f"<td><a href=\"{escape(row['help_url'])}\" target=\"_blank\" rel=\"noopener\">{escape(row['help'])}</a></td>"
        f"<td>{'<br>'.join(f'<code>{escape(selector)}</code>' for selector in row['elements'][:SHOWN_SELECTORS])}"
        f"{' ...' if len(row['elements']) > SHOWN_SELECTORS else ''}</td></tr>"
        for row in rows)
    head = "<tr><th>status</th><th>rule</th><th>impact</th><th>elements</th><th>WCAG</th><th>help</th>" \
           "<th>first elements</th></tr>"
    table = f"<table>{head}{body}</table>" if rows else "<p>No violations.</p>"
    return f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">{_STYLE}</head><body>" \
           f"<p class=\"summary\">{escape(summary)}</p>{table}</body></html>"


# Inline styles set through the DOM: a page's Content-Security-Policy may forbid a <style> tag.
_OUTLINE_JS = """([selectors, on, outline]) => {
  for (const selector of selectors) {
    let elements = [];
    try { elements = document.querySelectorAll(selector); } catch (e) { continue; }
    for (const el of elements) {
      if (on && !('a11yOutline' in el.dataset)) {
        el.dataset.a11yOutline = el.style.cssText;
        el.style.setProperty('outline', outline, 'important');
        el.style.setProperty('outline-offset', '2px', 'important');
      } else if (!on && 'a11yOutline' in el.dataset) {
        el.style.cssText = el.dataset.a11yOutline;
        delete el.dataset.a11yOutline;
      }
    }
  }
}"""


@contextmanager
def outlined(page: Page, findings: list[Finding]) -> Iterator[None]:
    """The offending elements outlined in red while inside (frames and shadow roots aside)."""
    selectors = sorted({finding.node.selector for finding in findings if ">>" not in finding.node.selector})
    page.evaluate(_OUTLINE_JS, [selectors, True, OUTLINE])
    try:
        yield
    finally:
        page.evaluate(_OUTLINE_JS, [selectors, False, OUTLINE])
