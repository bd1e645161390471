"""What all Azure AD B2C pages share."""

from __future__ import annotations

from playwright.sync_api import Page


def wait_until_interactive(page: Page) -> None:
    """B2C's buttons work through the page's scripts: a click before they have loaded does nothing
    (a person never clicks that fast; a monitor would, and then report a false alarm)."""
    page.wait_for_load_state("load")
