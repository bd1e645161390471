"""The district's Focus entry URL, and the former Focus login page it must no longer show."""

from __future__ import annotations

import re

import allure
from playwright.sync_api import Page

from monitor.core.redact import without_userinfo


class FocusEntry:
    def __init__(self, page: Page, entry_url: str) -> None:
        self.page = page
        self.entry_url = entry_url

    def open(self) -> None:
        with allure.step(f"Open Focus at {without_userinfo(self.entry_url)} in a fresh Chrome profile"):
            self.page.goto(self.entry_url)


class FormerLoginPage:
    """Support page, Figure 2: a Focus-hosted username and password form, no social buttons. Only a
    shown one counts: Focus's pages keep a hidden session-timeout form with the same fields."""

    def __init__(self, page: Page) -> None:
        self.username = page.get_by_label(re.compile(r"^\s*user\s?name", re.I)).or_(page.locator("#username-input"))
        self.form = page.locator("#main-login-form").or_(page.locator("form").filter(has=self.username)).filter(
            visible=True)
