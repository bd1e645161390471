"""Playwright's `evaluate` has no timeout: a page whose navigation never resolves, or whose script never
yields, holds it for ever, and the run with it. Its protocol call takes one, which the Python API always
sends as 0 (none): the monitor evaluates through that call, with the context's default timeout (the
target's) unless given. One round trip: `wait_for_function`, which has a timeout too, costs three
(the function, its result's handle read, then released) and waits for an animation frame."""

from __future__ import annotations

from typing import Any

from playwright._impl.js_handle import parse_result, serialize_argument
from playwright.sync_api import Page


def evaluate(page: Page, function: str, arg: Any = None, timeout_ms: float | None = None) -> Any:
    """`function` (JavaScript, of `arg`) run in the page's main frame; its JSON value. Playwright's
    TimeoutError after the bound."""
    frame = page.main_frame._impl_obj  # the sync API's object wraps the one that speaks the protocol

    async def call() -> Any:
        result = await frame._channel.evaluateExpression(
            expression=function, isFunction=None, arg=serialize_argument(arg), timeout=frame._timeout(timeout_ms))
        return parse_result(result["value"])

    return page._sync(call())
