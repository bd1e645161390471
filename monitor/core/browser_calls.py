"""Playwright's `evaluate` has no timeout: a page whose navigation never resolves, or whose script never
yields, holds it for ever, and the run with it. Its protocol call takes one, which the Python API always
sends as 0 (none): the monitor evaluates through that call, with the context's default timeout (the
target's) unless given. One round trip: `wait_for_function`, which has a timeout too, costs three
(the function, its result's handle read, then released) and waits for an animation frame.

These evaluations are the monitor's own readings (the page's clock and figures, the masking's marks, what
a page offered instead of a missing element), not a parent's steps: they go as Playwright's internal
calls do, which a trace neither lists nor snapshots (two DOM snapshots a call otherwise, about 7 ms).

The call reaches past Playwright's public API (its objects' `_impl_obj`, `_channel`, `_sync`,
`_wrap_api_call`), which the pinned version (requirements.lock) has: selftest/test_every_wait_ends.py
fails at once on one that has not."""

from __future__ import annotations

import time
from typing import Any

from playwright._impl.channel_owner import ApiCallOptions
from playwright._impl.js_handle import parse_result, serialize_argument
from playwright.sync_api import Error, Page

# A navigation replaced the document while the function ran: it runs again in the new one, as
# wait_for_function does.
NAVIGATED = ("Execution context was destroyed", "Cannot find context with specified id")


def evaluate(page: Page, function: str, arg: Any = None, timeout_ms: float | None = None) -> Any:
    """`function` (JavaScript, of `arg`) run in the page's main frame; its JSON value. Playwright's
    TimeoutError after the bound, which a navigation meanwhile does not extend."""
    frame = page.main_frame._impl_obj  # the sync API's object wraps the one that speaks the protocol
    bound_ms = frame._timeout(timeout_ms)  # 0: none (Playwright's own meaning: its debugger sets it)
    deadline = time.monotonic() + bound_ms / 1000

    async def call() -> Any:
        left_ms = max((deadline - time.monotonic()) * 1000, 1) if bound_ms else 0
        result = await frame._wrap_api_call(lambda _zone: frame._channel.evaluateExpression(
            expression=function, isFunction=None, arg=serialize_argument(arg), timeout=left_ms),
            ApiCallOptions(internal=True))
        return parse_result(result["value"])

    while True:
        try:
            return page._sync(call())
        except Error as error:
            if not any(sign in str(error) for sign in NAVIGATED) or (bound_ms and time.monotonic() >= deadline):
                raise
