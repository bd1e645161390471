"""An exclusive lock on a file (flock), for what several processes share: the history's
read-modify-write, and a reports folder that two runs were given."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Callable, Iterator
from pathlib import Path


@contextlib.contextmanager
def exclusive(path: Path, busy: Callable[[str], None] | None = None) -> Iterator[bool]:
    """Hold the lock while the block runs; busy(holder's pid) is called once if another process holds
    it, before waiting for it. Yields False (no lock, nothing else changes) where the lock file cannot
    be made (a read-only folder): what the block writes there fails on its own terms."""
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
            fcntl.flock(handle, fcntl.LOCK_EX)
        with contextlib.suppress(OSError):  # who holds it, for the next one's message
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()))
            handle.flush()
        yield True
