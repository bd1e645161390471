"""The trend image: how the last runs went, read from the run history (never from Allure's files).

Top: a strip per check, one cell per run (passed, degraded, failed, not run), like a status page's
history. Bottom: the slowest load of the key pages and the flow's milestones per run, against the
target's degraded and fail thresholds.

An SVG written as text: milliseconds, where matplotlib took about a second to import and up to another
to draw. Its words (check titles, page addresses, milestones, the target) may come from the
site: each is one printable, bounded line, XML-escaped, and only ever a text node. The file is
self-contained: no script, link, style sheet, font or image, nothing that loads or runs.
"""

from __future__ import annotations

import html
import math
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from monitor.core import page_text
from monitor.core.outcomes import PRODUCT_NAME
from monitor.data.record import RunRecord, Status, parse_time
from monitor.reporting.statuses import NO_RESULT, PASSED_SLOWLY, STATUSES, shown_status

LAST_RUNS = 30
KEY_PAGES = 3  # the pages most checks load (the sign-in page, the landing page...)
MILESTONES = 8  # the flow has two; more lines than this would be unreadable
COLOURS = dict(STATUSES) | {NO_RESULT: "#eceef1"}  # white on the white background would be invisible
# The status page's palette (status_page._CSS): ink, muted text, rules.
INK, MUTED, RULE = "#1d2330", "#5b6472", "#e3e5e8"
FONT = 'system-ui,-apple-system,"Segoe UI",Roboto,sans-serif'
# The lines' colours, none of them a status's (the thresholds are drawn in those).
SERIES = ("#2f6fd1", "#0f8b8d", "#c2399b", "#6b7280", "#8c5a2b", "#56a0e0", "#1d2330", "#b3861a")

# Layout, in pixels.
MARGIN = 16
LABELS_MIN, LABELS_MAX = 220, 380  # the left column: check labels above, the chart's legend below
Y_AXIS = 56  # the chart's tick labels and axis title, at the right of that column
COLUMN_MIN_TOTAL, COLUMN_MAX_TOTAL, COLUMN = 480, 900, 30  # the runs' columns: 30 px each, within these
ROW, ROW_GAP = 18, 4
CELL_GAP = 2
TITLE_SIZE, LABEL_SIZE, SMALL_SIZE = 16, 12, 11
SLANTED_DATES = 66  # the height of the runs' times, slanted
CHART_MIN = 220
LEGEND_ROW, LEGEND_KEY = 18, 30  # a line of the chart's legend; its key's width
# Characters' widths in ems, by group (each the group's widest), for the labels' cut.
_EMS = {char: width for width, chars in ((0.3, "ijlIJ'"), (0.4, " .,:;/\\|!f-()[]rt\""), (0.56, "csz?_*`"),
                                         (0.64, "abdeghknopquvxy0123456789$EFLPSTY{}"),
                                         (0.8, "ABCDGHKNOQRUVXZ&"), (0.86, "#+<=>^~wM"), (1.0, "mW@%…"))
        for char in chars}
MILESTONE_DASH, THRESHOLD_DASH = ' stroke-dasharray="6 4"', ' stroke-dasharray="2 3"'


def _short(label: str, width: int = 34) -> str:
    """Site-given words as shown: one printable line of at most `width` characters."""
    return page_text.line(label, width)


def _char_width(char: str) -> float:
    """About how wide a character is, in ems (no font metrics here): DejaVu Sans's widths, the widest
    of the usual system fonts, so that a label estimated to fit does fit."""
    width = _EMS.get(char)
    if width is not None:
        return width
    if unicodedata.combining(char):
        return 0.0
    return 1.0 if unicodedata.east_asian_width(char) in "WF" else 0.8


def _width(text: str, size: float) -> float:
    return sum(_char_width(char) for char in text) * size


def _fit(text: str, width: float, size: float) -> str:
    """The line cut (with an ellipsis) to about `width` pixels."""
    if _width(text, size) <= width:
        return text
    while text and _width(text + page_text.ELLIPSIS, size) > width:
        text = text[:-1]
    return text.rstrip() + page_text.ELLIPSIS


