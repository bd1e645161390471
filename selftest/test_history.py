"""The run history file: a corrupt line costs one warning and nothing else; the file stays capped."""

from __future__ import annotations

from monitor.data import history
from monitor.data.record import CheckRecord, RunRecord


def record(number: int, target: str = "replica") -> RunRecord:
    return RunRecord(run_id=f"run-{number}", started="2026-11-01T09:30:00+00:00", finished="2026-11-01T09:30:40+00:00",
                     target=target, entry_url="https://focus.example.org/focus", suite_version="0", suite_commit="x",
                     browser="chromium", exit_code=0, outcome="ok", degraded_after_s=5.0, fail_after_s=20.0,
                     checks=[CheckRecord(id="tests/test_a.py::test_a", title="A", status="passed", seconds=1.0)])


def test_a_corrupt_or_truncated_line_is_skipped_with_one_warning_and_kept(tmp_path) -> None:
    for number in range(3):
        history.append(tmp_path, record(number))
    path = history.history_file(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    # A bad merge in the middle, and a job killed while writing the last line.
    path.write_text("\n".join([lines[0], "{not json", lines[1], lines[2][:40]]) + "\n", encoding="utf-8")
    warnings = []
    runs = history.read_history(tmp_path, warn=warnings.append)
    assert [run.run_id for run in runs] == ["run-0", "run-1"]
    assert len(warnings) == 1 and "skipped 2 line(s)" in warnings[0] and "line 2, 4" in warnings[0]
    history.append(tmp_path, record(3))  # every line stays as it was
    assert [run.run_id for run in history.read_history(tmp_path, warn=warnings.append)] == ["run-0", "run-1", "run-3"]
    assert path.read_text(encoding="utf-8").splitlines()[:4] == [lines[0], "{not json", lines[1], lines[2][:40]]
    assert len(warnings) == 1  # once per file and process


OTHER_LINES = [b"null", b"[]", b"42", b'"text"', b"true", b"{}", b'{"schema_version": "1"}',
               b'{"schema_version": true}', b"\xff\xfe\x00garbage\x80", b'{"checks": 5, "schema_version": 1}',
               b'{"schema_version": 3, "run_id": "from-a-newer-monitor", "whatever": [1]}']


def test_only_records_are_read_and_every_other_line_survives_an_append(tmp_path) -> None:
    """`null`, `[]` or a number raised in the reader (a green run exited 1, every run after it); random
    bytes too; a newer version's line was dropped by the next append, a non-UTF-8 byte rewritten."""
    history.append(tmp_path, record(0))
    path = history.history_file(tmp_path)
    original = path.read_bytes().rstrip(b"\n").split(b"\n")
    path.write_bytes(b"\n".join([*original, *OTHER_LINES]) + b"\n")
    warnings = []
    assert [run.run_id for run in history.read_history(tmp_path, "replica", warn=warnings.append)] == ["run-0"]
    assert len(warnings) == 1 and f"skipped {len(OTHER_LINES)} line(s)" in warnings[0]
    history.append(tmp_path, record(1))
    assert path.read_bytes().split(b"\n")[:-2] == [*original, *OTHER_LINES]
    assert [run.run_id for run in history.read_history(tmp_path)] == ["run-0", "run-1"]


def test_a_line_of_schema_version_1_reads_with_its_verdict_as_the_outcome(tmp_path) -> None:
    """Version 1 named the run's outcome `verdict`: a history kept by CI across the upgrade reads on, and
    its old line stays as it was when a record is added."""
    old = record(0).to_json().replace('"outcome":"ok"', '"verdict":"failed"')
    old = old.replace('"schema_version":2', '"schema_version":1').encode("utf-8")
    assert b'"verdict":"failed"' in old and b'"outcome"' not in old
    history.history_file(tmp_path).write_bytes(old + b"\n")
    history.append(tmp_path, record(1))
    warnings = []
    runs = history.read_history(tmp_path, warn=warnings.append)
    assert [(run.run_id, run.outcome, run.schema_version) for run in runs] == [
        ("run-0", "failed", 2), ("run-1", "ok", 2)]
    assert warnings == [] and history.history_file(tmp_path).read_bytes().split(b"\n")[0] == old


APPENDER = """
import sys
from pathlib import Path
from selftest.test_history import record
from monitor.data import history
for number in range(50):
    history.append(Path(sys.argv[1]), record(int(sys.argv[2]) * 100 + number))
"""


def test_two_writers_at_once_lose_no_record(tmp_path) -> None:
    """Two processes appending 50 records each left 77 lines: the read-modify-write had no lock."""
    import subprocess
    import sys

    from selftest.monitor_runs import ROOT

    writers = [subprocess.Popen([sys.executable, "-c", APPENDER, str(tmp_path), str(n)], cwd=ROOT) for n in (1, 2)]
    assert [writer.wait(timeout=120) for writer in writers] == [0, 0]
    ids = [run.run_id for run in history.read_history(tmp_path)]
    assert len(ids) == 100 and set(ids) == {f"run-{n * 100 + i}" for n in (1, 2) for i in range(50)}


def test_a_history_that_cannot_be_written_raises_and_leaves_no_temporary_file(tmp_path, monkeypatch) -> None:
    import errno

    history.append(tmp_path, record(0))
    before = history.history_file(tmp_path).read_bytes()

    def full_disk(*_args) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(history.os, "replace", full_disk)
    try:
        history.append(tmp_path, record(1))
    except OSError as error:
        assert error.errno == errno.ENOSPC
    else:
        raise AssertionError("a full disk was not reported")
    assert sorted(path.name for path in tmp_path.iterdir()) == [".runs.lock", "runs.jsonl"]
    assert history.history_file(tmp_path).read_bytes() == before


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
