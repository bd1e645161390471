"""The new login page: Azure AD B2C's unified sign-in page (support page, Figures 1 and 4)."""

from __future__ import annotations

import re

import allure
from playwright.sync_api import Page

from monitor.core.accounts import Account
from monitor.core.wording import Wording
from pages.actions import needs, type_into
from pages.b2c import wait_until_interactive
from pages.elements import ID, LABEL, NAME, Element, Way, text_element
from pages.navigation import Hop, follow_click

PROVIDER_BUTTON_IDS = {"Google": "#GoogleExchange", "Microsoft": "#MicrosoftAccountExchange"}
PROVIDER_TEXT_KEYS = {"Google": "google_button", "Microsoft": "microsoft_button"}
SOCIAL_SECTION = re.compile(r"social account", re.I)
# The local account's identifier: B2C names it after its claim ("Email Address", "Sign in name").
SIGN_IN_NAME = re.compile(r"e-?mail|sign[ -]?in name", re.I)
PASSWORD = re.compile(r"^\W*password\W*$", re.I)
SIGN_IN = re.compile(r"^\W*(sign|log) ?in\W*$", re.I)
class SignInPage:
    def __init__(self, page: Page, texts: Wording) -> None:
        self.page = page
        self.texts = texts
        # B2C renders its social section as a form named by its heading; the class is its standard markup.
        self.social_section = Element("social_section", "the social sign-in section", "text", (
            Way(NAME, page.get_by_role("form", name=SOCIAL_SECTION)),
            Way(NAME, page.get_by_role("region", name=SOCIAL_SECTION)),
            Way(ID, page.locator(".claims-provider-list-buttons")),
        ), ("Sign in with your social account",))
        self.mybcps_heading = text_element(page, texts, "mybcps_section", "the myBCPS section's heading")
        self.email = Element("email", "the Email Address field", "field", (
            Way(LABEL, page.get_by_role("textbox", name=SIGN_IN_NAME)),
            Way(ID, page.locator("#signInName")),
        ), ("Email Address", "Sign in name"))
        self.password = Element("password", "the Password field", "field", (
            Way(LABEL, page.get_by_label(PASSWORD).and_(page.locator("input"))),
            Way(ID, page.locator("#password")),
        ), ("Password",))
        self.sign_in_button = Element("sign_in_button", "the Sign in button", "clickable", (
            Way(NAME, page.get_by_role("button", name=SIGN_IN)),
            Way(ID, page.locator("#next")),
        ), ("Sign in",))
        sign_up = texts.pattern("sign_up_link")
        self.sign_up_link = Element("sign_up_link", f"the {texts.quote('sign_up_link')} link", "clickable", (
            Way(NAME, page.get_by_role("link", name=sign_up)),
            Way(NAME, page.get_by_role("button", name=sign_up)),
            Way(ID, page.locator("#createAccount")),
        ), texts.accepted("sign_up_link"))
        # What a parent reads after a refused sign-in: an alert, or B2C's error boxes once shown
        # (some tenants' pages give them no role="alert").
        self.errors = page.get_by_role("alert").or_(page.locator(".error.pageLevel, .error.itemLevel")).filter(
            visible=True)
        # A refusal is an error while the sign-in form is still showing: an alert on the page after it
        # (a drill banner, an announcement on the portal) is not the form's answer.
        showing = self.sign_in_button.locator.filter(visible=True)
        self.refusal = page.locator("body").filter(has=showing).locator(self.errors)
        # A page once the sign-in form has gone (a "Welcome" on the sign-in page is not Focus greeting).
        self.left = page.locator("body").filter(has_not=showing)

    def elements(self) -> tuple[Element, ...]:
        """Every element the page object finds (the calibration looks for each)."""
        return (self.social_section, self.provider_button("Google"), self.provider_button("Microsoft"),
                self.mybcps_heading, self.email, self.password, self.sign_in_button, self.sign_up_link)

    def provider_button(self, provider: str) -> Element:
        """A link or button of the social section whose name names the provider, else B2C's default id."""
        key = PROVIDER_TEXT_KEYS[provider]
        named, quoted = self.texts.pattern(key), self.texts.quote(key)
        section = self.social_section.locator
        # Its text, unless that is the provider's name alone ("the Google sign-in button ("Google")").
        described = f"the {provider} sign-in button" + ("" if quoted == f'"{provider}"' else f" ({quoted})")
        return Element(key, described, "clickable", (
            Way(NAME, section.get_by_role("link", name=named)),
            Way(NAME, section.get_by_role("button", name=named)),
            Way(ID, self.page.locator(PROVIDER_BUTTON_IDS[provider])),
        ), self.texts.accepted(key))

    def sign_in(self, account: Account) -> None:
        with allure.step(f"Sign in with the myBCPS form as the {account.role} account {account.email}"):
            wait_until_interactive(self.page)
            with needs("The sign-in page has no Email Address field that can be filled in", self.email):
                type_into(self.email.locator, account.email)
            # The password itself is never a step title or parameter; traces are scrubbed of it.
            with needs("The sign-in page has no Password field that can be filled in", self.password):
                type_into(self.password.locator, account.password.reveal() if account.password else "")
            with needs("The sign-in page has no Sign in button that can be clicked", self.sign_in_button):
                self.sign_in_button.locator.click()

    def start_sign_up(self) -> None:
        link = self.texts.quote("sign_up_link")
        with allure.step(f"Click {link}"):
            wait_until_interactive(self.page)
            # Until the sign-up page has loaded, "Email Address" would still find the sign-in form's field.
            # (The click's own failure is caught first: the innermost `needs`.)
            with needs(f"{link} did not open the sign-up page"), self.page.expect_navigation(), \
                    needs(f"The sign-in page has no {link} link that can be clicked", self.sign_up_link):
                self.sign_up_link.locator.click()

    def follow_provider_button(self, provider: str, provider_hosts: tuple[str, ...], timeout_s: float) -> Hop:
        """Click a social button and follow its navigation, hop by hop through the identity provider's
        302s, to the first request on the provider's host, which is stopped: the monitor never signs in
        to Google or Microsoft."""
        wait_until_interactive(self.page)
        button = self.provider_button(provider)

        def click() -> None:
            with needs(f"The {provider} button cannot be clicked", button):
                button.locator.click()

        return follow_click(self.page, f"Click the {provider} button and follow it to {' or '.join(provider_hosts)} "
                                       "(stopped there, no sign-in)", click, provider_hosts, timeout_s)
