"""The trend image: how the last runs went, read from the run history (never from Allure's files).

Top: a strip per check, one cell per run (passed, degraded, failed, not run), like a status page's
history. Bottom: the slowest load of the key pages and the flow's milestones per run, against the
target's degraded and fail thresholds.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display: CI machines and cron have none

import matplotlib.pyplot as plt  # noqa: E402 (the backend must be chosen first)
from matplotlib.colors import ListedColormap  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from monitor.core.outcomes import PRODUCT_NAME  # noqa: E402
from monitor.data.record import CheckRecord, RunRecord, Status, parse_time  # noqa: E402
from monitor.reporting.statuses import PASSED_SLOWLY, STATUSES, shown_status  # noqa: E402

LAST_RUNS = 30
KEY_PAGES = 3  # the pages most checks load (the sign-in page, the landing page...)
STATUS_INDEX = {name: index for index, (name, _) in enumerate(STATUSES)}  # cell value: the colour map's order


def _status(check: CheckRecord | None) -> int:
    return STATUS_INDEX[shown_status(check)]


def _short(label: str, width: int = 34) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


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


def render(runs: list[RunRecord], path: Path, last: int = LAST_RUNS) -> Path | None:
    """Write the trend image of the last runs of one target; None when there is no run to show."""
    runs = runs[-last:]
    if not runs:
        return None
    check_ids = list(dict.fromkeys(check.key for run in runs for check in run.checks))
    titles = {check.key: check.label for run in runs for check in run.checks}
    grid = [[_status(run.check(check_id)) for run in runs] for check_id in check_ids]
    labels = [parse_time(run.started).strftime("%m-%d %H:%M") for run in runs]

    figure, (strip, timings) = plt.subplots(
        2, 1, figsize=(max(8.0, 0.42 * len(runs) + 4.5), 2.6 + 0.32 * len(check_ids) + 3.2),
        gridspec_kw={"height_ratios": [max(1.0, 0.32 * len(check_ids)), 3.2]}, layout="constrained")
    figure.suptitle(f"{PRODUCT_NAME}: the last {len(runs)} run(s) on {runs[-1].target}", fontsize=12)
    colours = ListedColormap([colour for _, colour in STATUSES])
    strip.pcolormesh(grid, cmap=colours, vmin=-0.5, vmax=len(STATUSES) - 0.5, edgecolors="white", linewidth=1.5)
    strip.set_yticks([index + 0.5 for index in range(len(check_ids))],
                     [_short(titles[check_id], 48) for check_id in check_ids], fontsize=8)
    strip.invert_yaxis()
    strip.set_xticks([index + 0.5 for index in range(len(runs))], labels, rotation=60, ha="right", fontsize=7)
    strip.legend(handles=[Patch(color=colour, label=name) for name, colour in STATUSES[1:]], ncols=5, fontsize=7,
                 loc="lower left", bbox_to_anchor=(0, 1.0), frameon=False)

    positions = list(range(len(runs)))
    for page in key_pages(runs):
        slowest = [max((p.seconds for c in run.checks for p in c.pages if p.page == page), default=None)
                   for run in runs]
        timings.plot(positions, slowest, marker="o", markersize=3, label=f"load: {_short(_page_name(page))}")
    milestones = list(dict.fromkeys(name for run in runs for check in run.checks for name in check.milestones))
    for name in milestones:
        seconds = [max((c.milestones[name] / 1000 for c in run.checks if name in c.milestones), default=None)
                   for run in runs]
        timings.plot(positions, seconds, marker="s", markersize=3, linestyle="--", label=_short(name))
    latest = runs[-1]
    timings.axhline(latest.degraded_after_s, color=STATUSES[STATUS_INDEX[PASSED_SLOWLY]][1], linestyle=":",
                    label=f"degraded above {latest.degraded_after_s:g} s")
    timings.axhline(latest.fail_after_s, color=STATUSES[STATUS_INDEX[Status.FAILED]][1], linestyle=":",
                    label=f"fails above {latest.fail_after_s:g} s")
    timings.set_ylabel("seconds (slowest check)")
    timings.set_xticks(positions, labels, rotation=60, ha="right", fontsize=7)
    timings.set_xlim(-0.5, len(runs) - 0.5)
    timings.set_ylim(bottom=0)
    timings.grid(axis="y", alpha=0.3)
    timings.legend(fontsize=7, loc="upper left", ncols=2)
    path.parent.mkdir(parents=True, exist_ok=True)
    # zlib's fastest level: the same pixels, a file of about the same size, a half to a third of the
    # compression's time (0.05 s to 0.03 s for 2 runs, 0.13 s to 0.06 s for 30).
    figure.savefig(path, dpi=110, pil_kwargs={"compress_level": 1})
    plt.close(figure)
    return path
