"""Page-object actions that need something on the page (a field to fill, a button to click, a page
to open): when the page lacks it, the check fails at once, in a parent's terms, as the product's
failure. Without this, Playwright's timeout would read as an infrastructure error: retried, then
filed as a defect of the monitor.

Every action goes through the browser's hit-testing, as a parent's hand does: a click lands on what
is on top at that point, so something over the page (an overlay that cannot be closed) stops the
check as it stops a parent, and the failure says what covers the element."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Locator
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from monitor.core.verdicts import PRODUCT, CheckFailure
from pages.elements import Element, about

# Playwright's log line when the click would land on another element: "<div class="x">…</div> intercepts
# pointer events" (or "... from <div ...> subtree intercepts pointer events").
_COVERED = re.compile(r"^\s*-\s*(.*?)\s+intercepts pointer events", re.MULTILINE)
COVERED_CHARS = 120


@contextmanager
def needs(what_is_missing: str, *elements: Element) -> Iterator[None]:
    """The action inside needs the page to work; `what_is_missing` says what a parent meets if not
    ("The sign-up page has no Email Address field"), and `elements` what it needed (the report adds
    what the page offered instead). Playwright's own words follow on the next lines."""
    try:
        with about(*elements):
            yield
    except PlaywrightTimeoutError as error:
        covered = _COVERED.findall(str(error))
        if covered:
            what_is_missing += (f": something on the page covers it ({covered[-1][:COVERED_CHARS]}), so a parent's "
                                "click does not reach it")
        raise CheckFailure(PRODUCT, f"{what_is_missing}\n{error}", elements) from None


def type_into(field: Locator, text: str) -> None:
    """Click into a field, then type, as a parent does (fill alone would type under an overlay)."""
    field.click()
    field.fill(text)
