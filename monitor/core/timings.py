"""Where a run's seconds go (bench/: `make bench`): with FOCUS_TIMINGS naming a file, each timed phase
appends one line to it, {"phase", "start", "end"} in epoch seconds; without it, nothing is written."""

from __future__ import annotations

import functools
import json
import os
import time
from collections.abc import Callable
from typing import TypeVar

VARIABLE = "FOCUS_TIMINGS"
T = TypeVar("T")


def write(phase: str, start: float, end: float) -> None:
    """One phase's line; a process of its own may write alongside (lines are appended whole)."""
    path = os.environ.get(VARIABLE)
    if path:
        with open(path, "a", encoding="utf-8") as file:
            file.write(json.dumps({"phase": phase, "start": start, "end": end}) + "\n")


def timed(phase: str) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """The decorated function's calls, as that phase."""
    def decorate(function: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(function)
        def wrapper(*args, **kwargs) -> T:
            if not os.environ.get(VARIABLE):
                return function(*args, **kwargs)
            start = time.time()
            try:
                return function(*args, **kwargs)
            finally:
                write(phase, start, time.time())
        return wrapper
    return decorate
