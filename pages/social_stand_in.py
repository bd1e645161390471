"""The replica's stand-in for the Google and Microsoft sign-in pages (never used on a real site:
the monitor does not sign in to Google or Microsoft; only `make auth --automate` uses it)."""

from __future__ import annotations

import allure
from playwright.sync_api import Page

from monitor.core.accounts import Account


class ProviderStandIn:
    def __init__(self, page: Page) -> None:
        self.email = page.get_by_label("Email", exact=True)
        self.password = page.get_by_label("Password", exact=True)
        self.sign_in_button = page.get_by_role("button", name="Sign in")

    def sign_in(self, account: Account) -> None:
        with allure.step(f"Sign in at the provider stand-in as {account.email}"):
            self.email.fill(account.email)
            self.password.fill(account.password.reveal() if account.password else "")
            self.sign_in_button.click()
