"""An exclusive lock on a file (filelock: the same on Linux, macOS and Windows), for what several
processes share: the history's read-modify-write, and a reports folder that two runs were given. The
operating system releases it when its holder dies, however it dies; the holder's pid is written beside
it (`<lock>.holder`), for the message of the run that waits."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from filelock import FileLock, Timeout

WAIT_POLL_S = 0.2


def holder_file(path: Path) -> Path:
    return path.with_name(path.name + ".holder")


@contextlib.contextmanager
def exclusive(path: Path, busy: Callable[[str], None] | None = None,
              stop: Callable[[], bool] | None = None) -> Iterator[bool]:
    """Hold the lock while the block runs; busy(holder's pid) is called once if another process holds
    it, before waiting for it, and the wait ends when stop() says so (a signal). Yields False (no lock,
    nothing else changes) where the lock file cannot be made (a read-only folder: what the block writes
    there fails on its own terms) or the wait was stopped."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(path, is_singleton=False)
        got = _try(lock, 0)
    except OSError:
        yield False
        return
    if not got:
        if busy is not None:
            busy(_holder(path))
        if not _wait(lock, stop):
            yield False
            return
    try:
        if busy is not None:  # a lock whose waiters say who holds it
            with contextlib.suppress(OSError):
                holder_file(path).write_text(str(os.getpid()), encoding="utf-8")
        yield True
    finally:
        lock.release()


def _try(lock: FileLock, timeout: float) -> bool:
    try:
        lock.acquire(timeout=timeout)
    except Timeout:
        return False
    return True


def _holder(path: Path) -> str:
    try:
        return holder_file(path).read_text(encoding="utf-8").strip() or "?"
    except OSError:
        return "?"


def _wait(lock: FileLock, stop: Callable[[], bool] | None) -> bool:
    """Wait for the lock (True), or until stop() says so (False)."""
    if stop is None:
        return _try(lock, -1)
    while not stop():
        if _try(lock, WAIT_POLL_S):
            return True
    return False
