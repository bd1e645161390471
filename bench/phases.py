"""The checks' phases, as a pytest plugin of the benchmark's timed runs (PYTEST_PLUGINS=bench.phases,
with FOCUS_TIMINGS naming the file: monitor/core/timings.py): pytest's start, the collection, the
replica's and the browser's start, each check, and each check's report hook (evidence, redaction, the
verdict recorded). Loaded by no other run."""

from __future__ import annotations

import atexit
import os
import time
from pathlib import Path

import pytest

from monitor.core.timings import write

IMPORTED = time.time()  # pytest loads PYTEST_PLUGINS after its own imports, before the other plugins
# Session fixtures that start something, and the phase they are.
STARTS = {"target": "replica start (the target's site)", "playwright": "browser start (Playwright's driver)",
          "browser": "browser start (Chromium)"}
REPORT_HOOK = "evidence and redaction (each check's report hook)"
_configured: list[float] = []


def process_started() -> float:
    """This process's start in epoch seconds: its age from /proc (clock ticks after the boot, against
    the seconds since the boot), taken from now."""
    now, since_boot = time.time(), float(Path("/proc/uptime").read_text().split()[0])
    ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
    return now - (since_boot - ticks / os.sysconf("SC_CLK_TCK"))


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    now = time.time()
    started = process_started()
    write("pytest: interpreter and pytest's imports", started, IMPORTED)
    write("pytest: plugins and conftest (fixtures/)", IMPORTED, now)
    _configured.append(now)
    atexit.register(lambda: write("pytest: the rest (session end, browser closed, record written, exit)",
                                  started, time.time()))


def pytest_collection_finish(session: pytest.Session) -> None:
    write("pytest: configure and collection", _configured[0], time.time())


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef: pytest.FixtureDef, request: pytest.FixtureRequest):
    if fixturedef.argname not in STARTS:
        return (yield)
    start = time.time()
    try:
        return (yield)
    finally:
        write(STARTS[fixturedef.argname], start, time.time())


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    start = time.time()
    try:
        return (yield)
    finally:
        write(REPORT_HOOK, start, time.time())


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    start = time.time()
    try:
        return (yield)
    finally:
        write(f"check: {item.name}", start, time.time())
