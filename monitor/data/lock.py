"""An exclusive lock on a file (flock), for what several processes share: the history's
read-modify-write, and a reports folder that two runs were given."""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

WAIT_POLL_S = 0.2


@contextlib.contextmanager
def exclusive(path: Path, busy: Callable[[str], None] | None = None,
              stop: Callable[[], bool] | None = None) -> Iterator[bool]:
    """Hold the lock while the block runs; busy(holder's pid) is called once if another process holds
    it, before waiting for it, and the wait ends when stop() says so (a signal). Yields False (no lock,
    nothing else changes) where the lock file cannot be made (a read-only folder: what the block writes
    there fails on its own terms) or the wait was stopped."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = path.open("a+", encoding="utf-8")
    except OSError:
        yield False
        return
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if busy is not None:
                handle.seek(0)
                busy(handle.read().strip() or "?")
            if not _wait(handle, stop):
                yield False
                return
        with contextlib.suppress(OSError):  # who holds it, for the next one's message
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()))
            handle.flush()
        yield True


def _wait(handle, stop: Callable[[], bool] | None) -> bool:
    """Wait for the lock (True), or until stop() says so (False)."""
    if stop is None:
        fcntl.flock(handle, fcntl.LOCK_EX)
        return True
    while not stop():
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            time.sleep(WAIT_POLL_S)
    return False
