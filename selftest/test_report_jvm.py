"""The report's JVM started ahead of the build (monitor/reporting/report_jvm.py): it builds the report it
is handed, even after a failed warm-up; it ends as soon as its monitor builds none (warm-up or not,
leaving no folder); a class compiled from another source is not started; its wait ends like every other.
A killed monitor's JVM: selftest/test_killed_run.py."""

from __future__ import annotations

import base64
import shutil
import subprocess
import sys
import time
import uuid

import pytest

from monitor.core import lifeline
from monitor.core.paths import REPORT_JVM
from monitor.reporting import report_jvm
from monitor.reporting.allure_report import EMBEDDED_FILE, ReportError
from monitor.reporting.report_jvm import SOURCE_STAMP, ReportJvm
from monitor.reporting.sample_results import sample_results


def started() -> ReportJvm:
    jvm = ReportJvm.start()
    assert jvm is not None, "no report JVM: `make bootstrap` prepares it (python -m monitor.reporting.class_archive)"
    return jvm


def test_the_report_jvm_builds_the_report_it_is_handed(tmp_path) -> None:
    jvm = started()
    try:
        began = time.monotonic()
        assert jvm.build(["generate", str(sample_results(tmp_path / "results")), "-o", str(tmp_path / "report"),
                          "--clean", "--single-file"])
        print(f"report JVM: started, warmed up and built in {time.monotonic() - began:.1f} s")
    finally:
        jvm.close()
    assert jvm.process.returncode == 0 and jvm.ready.is_set()
    single_file = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    embedded = b"".join(base64.b64decode(data) for _, data in EMBEDDED_FILE.findall(single_file))
    assert b"a failed check" in embedded and b"a passed check" in embedded


def test_a_report_jvm_given_no_build_ends_at_once_and_leaves_nothing(tmp_path) -> None:
    """A run that builds no report (bad input, no checks, interrupted) closes it, mid warm-up here."""
    jvm = ReportJvm.start(scratch_root=tmp_path)
    assert jvm is not None
    time.sleep(0.5)  # the JVM is up, its warm-up (a second and more) under way
    assert not jvm.ready.is_set(), "the warm-up was over before the test could close it mid-way"
    jvm.process.stdin.close()  # as a killed monitor's end of the pipe closes: no one is left to delete its folder
    assert jvm.process.wait(timeout=10) == 0
    assert list(tmp_path.iterdir()) == [], "the JVM left its warm-up's folder"
    jvm.close()


def test_a_failed_warm_up_leaves_the_build_cold_not_undone(tmp_path) -> None:
    folder = tmp_path / "report-jvm"
    shutil.copytree(REPORT_JVM, folder)
    shutil.rmtree(folder / "results")  # the warm-up's build fails on it
    jvm = ReportJvm.start(folder)
    assert jvm is not None
    try:
        assert jvm.build(["generate", str(sample_results(tmp_path / "results")), "-o", str(tmp_path / "report"),
                          "--clean", "--single-file"])
    finally:
        jvm.close()
    assert jvm.ready.is_set() and (tmp_path / "report" / "index.html").is_file()


def test_a_class_from_another_source_is_not_started(tmp_path) -> None:
    """A checkout updated without a bootstrap: its compiled class is older than ReportJvm.java."""
    folder = tmp_path / "report-jvm"
    shutil.copytree(REPORT_JVM, folder)
    (folder / SOURCE_STAMP).write_text("0" * 64, encoding="ascii")
    assert ReportJvm.start(folder) is None


def test_a_build_that_does_not_fit_its_one_line_is_left_to_the_usual_way(tmp_path) -> None:
    jvm = started()
    try:
        assert not jvm.build(["generate", str(tmp_path / "a\tfolder"), "-o", str(tmp_path / "report")])
        assert jvm.process.poll() is None
    finally:
        jvm.close()


def test_a_report_jvm_that_hangs_is_a_report_error_within_its_bound(monkeypatch) -> None:
    """Every wait ends: a build that never finishes stops in one line, and the run goes on."""
    token = uuid.uuid4().hex
    hanging = subprocess.Popen([sys.executable, "-c", "import sys, time; sys.stdin.readline(); time.sleep(60)"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env=lifeline.run_environment(token))
    monkeypatch.setattr(report_jvm, "ALLURE_TIMEOUT_S", 0.5)
    began = time.monotonic()
    with pytest.raises(ReportError, match=r"allure generate did not finish within 0.5 s"):
        ReportJvm(hanging, token).build(["generate", "results"])
    assert time.monotonic() - began < 10 and hanging.poll() is not None
