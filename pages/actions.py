"""Page-object actions that need something on the page (a field to fill, a button to click, a page
to open): when the page lacks it, the check fails at once, in a parent's terms, as the product's
failure. Without this, Playwright's timeout would read as an infrastructure error: retried, then
filed as a defect of the monitor."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from monitor.core.verdicts import PRODUCT, CheckFailure
from pages.elements import Element, about


@contextmanager
def needs(what_is_missing: str, *elements: Element) -> Iterator[None]:
    """The action inside needs the page to work; `what_is_missing` says what a parent meets if not
    ("The sign-up page has no Email Address field"), and `elements` what it needed (the report adds
    what the page offered instead). Playwright's own words follow on the next lines."""
    try:
        with about(*elements):
            yield
    except PlaywrightTimeoutError as error:
        raise CheckFailure(PRODUCT, f"{what_is_missing}\n{error}", elements) from None
