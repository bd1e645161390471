"""The benchmark's rows: the printed table and reports/bench.json."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Row:
    key: str
    label: str
    seconds: float | None = None  # the median of the counted runs
    runs: list[float] = field(default_factory=list)
    ratio: float | None = None  # against the floor (or as the note says)
    cpu_s: float | None = None  # the median of the whole process tree's CPU seconds
    cpu_ratio: float | None = None  # against the floor's
    peak_mb: float | None = None  # the largest peak of the counted runs
    goal: str = ""  # e.g. "<= 1.25x"
    met: bool | None = None
    note: str = ""

    def as_json(self) -> dict:
        return asdict(self)


def _number(value: float | None, digits: int = 1, suffix: str = "") -> str:
    return "-" if value is None else f"{value:.{digits}f}{suffix}"


def _goal(row: Row) -> str:
    if not row.goal:
        return ""
    return f"{row.goal}: {'-' if row.met is None else 'met' if row.met else 'NOT met'}"


def render(rows: list[Row]) -> list[str]:
    """A Markdown table (it goes into the README as it is printed)."""
    header = ["what", "median s", "ratio", "CPU s", "CPU ratio", "peak MB", "goal", "runs", "note"]
    body = [[row.label, _number(row.seconds), _number(row.ratio, 2, "x"), _number(row.cpu_s),
             _number(row.cpu_ratio, 2, "x"), _number(row.peak_mb, 0), _goal(row),
             str(len(row.runs)) if row.runs else "-", row.note] for row in rows]
    widths = [max(len(line[index]) for line in [header, *body]) for index in range(len(header))]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)) + " |"

    return [line(header), line(["-" * width for width in widths]), *(line(cells) for cells in body)]