def _escaped(text: str) -> str:
    """Text as an XML text node. The slashes too: an address in a title then has no "//" that a scan
    for loaded addresses (third_party.py) would take for a url(...)."""
    return html.escape(text, quote=True).replace("/", "&#47;")


def _text(x: float, y: float, text: str, size: float = SMALL_SIZE, anchor: str = "start", fill: str = INK,
          extra: str = "") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}"{extra}>'
            f"{_escaped(text)}</text>")


def _joined(*parts: str) -> str:
    return " · ".join(part for part in parts if part)


def _title(text: str) -> str:
    """A tooltip, where the image is opened by itself: made of lines already (one call of page_text
    per word, not per cell)."""
    return f"<title>{_escaped(text)}</title>"


def _page_name(page: str) -> str:
    """A page's label for the legend: its host and last path segment."""
    host, _, path = page.partition("/")
    return f"{host}/…/{path.rsplit('/', 1)[-1]}" if "/" in path else page


def key_pages(runs: list[RunRecord]) -> list[str]:
    """The pages that most checks load, among those the browser measured (a redirect hop has no
    figures of its own)."""
    counts: dict[str, int] = {}
    for run in runs:
        for check in run.checks:
            for page in {page.page for page in check.pages if page.ttfb_ms is not None}:
                counts[page] = counts.get(page, 0) + 1
    return sorted(counts, key=lambda page: (-counts[page], page))[:KEY_PAGES]


def _seconds(values: Iterable[float]) -> float | None:
    """The slowest of a run's figures; None without one (a figure that is no time is none)."""
    return max((value for value in values if math.isfinite(value) and value >= 0), default=None)


def _series(runs: list[RunRecord]) -> list[tuple[str, bool, list[float | None]]]:
    """(legend label, is a milestone, seconds per run) of each line."""
    lines = []
    for page in key_pages(runs):
        slowest = [_seconds(p.seconds for c in run.checks for p in c.pages if p.page == page) for run in runs]
        lines.append((f"load: {_short(_page_name(page))}", False, slowest))
    names = list(dict.fromkeys(name for run in runs for check in run.checks for name in check.milestones))
    for name in names[:MILESTONES]:
        seconds = [_seconds(c.milestones[name] / 1000 for c in run.checks if name in c.milestones) for run in runs]
        lines.append((_short(name), True, seconds))
    return lines


def _thresholds(latest: RunRecord) -> list[tuple[str, str, float]]:
    """(legend label, colour, seconds) of the latest run's thresholds."""
    lines = [(f"degraded above {latest.degraded_after_s:g} s", COLOURS[PASSED_SLOWLY], latest.degraded_after_s),
             (f"fails above {latest.fail_after_s:g} s", COLOURS[Status.FAILED], latest.fail_after_s)]
    return [line for line in lines if math.isfinite(line[2]) and line[2] >= 0]


def _axis_top(highest: float) -> tuple[float, float]:
    """The y axis's top and its tick step: four to six round ticks over the highest value."""
    highest = highest if highest > 0 else 1.0
    raw = highest / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return math.ceil(highest / step - 1e-9) * step, step


def _dates(xs: list[float], y: float, labels: list[str], column: float) -> tuple[str, float]:
    """The runs' times under a row of columns, level where they fit, slanted where they do not; and
    the height they take."""
    if _width(labels[0], SMALL_SIZE) + 8 <= column:
        return "".join(_text(x, y + SMALL_SIZE, label, SMALL_SIZE, "middle", MUTED)
                       for x, label in zip(xs, labels, strict=True)), SMALL_SIZE + 8
    return "".join(_text(x, y, label, SMALL_SIZE, "end", MUTED, f' transform="rotate(-60 {x:.1f} {y:.1f})"')
                   for x, label in zip(xs, labels, strict=True)), SLANTED_DATES


def _marker(x: float, y: float, colour: str, square: bool, tip: str) -> str:
    if square:
        return (f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" fill="{colour}" stroke="#fff" '
                f'stroke-width="1">{_title(tip)}</rect>')
    return (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}" stroke="#fff" stroke-width="1">'
            f"{_title(tip)}</circle>")


