"""The new login page: Azure AD B2C's unified sign-in page (support page, Figures 1 and 4)."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import allure
from playwright.sync_api import Page, Request, Response, Route

from monitor.accounts import Account

PROVIDER_BUTTON_IDS = {"Google": "#GoogleExchange", "Microsoft": "#MicrosoftAccountExchange"}
POLL_MS = 50


@dataclass
class ProviderHop:
    """Where a social button led: the main-frame navigations, and the first URL on the provider."""

    provider: str
    chain: list[str] = field(default_factory=list)
    reached: str | None = None
    # A page that answered (not a redirect) before the provider was reached: the wrong place.
    landed: str | None = None

    @property
    def last_url(self) -> str | None:
        return self.chain[-1] if self.chain else None


class SignInPage:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.social_section = page.get_by_role("form", name=re.compile("sign in with your social account", re.I))
        self.mybcps_heading = page.get_by_text(re.compile(r"login with your mybcps account", re.I))
        self.email = page.get_by_label("Email Address", exact=True).or_(page.locator("#signInName"))
        self.password = page.get_by_label("Password", exact=True).or_(page.locator("#password"))
        self.sign_in_button = page.get_by_role("button", name="Sign in", exact=True).or_(page.locator("#next"))
        self.sign_up_link = page.get_by_role("link", name=re.compile(r"^sign up now$", re.I)).or_(
            page.locator("#createAccount")
        )
        # B2C's error messages are role="alert" and aria-hidden until shown: only shown ones match.
        self.errors = page.get_by_role("alert")

    def provider_button(self, provider: str):
        return self.page.get_by_role("link", name=provider, exact=True).or_(
            self.page.locator(PROVIDER_BUTTON_IDS[provider])
        )

    def sign_in(self, account: Account) -> None:
        with allure.step(f"Sign in with the myBCPS form as the {account.role} account {account.email}"):
            self.email.fill(account.email)
            # The password itself is never a step title or parameter; traces are scrubbed of it.
            self.password.fill(account.password.reveal() if account.password else "")
            self.sign_in_button.click()

    def start_sign_up(self) -> None:
        with allure.step("Click \"Sign up now\""):
            self.sign_up_link.click()

    def follow_provider_button(self, provider: str, provider_hosts: tuple[str, ...], timeout_s: float) -> ProviderHop:
        """Click a social button and follow the navigation (through 302s) to the provider's host,
        where the request is aborted: the monitor never signs in to Google or Microsoft."""
        hop = ProviderHop(provider)
        page = self.page

        def is_provider(url: str) -> bool:
            return urlsplit(url).hostname in provider_hosts

        def stop_at_provider(route: Route) -> None:
            hop.reached = hop.reached or route.request.url
            route.abort()

        def on_request(request: Request) -> None:
            if request.is_navigation_request() and request.frame == page.main_frame:
                hop.chain.append(request.url)

        def on_response(response: Response) -> None:
            request = response.request
            if request.is_navigation_request() and request.frame == page.main_frame and not (
                300 <= response.status < 400
            ):
                hop.landed = response.url

        with allure.step(f"Click the {provider} button and follow it to {' or '.join(provider_hosts)} "
                         "(stopped there, no sign-in)"):
            page.route(is_provider, stop_at_provider)
            page.on("request", on_request)
            page.on("response", on_response)
            try:
                self.provider_button(provider).click()
                deadline = time.monotonic() + timeout_s
                while not hop.reached and not hop.landed and time.monotonic() < deadline:
                    page.wait_for_timeout(POLL_MS)
            finally:
                page.remove_listener("request", on_request)
                page.remove_listener("response", on_response)
                page.unroute(is_provider, stop_at_provider)
        return hop
