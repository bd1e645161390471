"""What a run writes when it shares its reports folder or cannot write there: nothing lost, the
verdict kept, one line to say so."""

from __future__ import annotations

import threading
import time

from monitor.commands import cli
from monitor.data.lock import exclusive
from selftest.test_history import record


def test_a_second_run_on_the_same_reports_folder_says_so_and_waits(tmp_path, capsys) -> None:
    """Two runs sharing reports/ deleted each other's results and mixed one report."""
    order = []
    with exclusive(tmp_path / cli.LOCK_NAME):
        def second_run() -> None:
            with cli.sharing_reports(tmp_path):
                order.append("second")

        thread = threading.Thread(target=second_run)
        thread.start()
        deadline = time.monotonic() + 10
        while "waiting for it to finish" not in capsys.readouterr().err and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.2)
        order.append("first")
    thread.join(timeout=10)
    assert order == ["first", "second"]


def test_a_history_that_cannot_be_written_costs_one_warning_not_the_verdict(tmp_path, capsys) -> None:
    """A read-only history or a full disk: a green run exited 1 with a traceback after printing "ok"."""
    folder = tmp_path / "history"
    (folder / "runs.jsonl").mkdir(parents=True)  # what cannot be replaced by a file, even by root
    remembered = cli.remember(record(1), tmp_path / "trend.svg", tmp_path / "allure-results", folder)
    assert remembered.previous == []  # the trend may still be drawn: from this run alone
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("monitor: WARNING: the history or the trend could not be written")
    assert sorted(path.name for path in folder.iterdir()) == [".runs.lock", "runs.jsonl"]


def test_a_signal_ends_the_wait_for_the_reports_folder(tmp_path) -> None:
    """A run waiting for another one's reports folder stops waiting when it is interrupted."""
    from monitor.commands import children

    with exclusive(tmp_path / cli.LOCK_NAME):
        threading.Timer(0.5, children.interrupted.set).start()
        try:
            started = time.monotonic()
            with cli.sharing_reports(tmp_path) as locked:
                assert not locked
            assert time.monotonic() - started < 3
        finally:
            children.interrupted.clear()


def test_a_report_that_cannot_be_written_keeps_the_verdict(tmp_path, monkeypatch, capsys) -> None:
    import errno

    from monitor.reporting import allure_report

    def full_disk(*_args, **_kwargs) -> float:
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "allure-report"))

    monkeypatch.setattr(allure_report, "build", full_disk)
    cli.build_report([tmp_path], 0)
    err = capsys.readouterr().err
    assert "report: could not be written" in err and "No space left on device" in err
    assert "monitor: WARNING: the report was not built (see the line above); exit code 0 is the checks' verdict" in err