def _line_sample(x: float, y: float, colour: str, dash: str, square: bool | None) -> str:
    """A legend's key: a piece of the line, with its marker (None: a threshold, no marker)."""
    sample = (f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x + 22:.1f}" y2="{y:.1f}" stroke="{colour}" '
              f'stroke-width="2"{dash}/>')
    if square is None:
        return sample
    marker = (f'<rect x="{x + 7.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" fill="{colour}"/>' if square else
              f'<circle cx="{x + 11:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>')
    return sample + marker


def render(runs: list[RunRecord], path: Path, last: int = LAST_RUNS) -> Path | None:
    """Write the trend image (SVG) of the last runs of one target; None when there is no run to show."""
    svg = draw(runs, last)
    if svg is None:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(svg, encoding="utf-8")
    return path


def draw(runs: list[RunRecord], last: int = LAST_RUNS) -> str | None:
    """The trend image's SVG markup; None when there is no run to show."""
    runs = runs[-last:]
    if not runs:
        return None
    latest = runs[-1]
    check_ids = list(dict.fromkeys(check.key for run in runs for check in run.checks))
    titles = {check.key: _short(check.label, 48) for run in runs for check in run.checks}
    dates = [parse_time(run.started).strftime("%m-%d %H:%M") for run in runs]
    series = _series(runs)
    thresholds = _thresholds(latest)
    # The chart's legend: (label, colour, dash, marker: square for a milestone, None for a threshold).
    keys = [(label, SERIES[number % len(SERIES)], MILESTONE_DASH if milestone else "", milestone)
            for number, (label, milestone, _) in enumerate(series)]
    keys += [(label, colour, THRESHOLD_DASH, None) for label, colour, _ in thresholds]

    # The left column holds the check labels and, below them, the chart's legend: as wide as they
    # need, within bounds (a longer one is cut). The runs' columns line up in the strip and the chart.
    labels_width = max([_width(titles[key], LABEL_SIZE) for key in check_ids] or [0]) + 10
    legend_width = max([_width(key[0], SMALL_SIZE) for key in keys] or [0]) + 6 + LEGEND_KEY + Y_AXIS
    left = MARGIN + min(max(labels_width, legend_width, LABELS_MIN - MARGIN), LABELS_MAX - MARGIN)
    plot_width = min(max(COLUMN * len(runs), COLUMN_MIN_TOTAL), COLUMN_MAX_TOTAL)
    column = plot_width / len(runs)
    xs = [left + (index + 0.5) * column for index in range(len(runs))]
    width = left + plot_width + MARGIN

    title = page_text.line(f"{PRODUCT_NAME}: the last {len(runs)} run(s) on {page_text.line(latest.target, 80)}")
    parts = [_text(MARGIN, MARGIN + TITLE_SIZE, _fit(title, width - 2 * MARGIN, TITLE_SIZE), TITLE_SIZE,
                   extra=' font-weight="600"'), _status_legend(left, MARGIN + TITLE_SIZE + 22)]
    top = MARGIN + TITLE_SIZE + 34
    strip, top = _strip(runs, [(key, titles[key]) for key in check_ids], dates, left, column, top)
    parts.append(strip)
    times, height = _dates(xs, top + 10, dates, column)
    parts.append(times)
    top += 10 + height + 14
    chart_height = max(CHART_MIN, len(keys) * LEGEND_ROW + 8)
    parts.append(_chart(series, thresholds, xs, dates, left, plot_width, top, chart_height))
    parts.append(_chart_legend(keys, top + 8, left - Y_AXIS - MARGIN - LEGEND_KEY))
    times, height = _dates(xs, top + chart_height + 14, dates, column)
    parts.append(times)
    height = top + chart_height + 14 + height + MARGIN
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" font-family=\'{FONT}\'>{_title(title)}'
            f'<rect x="0" y="0" width="{width:.0f}" height="{height:.0f}" fill="#fff"/>{"".join(parts)}</svg>\n')


def _status_legend(x: float, y: float) -> str:
    parts = []
    for name, _ in (*STATUSES[1:], STATUSES[0]):
        parts.append(f'<rect x="{x:.1f}" y="{y - 10:.1f}" width="11" height="11" rx="2" fill="{COLOURS[name]}"/>')
        parts.append(_text(x + 15, y, name, SMALL_SIZE, fill=MUTED))
        x += 15 + _width(name, SMALL_SIZE) + 14
    return "".join(parts)


