"""The prompt for a two-factor code after sign-in (a Focus profile may require an authenticator's code)."""

from __future__ import annotations

import re

import allure
from playwright.sync_api import Page

from monitor.core.accounts import Secret
from monitor.core.two_factor import current_code
from pages.actions import needs

CODE_FIELD = re.compile(r"(verification|security|authentication|authenticator|one[- ]time|2fa|two[- ]factor)"
                        r"\W*(code|pin)|^\W*code\W*$", re.I)
SUBMIT = re.compile(r"^\W*(verify|submit|continue|sign ?in|log ?in|next)\W*$", re.I)


class VerificationCodePrompt:
    def __init__(self, page: Page) -> None:
        self.page = page
        # By its label, or by the autocomplete hint that phones use to offer the code.
        self.code = page.get_by_role("textbox", name=CODE_FIELD).or_(
            page.locator("input[autocomplete=one-time-code]")).filter(visible=True)
        self.submit = page.get_by_role("button", name=SUBMIT).filter(visible=True)

    def enter_code(self, secret: Secret, role: str) -> None:
        """The authenticator's current code, as the account's owner would type it. The code is never a
        step title or parameter; the check's redactor removes it from traces (fixtures/evidence.py)."""
        with allure.step(f"Enter the {role} account's two-factor code from its authenticator"), \
                needs("The verification code prompt cannot be filled in or submitted"):
            self.code.first.fill(current_code(secret))
            self.submit.first.click()
