"""Total deadlines for outbound requests. A socket timeout bounds each read, not a request: a server
that trickles one byte a second never trips it. `within` bounds the whole call; `exit_when_done`
ends the process once its work is done, even while a request that outlived its deadline still runs
(Apprise's abandoned deliveries run in threads the interpreter would wait for at exit)."""

from __future__ import annotations

import gc
import os
import sys
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class DeadlineExceeded(TimeoutError):
    def __init__(self, seconds: float) -> None:
        super().__init__(f"no complete answer within {seconds:g} s")
        self.seconds = seconds


def within(seconds: float, call: Callable[[], T]) -> T:
    """call()'s result or its exception, or DeadlineExceeded after `seconds` (the call is left to end
    in a daemon thread, which never keeps the process alive)."""
    ended: dict[str, object] = {}

    def run() -> None:
        try:
            ended["value"] = call()
        except BaseException as error:  # noqa: BLE001 - handed to the caller as it is
            ended["error"] = error

    thread = threading.Thread(target=run, name="request with a deadline", daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        raise DeadlineExceeded(seconds)
    if "error" in ended:
        raise ended["error"]
    return ended["value"]


def exit_when_done(code: int) -> None:
    """Exit with `code` now: at once if a delivery that was given up on is still running. The objects
    left are out of the interpreter's last garbage collection (a walk over every module's objects, for
    nothing): the process's end frees them."""
    gc.freeze()
    sys.stdout.flush()
    sys.stderr.flush()
    apprise_core = sys.modules.get("apprise.apprise")
    if apprise_core is not None and apprise_core.any_abandoned_calls_still_running():
        os._exit(code)
    sys.exit(code)
