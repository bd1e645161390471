"""The new login page: Azure AD B2C's unified sign-in page (support page, Figures 1 and 4)."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import allure
from playwright.sync_api import Error, Page, Route

from monitor.accounts import Account
from pages.actions import needs
from pages.b2c import wait_until_interactive

PROVIDER_BUTTON_IDS = {"Google": "#GoogleExchange", "Microsoft": "#MicrosoftAccountExchange"}
POLL_MS = 50
MAX_REDIRECTS = 10


@dataclass
class ProviderHop:
    """Where a social button led: the main-frame navigations, and the first URL on the provider."""

    provider: str
    chain: list[str] = field(default_factory=list)
    reached: str | None = None
    # A page that answered (not a redirect) before the provider was reached: the wrong place.
    landed: str | None = None

    @property
    def destination(self) -> str:
        """Where the button led instead of the provider, without the query (it carries tokens)."""
        where = self.landed or (self.chain[-1] if self.chain else None)
        if not where:
            return "nowhere (no navigation started)"
        url, _, error = where.partition(" (")
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}{parts.path}" + (f" ({error}" if error else "")


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
            wait_until_interactive(self.page)
            with needs("The sign-in page has no Email Address field that can be filled in"):
                self.email.fill(account.email)
            # The password itself is never a step title or parameter; traces are scrubbed of it.
            with needs("The sign-in page has no Password field that can be filled in"):
                self.password.fill(account.password.reveal() if account.password else "")
            with needs("The sign-in page has no Sign in button that can be clicked"):
                self.sign_in_button.click()

    def start_sign_up(self) -> None:
        with allure.step("Click \"Sign up now\""):
            wait_until_interactive(self.page)
            # Until the sign-up page has loaded, "Email Address" would still find the sign-in form's field.
            # (The click's own failure is caught first: the innermost `needs`.)
            with needs("\"Sign up now\" did not open the sign-up page"), self.page.expect_navigation(), \
                    needs("The sign-in page has no \"Sign up now\" link that can be clicked"):
                self.sign_up_link.click()

    def follow_provider_button(self, provider: str, provider_hosts: tuple[str, ...], timeout_s: float) -> ProviderHop:
        """Click a social button and follow its navigation, hop by hop through the identity provider's
        302s, to the first request on the provider's host, which is aborted: the monitor never signs in
        to Google or Microsoft. (Playwright routes only the first request of a redirect chain, so the
        route itself walks the chain.)"""
        hop = ProviderHop(provider)
        page = self.page

        def walk(route: Route) -> None:
            request = route.request
            if hop.reached or hop.landed or not (request.is_navigation_request() and request.frame == page.main_frame):
                route.fallback()
                return
            url, method = request.url, None
            for _ in range(MAX_REDIRECTS):
                if urlsplit(url).hostname in provider_hosts:
                    hop.reached = url
                    route.abort()
                    return
                hop.chain.append(url)
                try:
                    response = route.fetch(url=url, method=method, max_redirects=0)
                except Error as error:  # the hop leads to a host that does not answer
                    hop.landed = f"{url} ({str(error).splitlines()[0]})"
                    route.abort()
                    return
                location = response.headers.get("location")
                if not (300 <= response.status < 400 and location):
                    hop.landed = url
                    route.fulfill(response=response)
                    return
                url, method = urljoin(url, location), "GET"
            hop.landed = url
            route.abort()

        with allure.step(f"Click the {provider} button and follow it to {' or '.join(provider_hosts)} "
                         "(stopped there, no sign-in)"):
            wait_until_interactive(page)
            page.route("**/*", walk)
            try:
                with needs(f"The {provider} button cannot be clicked"):
                    self.provider_button(provider).click()
                deadline = time.monotonic() + timeout_s
                while not hop.reached and not hop.landed and time.monotonic() < deadline:
                    page.wait_for_timeout(POLL_MS)
            finally:
                page.unroute("**/*", walk)
        return hop
