"""The checks' pytest processes, and what SIGINT or SIGTERM to the monitor does to them.

Each child runs in a process group of its own, so that the monitor alone decides how it stops
(a signal to the monitor's group reaches the monitor only). On SIGINT or SIGTERM the monitor sends
SIGINT to every child (pytest ends the running check, keeps the finished ones and writes its record
as interrupted), kills a child's group that has not ended after STOP_GRACE_S, starts no new child,
and its run ends as interrupted (exit 2). A child's group is killed when it ends, so no browser or
worker it started is left behind. A child that died by a signal is reported as such, exit 2, never
as a negative exit code.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading

from monitor.core.exit_codes import MonitorExit

STOP_GRACE_S = 20.0
interrupted = threading.Event()
_running: set[subprocess.Popen] = set()
_lock = threading.RLock()  # the signal handler runs in the main thread, which may hold it


def call(command: list[str], **options) -> int:
    """subprocess.call in a group of its own; INTERRUPTED when the run was interrupted before it
    started or the child died by a signal (one line says which)."""
    with _lock:
        if interrupted.is_set():
            return MonitorExit.INTERRUPTED
        child = subprocess.Popen(command, process_group=0, **options)
        _running.add(child)
    try:
        code = child.wait()
    finally:
        with _lock:
            _running.discard(child)
        _kill_group(child)
    if code < 0:
        name = signal.Signals(-code).name if -code in signal.valid_signals() else f"signal {-code}"
        print(f"monitor: the checks (pid {child.pid}) were stopped by {name}: the run is interrupted (exit 2)",
              file=sys.stderr, flush=True)
        return MonitorExit.INTERRUPTED
    return code


def stop_on_signals() -> None:
    """SIGINT and SIGTERM stop the children (see the module's doc) instead of the monitor."""
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, _stop)


def _stop(number: int, _frame) -> None:
    first = not interrupted.is_set()
    interrupted.set()
    with _lock:
        children = list(_running)
    if first:  # os.write: print() is not reentrant, and the handler may interrupt one
        os.write(2, f"monitor: {signal.Signals(number).name}: stopping the checks; what finished is kept\n".encode())
    for child in children:
        with contextlib.suppress(ProcessLookupError):
            os.kill(child.pid, signal.SIGINT)
        if first:
            timer = threading.Timer(STOP_GRACE_S, _kill_group, args=(child, True))
            timer.daemon = True
            timer.start()


def _kill_group(child: subprocess.Popen, only_if_running: bool = False) -> None:
    if only_if_running and child.poll() is not None:
        return  # it ended in time (and its group was killed then)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(child.pid, signal.SIGKILL)