def _strip(runs: list[RunRecord], checks: list[tuple[str, str]], dates: list[str], left: float, column: float,
           top: float) -> tuple[str, float]:
    """A row per check (key, label), a cell per run; and where the strip ends."""
    parts = []
    for row, (key, title) in enumerate(checks):
        y = top + row * (ROW + ROW_GAP)
        parts.append(_text(left - 10, y + ROW / 2 + 4, _fit(title, left - MARGIN - 10, LABEL_SIZE), LABEL_SIZE, "end"))
        for index, run in enumerate(runs):
            status = shown_status(run.check(key))
            parts.append(f'<rect x="{left + index * column + CELL_GAP / 2:.1f}" y="{y:.1f}" '
                         f'width="{column - CELL_GAP:.1f}" height="{ROW}" rx="2" fill="{COLOURS[status]}">'
                         f'{_title(_joined(dates[index], status, title))}</rect>')
    return "".join(parts), top + len(checks) * (ROW + ROW_GAP) - ROW_GAP


def _chart(series: list[tuple[str, bool, list[float | None]]], thresholds: list[tuple[str, str, float]],
           xs: list[float], dates: list[str], left: float, width: float, top: float, height: float) -> str:
    """The lines against the thresholds, with the y axis in seconds; a missing value breaks its line."""
    bottom = top + height
    values = [value for _, _, seconds in series for value in seconds if value is not None]
    axis_top, step = _axis_top(max(values + [seconds for _, _, seconds in thresholds], default=0))

    def y_of(seconds: float) -> float:
        return bottom - seconds / axis_top * height

    parts = []
    for tick in range(round(axis_top / step) + 1):
        seconds = round(tick * step, 6)
        y = y_of(seconds)
        parts.append(f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{left + width:.1f}" y2="{y:.1f}" '
                     f'stroke="{RULE if tick else MUTED}" stroke-width="1"/>')
        parts.append(_text(left - 8, y + 4, f"{seconds:g}", SMALL_SIZE, "end", MUTED))
    x, middle = left - 40, (top + bottom) / 2
    parts.append(_text(x, middle, "seconds (slowest check)", SMALL_SIZE, "middle", MUTED,
                       f' transform="rotate(-90 {x:.1f} {middle:.1f})"'))
    for name, colour, seconds in thresholds:
        y = y_of(seconds)
        parts.append(f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{left + width:.1f}" y2="{y:.1f}" stroke="{colour}" '
                     f'stroke-width="1.5"{THRESHOLD_DASH}>{_title(name)}</line>')
    for number, (name, milestone, seconds) in enumerate(series):
        colour, dash = SERIES[number % len(SERIES)], MILESTONE_DASH if milestone else ""
        pieces, points = [], []
        for x, value in [*zip(xs, seconds, strict=True), (0.0, None)]:
            if value is not None:
                points.append(f"{x:.1f},{y_of(value):.1f}")
            elif points:
                pieces.append(points)
                points = []
        lines = "".join(f'<polyline points="{" ".join(piece)}" fill="none" stroke="{colour}" stroke-width="2" '
                        f'stroke-linejoin="round"{dash}/>' for piece in pieces if len(piece) > 1)
        markers = "".join(_marker(x, y_of(value), colour, milestone, _joined(date, f"{name}: {value:.2f} s"))
                          for x, value, date in zip(xs, seconds, dates, strict=True) if value is not None)
        parts.append(f"<g>{lines}{markers}</g>")
    return "".join(parts)


def _chart_legend(keys: list[tuple[str, str, str, bool | None]], top: float, text_width: float) -> str:
    parts = []
    for row, (label, colour, dash, square) in enumerate(keys):
        y = top + row * LEGEND_ROW
        parts.append(_line_sample(MARGIN, y, colour, dash, square))
        parts.append(_text(MARGIN + LEGEND_KEY, y + 4, _fit(label, text_width - 6, SMALL_SIZE), SMALL_SIZE))
    return "".join(parts)
