"""B2C's self-asserted sign-up page with e-mail verification (support page, Figure 5)."""

from __future__ import annotations

import re

import allure
from playwright.sync_api import Page

from monitor.core.wording import Wording
from pages.actions import needs, type_into
from pages.b2c import wait_until_interactive
from pages.elements import ID, LABEL, NAME, Element, Way, text_element

EMAIL = re.compile(r"e-?mail", re.I)


class SignUpPage:
    def __init__(self, page: Page, texts: Wording) -> None:
        self.page = page
        self.texts = texts
        self.email = Element("email", "the Email Address field", "field", (
            Way(LABEL, page.get_by_role("textbox", name=EMAIL)),
            Way(ID, page.locator("#email")),
        ), ("Email Address",))
        # The support page writes "Send Verification Code", B2C "Send verification code": by words, any case.
        # Ids: B2C's verification display control, and the built-in verification of older policies.
        self.send_code_button = Element(
            "send_code_button", f"the {texts.quote('send_code_button')} button", "clickable", (
                Way(NAME, page.get_by_role("button", name=texts.pattern("send_code_button"))),
                Way(ID, page.locator("#emailVerificationControl_but_send_code, #email_ver_but_send")),
            ), texts.accepted("send_code_button"))
        # The message itself, by its words, wherever B2C's script shows it (with or without role="alert").
        self.already_exists = text_element(page, texts, "already_exists", "the error message", kind="message")

    def elements(self) -> tuple[Element, ...]:
        """Every element the page object finds (the calibration looks for each)."""
        return self.email, self.send_code_button, self.already_exists

    def sign_up(self, email: str) -> None:
        send = self.texts.quote("send_code_button")
        with allure.step(f"Enter {email} and click {send}"):
            wait_until_interactive(self.page)
            with needs("The sign-up page has no Email Address field that can be filled in", self.email):
                type_into(self.email.locator, email)
            with needs(f"The sign-up page has no {send} button that can be clicked", self.send_code_button):
                self.send_code_button.locator.click()
