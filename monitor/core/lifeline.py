"""What ties the checks' processes to the monitor that started them, on every platform (psutil): the
monitor gives each run of the checks its pid and a token in the environment, which every process of the
run (pytest, its workers, the browsers' drivers, the browsers) inherits. The monitor ends them all by
the token, whatever became of their parents; the checks end themselves, all of them, as soon as the
monitor is gone, however it went (a SIGKILL, an out-of-memory kill, a CI runner's hard stop), and a
run whose monitor is gone writes nothing."""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Mapping

import psutil

MONITOR_PID_VARIABLE = "FOCUS_MONITOR_PID"
RUN_TOKEN_VARIABLE = "FOCUS_RUN_TOKEN"
WATCH_S = 0.25  # how soon the checks notice that their monitor is gone


def run_environment(token: str, environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The environment of a run of the checks started by this process."""
    return {**environ, MONITOR_PID_VARIABLE: str(os.getpid()), RUN_TOKEN_VARIABLE: token}


def processes_of(token: str) -> list[psutil.Process]:
    """Every live process of the run with that token, this one left out."""
    found = []
    for process in psutil.process_iter():
        with contextlib.suppress(psutil.Error):
            if process.pid != os.getpid() and process.environ().get(RUN_TOKEN_VARIABLE) == token:
                found.append(process)
    return found


def end_run(token: str) -> None:
    """Kill every process of the run (a browser left by a killed worker too)."""
    for process in processes_of(token):
        with contextlib.suppress(psutil.Error):
            process.kill()


def monitor_process(environ: Mapping[str, str] = os.environ) -> psutil.Process | None:
    """The monitor that started this run (None: started by hand, or already gone)."""
    pid = environ.get(MONITOR_PID_VARIABLE)
    try:
        return psutil.Process(int(pid)) if pid else None
    except (ValueError, psutil.Error):
        return None


def orphaned(monitor: psutil.Process | None) -> bool:
    """The run's monitor is gone (psutil compares its start time too: a reused pid is not it)."""
    if monitor is None:
        return False
    try:  # a killed monitor that its parent has not reaped yet is a zombie: gone all the same
        return not monitor.is_running() or monitor.status() == psutil.STATUS_ZOMBIE
    except psutil.Error:
        return True


def watch(monitor: psutil.Process, token: str) -> threading.Thread:
    """Once the monitor is gone: end every process of the run, this one last."""

    def run() -> None:
        while not orphaned(monitor):
            time.sleep(WATCH_S)
        end_run(token)
        os._exit(137)  # noqa: SLF001 - nothing of this run may go on, not even its own cleanup

    thread = threading.Thread(target=run, name="monitor lifeline", daemon=True)
    thread.start()
    return thread
