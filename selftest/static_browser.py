"""A Chromium of the test's own, for pages the self-tests serve or write (no pytest-playwright fixture):
its pages see texts as rendered, as the checks' browser does (pages/elements.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Page, sync_playwright

from monitor.core.browsers import executable_for
from pages.elements import see_as_rendered


@contextmanager
def static_page(timeout_ms: float | None = None) -> Iterator[Page]:
    """A new page in a headless Chromium, closed afterwards; `timeout_ms` bounds its waits."""
    with sync_playwright() as playwright:
        see_as_rendered(playwright)
        executable = executable_for(playwright.chromium.executable_path, None, headless=True)
        browser = playwright.chromium.launch(headless=True, executable_path=executable)
        try:
            page = browser.new_page()
            if timeout_ms is not None:
                page.set_default_timeout(timeout_ms)
            yield page
        finally:
            browser.close()
