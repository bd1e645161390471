"""The status page: reports/status.html, rebuilt from the run history after every run.

One self-contained file (inline CSS; no script, font, image or style sheet from elsewhere, and a
Content-Security-Policy that allows none), so it opens from disk, on a phone, or published
(docs/uptime-and-status-page.md). It holds the project's own words only: check titles, verdicts, times, and a
failure as its category and its verdict's sentence (never its message, which may quote the page);
never a screenshot, a page's text or a report link. Per target: the overall state, the uptime
figures (monitor/run/uptime.py, the console's and the job summary's), a strip of the last 90 runs
per check, the incidents of the last 30 days, and the upcoming maintenance windows.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from monitor import maintenance
from monitor.core import outcomes, page_text
from monitor.core.outcomes import Word
from monitor.core.redact import Redactor
from monitor.core.verdicts import BY_KEY
from monitor.data.history import read_history
from monitor.data.record import CheckRecord, RunRecord, shown_time
from monitor.data.uptime import (
    INCIDENT_HEADINGS,
    UP,
    Figures,
    TargetFigures,
    as_of,
    by_target,
    counts,
    duration_text,
    incident_cells,
)
from monitor.maintenance import Occurrence
from monitor.reporting.job_summary import headline
from monitor.reporting.statuses import STATUSES, shown_status

LAST_RUNS = 90
MAINTENANCE_DAYS = 14  # how far ahead the page lists maintenance windows
MAX_MESSAGE = 160  # a failure's first line, cut: a tooltip, not a report
TITLE = f"{outcomes.PRODUCT_NAME}: status"

_CSS = """
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;background:#f4f5f7}
main{max-width:960px;margin:0 auto;padding:16px}
h1{font-size:1.45em;margin:.2em 0 .6em}h2{font-size:1.2em;margin:0 0 .4em}h3{font-size:1em;margin:1.2em 0 .4em}
section{background:#fff;border-radius:8px;padding:14px 16px;margin:0 0 16px;box-shadow:0 1px 2px #0002}
.banner{padding:14px 16px;border-radius:8px;color:#fff;font-weight:600;font-size:1.1em;margin-bottom:16px}
.pill{display:inline-block;padding:6px 12px;border-radius:6px;color:#fff;font-weight:600;margin:0 0 8px}
.up{background:#2e9e44}.down{background:#d1342f}.unknown{background:#6b7280}.maintenance{background:#2f6fd1}
.tiles{display:flex;flex-wrap:wrap;gap:8px;margin:.6em 0}
.tile{flex:1 1 120px;border:1px solid #e3e5e8;border-radius:6px;padding:6px 10px}
.tile b{display:block;font-size:1.35em}.tile small,.muted{color:#5b6472}
.check{margin:10px 0 14px}.check .name{display:flex;flex-wrap:wrap;justify-content:space-between;gap:2px 12px}
.strip{display:flex;gap:1px;height:26px;margin:4px 0 2px}
.strip span{flex:1 1 0;min-width:1px;max-width:12px;border-radius:1px}
.strip span.m{opacity:.35}
.ends{display:flex;justify-content:space-between;font-size:.8em;color:#5b6472}
.legend{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:.85em;color:#5b6472;margin:.4em 0}
.legend i{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:4px;vertical-align:-1px}
table{border-collapse:collapse;width:100%;font-size:.9em}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #e3e5e8;vertical-align:top}
th{white-space:nowrap}
footer{font-size:.85em;color:#5b6472;padding:0 4px 24px}
@media (max-width:560px){main{padding:8px}section{padding:12px}.tile b{font-size:1.15em}
 table.stack th{display:none}table.stack tr{display:block;padding:6px 0;border-bottom:1px solid #e3e5e8}
 table.stack td{display:flex;gap:8px;border:0;padding:1px 0}
 table.stack td::before{content:attr(data-label);flex:0 0 7.5em;color:#5b6472}}
"""


def content_security_policy(style: str) -> str:
    """Nothing from elsewhere, no script, no form, no frame: only the page's own style element (by its
    hash), so that even text that slipped past the escaping could load nothing."""
    digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode("ascii")
    return f"default-src 'none'; style-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"


def _class(name: str) -> str:
    return "s-" + name.replace(" ", "-")


def _state_css() -> str:
    return "".join(f".{_class(name)}{{background:{colour}}}" for name, colour in STATUSES) + \
        f".{_class('no result')}{{background:#eceef1}}"  # white on white would be invisible


class _Page:
    def __init__(self, secrets: Iterable[str]) -> None:
        self.redactor = Redactor(secrets)

    def text(self, text: str) -> str:
        """Text from the history, as the page shows it: redacted again, then escaped."""
        return html.escape(self.redactor.text(text))

    def message(self, text: str) -> str:
        """A message's first line, printable and bounded (escaped with the rest by `text`)."""
        return page_text.line(text, MAX_MESSAGE, first=True)


def public_failure(check: CheckRecord) -> str:
    """A failure as the public page says it: its category and the verdict's own sentence, never the
    message, which may quote what the page said (a name, an account detail)."""
    verdict = BY_KEY.get(check.verdict or "")
    if verdict is None:
        return f"{check.category or check.status}: the check failed (see the private report)"
    return f"{verdict.category}: {verdict.explanation}"


def _tiles(figures: Figures) -> str:
    tiles = [f'<div class="tile"><small>{share.period}</small><b>{share.text}</b>'
             f'<small>{share.up} of {share.counted} runs up</small></div>' for share in figures.shares]
    mttr = figures.mttr
    tiles.append(f'<div class="tile"><small>incidents, 30 d</small><b>{len(figures.recent_incidents)}</b>'
                 f'<small>MTTR {duration_text(mttr) if mttr else "-"}</small></div>')
    return f'<div class="tiles">{"".join(tiles)}</div>'


def _cell(page: _Page, run: RunRecord, check_id: str) -> str:
    check = run.check(check_id)
    name = shown_status(check)
    words = [shown_time(datetime.fromisoformat(run.started)), name]
    if check is not None and check.failed:
        words.append(public_failure(check))
    elif check is not None and check.degraded:
        words.append(page.message(check.degraded))
    if run.maintenance:
        words.append(run.maintenance.text)
    maintenance = " m" if run.maintenance else ""
    return f'<span class="{_class(name)}{maintenance}" title="{page.text(" · ".join(words))}"></span>'


def _checks(page: _Page, runs: list[RunRecord], figures: TargetFigures) -> str:
    shown = runs[-LAST_RUNS:]
    rows = []
    for check_id, check in figures.checks:
        latest = shown_status(shown[-1].check(check_id))
        shares = " · ".join(f"{share.period} {share.text}" for share in check.shares)
        cells = "".join(_cell(page, run, check_id) for run in shown)
        rows.append(f'<div class="check"><div class="name"><span>{page.text(check.name)}</span>'
                    f'<span class="muted">{latest} · {shares}</span></div><div class="strip">{cells}</div></div>')
    legend = "".join(f'<span><i class="{_class(name)}"></i>{name}</span>' for name, _ in STATUSES)
    ends = f'<div class="ends"><span>{len(shown)} runs ago</span><span>latest</span></div>'
    return (f'<h3>The last {len(shown)} runs, per check</h3><div class="legend">{legend}'
            f'<span><i class="s-passed m"></i>in a maintenance window (faded)</span></div>{"".join(rows)}{ends}')


def _incidents(page: _Page, figures: Figures) -> str:
    incidents = figures.recent_incidents[::-1]
    if not incidents:
        return '<h3>Incidents, 30 days</h3><p class="muted">None.</p>'
    head = "".join(f"<th>{heading}</th>" for heading in INCIDENT_HEADINGS)
    body = "".join("<tr>" + "".join(f'<td data-label="{heading}">{page.text(cell)}</td>' for heading, cell
                                    in zip(INCIDENT_HEADINGS, incident_cells(incident, figures.now), strict=True))
                   + "</tr>" for incident in incidents)
    return f'<h3>Incidents, 30 days</h3><table class="stack"><tr>{head}</tr>{body}</table>'


def _latest(runs: list[RunRecord]) -> RunRecord:
    """The run that says the target's state: the last one that was not interrupted."""
    return next((run for run in reversed(runs) if run.outcome != Word.INTERRUPTED), runs[-1])


def _state_of(runs: list[RunRecord]) -> str:
    """The banner's class: as the uptime counts the latest run (up, down), else maintenance or unknown."""
    latest = _latest(runs)
    if latest.maintenance:
        return "maintenance"
    if not counts(latest):
        return "unknown"
    return "up" if latest.outcome in UP else "down"


def _said(runs: list[RunRecord]) -> str:
    """A target's state in words: its latest run's headline, and the window it is in."""
    latest = _latest(runs)
    return headline(latest) + (f" ({latest.maintenance.text})" if latest.maintenance else "")


def _target(page: _Page, runs: list[RunRecord], figures: TargetFigures, alone: bool) -> str:
    """A target's section; `alone`: the page's banner says its state already."""
    latest = _latest(runs)
    pill = "" if alone else f'<div class="pill {_state_of(runs)}">{page.text(_said(runs))}</div>'
    left_out = f"; {figures.target.left_out} run(s) of 30 d left out (maintenance, interrupted, the monitor's own " \
        "trouble)" if figures.target.left_out else ""
    return (f'<section><h2>{page.text(latest.target)}</h2>{pill}'
            f'<div class="muted">Last run {shown_time(datetime.fromisoformat(latest.started))}: '
            f'{page.text(latest.outcome)}{left_out}.</div>'
            f'{_tiles(figures.target)}{_checks(page, runs, figures)}{_incidents(page, figures.target)}</section>')


def _maintenance(page: _Page, upcoming: Iterable[Occurrence], now: datetime) -> str:
    headings = ("Reason", "Targets", "From", "To", "State")
    rows = "".join("<tr>" + "".join(f'<td data-label="{heading}">{page.text(cell)}</td>' for heading, cell in zip(
        headings, (item.reason, ", ".join(item.targets), shown_time(item.opens), shown_time(item.closes),
                   "in progress" if item.in_progress(now) else "upcoming"), strict=True)) + "</tr>"
                   for item in upcoming)
    if not rows:
        return (f'<section><h2>Maintenance</h2><p class="muted">No window planned in the next {MAINTENANCE_DAYS} '
                'days.</p></section>')
    head = "".join(f"<th>{heading}</th>" for heading in headings)
    return f'<section><h2>Maintenance</h2><table class="stack"><tr>{head}</tr>{rows}</table></section>'


def render(runs: list[RunRecord], upcoming: Iterable[Occurrence] = (), now: datetime | None = None,
           secrets: Iterable[str] = (), maintenance_now: datetime | None = None) -> str:
    """The page for every target of the history (oldest first). `now`: the figures' moment, by default
    the latest run's end (the console's); `maintenance_now`: which window is in progress (default: now)."""
    page = _Page(secrets)
    figures = by_target(runs, now)
    now = now or as_of(runs)
    by_name = {target: [run for run in runs if run.target == target] for target in figures}
    states = {target: _state_of(target_runs) for target, target_runs in by_name.items()}
    down = [f"{target}: {_said(by_name[target])}" for target, state in states.items() if state == "down"]
    if not runs:
        kind, text = "unknown", "No run recorded yet"
    elif len(states) == 1:
        kind, text = next(iter(states.values())), _said(runs)
    elif down:
        kind, text = "down", "; ".join(down)
    elif set(states.values()) == {"up"}:
        kind, text = "up", outcomes.by_word(Word.OK).summary
    else:
        kind, text = "unknown", "No outage seen: a target is in maintenance, or its last run was not counted"
    banner = f'<div class="banner {kind}">{page.text(text)}</div>'
    sections = "".join(_target(page, by_name[target], figures[target], len(figures) == 1) for target in figures)
    style = _CSS + _state_css()
    as_of_text = f"As of {shown_time(now)}" if now else "No run recorded"
    windows = _maintenance(page, upcoming, maintenance_now or now or datetime.now().astimezone())
    return ('<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(style)}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{TITLE}</title><style>{style}</style></head><body><main>'
            f'<h1>{TITLE}</h1>{banner}{sections}{windows}'
            f'<footer>{as_of_text} (the latest run\'s end). Built from the run history by the Focus parent login '
            'monitor: uptime is the share of runs that were ok or degraded; hover a cell for its run.</footer>'
            '</main></body></html>\n')


def write(runs: list[RunRecord], path: Path, upcoming: Iterable[Occurrence] = (), now: datetime | None = None,
          secrets: Iterable[str] = (), maintenance_now: datetime | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_suffix(".tmp")
    scratch.write_text(render(runs, upcoming, now, secrets, maintenance_now), encoding="utf-8")
    scratch.replace(path)  # a reader (a web server) never sees half a page
    return path


def build(history: Path, path: Path, targets_file: Path, secrets: Iterable[str] = (),
          now: datetime | None = None) -> Path:
    """Rebuild the page from the whole history (every target's runs) and the maintenance file
    (OSError: not written; MaintenanceError, TargetError: a bad maintenance or targets file)."""
    runs = read_history(history)
    now = now or datetime.now().astimezone()
    known = maintenance.known_targets(targets_file)
    windows = maintenance.load(maintenance.maintenance_file(), known)
    shown = {name: target for name, target in known.items() if name in {run.target for run in runs}}
    upcoming = maintenance.upcoming(windows, shown, now, days=MAINTENANCE_DAYS)
    return write(runs, path, upcoming, secrets=secrets, maintenance_now=now)
