"""B2C's self-asserted sign-up page with e-mail verification (support page, Figure 5)."""

from __future__ import annotations

import re

import allure
from playwright.sync_api import Page

from pages.actions import needs
from pages.b2c import wait_until_interactive


class SignUpPage:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.email = page.get_by_label("Email Address", exact=True).or_(page.locator("#email"))
        # The support page writes "Send Verification Code", B2C "Send verification code".
        self.send_code_button = page.get_by_role("button", name=re.compile(r"^send verification code$", re.I)).or_(
            page.locator("#emailVerificationControl_but_send_code")
        )
        # Every message the page shows (errors and "code sent" notices): role="alert", hidden until shown.
        self.messages = page.get_by_role("alert")

    def sign_up(self, email: str) -> None:
        with allure.step(f"Enter {email} and click \"Send Verification Code\""):
            wait_until_interactive(self.page)
            with needs("The sign-up page has no Email Address field that can be filled in"):
                self.email.fill(email)
            with needs("The sign-up page has no \"Send Verification Code\" button that can be clicked"):
                self.send_code_button.click()
