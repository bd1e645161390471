"""The checks' pytest processes, and what SIGINT or SIGTERM to the monitor does to them.

Each child runs in a process group of its own where the platform has them, so that the monitor alone
decides how it stops (a signal to the monitor's group reaches the monitor only). On SIGINT or SIGTERM
the monitor sends SIGINT to every child (pytest ends the running check, keeps the finished ones and
writes its record as interrupted), kills what is left of a child's run after STOP_GRACE_S, starts no
new child, and its run ends as interrupted (exit 2). Every process of a child's run carries its token
(monitor/core/lifeline.py): when the child ends they are all killed, so no browser or worker it started
is left behind, and if the monitor itself dies they end themselves. A child that died by a signal is
reported as such, exit 2, never as a negative exit code.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import uuid

from monitor.core import lifeline
from monitor.core.exit_codes import MonitorExit

STOP_GRACE_S = 20.0
interrupted = threading.Event()
_running: dict[subprocess.Popen, str] = {}  # a child, and its run's token
_lock = threading.RLock()  # the signal handler runs in the main thread, which may hold it


def call(command: list[str], **options) -> int:
    """subprocess.call in a group of its own; INTERRUPTED when the run was interrupted before it
    started or the child died by a signal (one line says which)."""
    with _lock:
        if interrupted.is_set():
            return MonitorExit.INTERRUPTED
        token = uuid.uuid4().hex
        options["env"] = lifeline.run_environment(token, options.get("env") or os.environ)
        group = {"process_group": 0} if os.name == "posix" else \
            {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}  # type: ignore[attr-defined]
        child = subprocess.Popen(command, **group, **options)
        _running[child] = token
    try:
        code = child.wait()
    finally:
        with _lock:
            _running.pop(child, None)
        lifeline.end_run(token)
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
        children = dict(_running)
    if first:  # os.write: print() is not reentrant, and the handler may interrupt one
        os.write(2, f"monitor: {signal.Signals(number).name}: stopping the checks; what finished is kept\n".encode())
    for child, token in children.items():
        with contextlib.suppress(OSError, ValueError):
            child.send_signal(signal.SIGINT if os.name == "posix" else signal.CTRL_BREAK_EVENT)  # type: ignore[attr-defined]
        if first:
            timer = threading.Timer(STOP_GRACE_S, _end_if_running, args=(child, token))
            timer.daemon = True
            timer.start()


def _end_if_running(child: subprocess.Popen, token: str) -> None:
    if child.poll() is None:  # it did not end in time; else its run was ended then
        lifeline.end_run(token)
