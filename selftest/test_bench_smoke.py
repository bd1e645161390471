"""The benchmark keeps working: `python -m bench --repeat 1 --quick` (one cheap check a side, one
multi-target run) prints its table and writes every row to its JSON (the figures themselves are
`make bench`'s, not a test's: too noisy)."""

from __future__ import annotations

import json
import subprocess
import sys

from bench.__main__ import rows_from
from selftest.monitor_runs import ROOT

SMOKE_TIMEOUT_S = 300  # 85 s measured with another suite running on the same 2 cores


def test_the_quick_benchmark_prints_every_row(tmp_path) -> None:
    output = tmp_path / "bench.json"
    run = subprocess.run([sys.executable, "-m", "bench", "--repeat", "1", "--quick", f"--output={output}"],
                         cwd=ROOT, capture_output=True, text=True, timeout=SMOKE_TIMEOUT_S)
    assert run.returncode == 0, (run.stdout + run.stderr)[-3000:]
    expected = [row.label for row in rows_from({})]
    rows_table = run.stdout.split("\n\n")[0]  # the breakdowns by phase follow, each after a blank line
    table = [line for line in rows_table.splitlines() if line.startswith("| ")]
    assert len(table) == 2 + len(expected), run.stdout
    for label in expected:
        assert any(line.startswith(f"| {label} ") for line in table), f"no row {label!r}:\n{run.stdout}"
    figures = json.loads(output.read_text(encoding="utf-8"))
    rows = figures["rows"]
    assert set(rows) == {row.key for row in rows_from({})}
    measured = {key for key, row in rows.items() if row["seconds"] is not None}
    # Every kind of run went through once: the floor, pytest, the monitor, -n 2, unreachable (and its alert
    # heard), several targets, two devices.
    assert {"floor", "checks", "monitor", "monitor_report", "checks_n2", "unreachable_port_checks",
            "unreachable_dns_checks", "unreachable_port_heard", "growth_2", "devices_2"} <= measured, rows
    assert rows["checks"]["ratio"] is not None and rows["peak_memory"]["peak_mb"] > 0
    # Where the monitor's seconds went: the checks' phases and the cli's, each in wall and CPU seconds.
    phases = {phase: (wall, cpu) for phase, wall, cpu in figures["phases"]["monitor"]}
    for phase in ("pytest: plugins and conftest (fixtures/)", "browser start (Chromium)",
                  "check: test_entry_url_shows_the_new_login_page[chromium]", "record and history", "trend", "report",
                  "status page"):
        assert phases.get(phase, (0, 0))[0] > 0, f"no {phase!r} in {phases}"
    assert sum(cpu for _, cpu in phases.values()) > 0, phases
