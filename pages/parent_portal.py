"""The Focus parent portal (support page, Figure 8)."""

from __future__ import annotations

from playwright.sync_api import Page

SCHOOLOGY_LINK_TEXT = "Please click here to access Schoology"


class ParentPortal:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.schoology_link = page.get_by_role("link", name=SCHOOLOGY_LINK_TEXT)
