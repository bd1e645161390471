"""The detection matrix as printed at the end of the self-tests: one table a markup dialect (and device)."""

from __future__ import annotations

from itertools import groupby


def render(rows: list[dict]) -> list[str]:
    lines: list[str] = []
    rows = sorted(rows, key=lambda row: (row.get("dialect", "standard") != "standard", row.get("dialect", ""),
                                         row.get("device", ""), row["scenario"]))
    for (dialect, device), group in groupby(rows, key=lambda row: (row.get("dialect", "standard"),
                                                                   row.get("device", ""))):
        lines += _table(f"{dialect} markup" + (f" on {device}" if device else ""), list(group))
    return lines


def _table(dialect: str, rows: list[dict]) -> list[str]:
    expected = sum(len(row["expected"]) for row in rows)
    detected = sum(len(row["detected"]) for row in rows)
    false_alarms = sum(len(row["false_alarms"]) for row in rows)
    width = max(len(row["scenario"]) for row in rows)
    lines = ["", f"Detection matrix, {dialect} (scenario -> checks that must fail)",
             f"{'scenario':<{width}}  {'must fail':>9} {'caught':>6} {'false alarms':>12}  {'run':>6}  "
             f"{'slowest failure':>15}  category"]
    for row in rows:
        lines.append(
            f"{row['scenario']:<{width}}  {len(row['expected']):>9} {len(row['detected']):>6} "
            f"{len(row['false_alarms']):>12}  {row['seconds']:>5.1f}s  {row['slowest_failure']:>14.1f}s  "
            f"{row['category'] or '-'}"
            + (f"  false alarms: {', '.join(row['false_alarms'])}" if row["false_alarms"] else "")
        )
    rate = 100.0 * detected / expected if expected else 100.0
    lines.append(f"{dialect}: detection rate {detected}/{expected} = {rate:.0f}%, false alarms {false_alarms}, "
                 f"scenarios {len(rows)}")
    return lines
