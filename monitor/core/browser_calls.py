"""Playwright's `evaluate` has no timeout: a page whose navigation never resolves, or whose script never
yields, holds it for ever, and the run with it. `wait_for_function` is the same call with one (the
context's default, the target's timeout, unless given): the monitor evaluates through it."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page


def evaluate(page: Page, function: str, arg: Any = None, timeout_ms: float | None = None) -> Any:
    """`function` (JavaScript, of `arg`) run in the page; its JSON value. Playwright's TimeoutError after
    the bound. The result is wrapped in an array, so that a falsy one (0, null) is an answer too."""
    handle = page.wait_for_function(f"(arg) => [({function})(arg)]", arg=arg, timeout=timeout_ms)
    try:
        return handle.json_value()[0]
    finally:
        handle.dispose()
