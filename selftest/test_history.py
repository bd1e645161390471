"""The run history file: a corrupt line costs one warning and nothing else; the file stays capped."""

from __future__ import annotations

from monitor.run import history
from monitor.run.record import CheckRecord, RunRecord


def record(number: int, target: str = "replica") -> RunRecord:
    return RunRecord(run_id=f"run-{number}", started="2026-11-01T09:30:00+00:00", finished="2026-11-01T09:30:40+00:00",
                     target=target, entry_url="https://focus.example.org/focus", suite_version="0", suite_commit="x",
                     browser="chromium", exit_code=0, verdict="ok", degraded_after_s=5.0, fail_after_s=20.0,
                     checks=[CheckRecord(id="tests/test_a.py::test_a", title="A", status="passed", seconds=1.0)])


def test_a_corrupt_or_truncated_line_is_skipped_with_one_warning(tmp_path) -> None:
    for number in range(3):
        history.append(tmp_path, record(number))
    path = history.history_file(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    # A bad merge in the middle, and a job killed while writing the last line.
    path.write_text("\n".join([lines[0], "{not json", lines[1], lines[2][:40]]) + "\n", encoding="utf-8")
    warnings = []
    runs = history.read_history(tmp_path, warn=warnings.append)
    assert [run.run_id for run in runs] == ["run-0", "run-1"]
    assert len(warnings) == 1 and "skipped 2 unreadable line(s)" in warnings[0] and "line 2, 4" in warnings[0]
    history.append(tmp_path, record(3))  # the unreadable lines go, the readable ones stay
    assert [run.run_id for run in history.read_history(tmp_path, warn=warnings.append)] == ["run-0", "run-1", "run-3"]
    assert len(warnings) == 1


def test_the_history_keeps_the_last_runs_only_and_reads_one_target(tmp_path) -> None:
    for number in range(12):
        history.append(tmp_path, record(number, target="live" if number % 2 else "staging"), max_runs=10)
    runs = history.read_history(tmp_path)
    assert [run.run_id for run in runs] == [f"run-{number}" for number in range(2, 12)]
    assert [run.run_id for run in history.read_history(tmp_path, "live")] == [f"run-{n}" for n in (3, 5, 7, 9, 11)]
    assert history.MAX_RUNS == 400


def test_a_record_survives_the_round_trip(tmp_path) -> None:
    original = record(7)
    history.append(tmp_path, original)
    assert history.read_history(tmp_path) == [original]
