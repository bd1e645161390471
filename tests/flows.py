"""Steps that several checks share, with their assertions (page objects hold none)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from monitor.core.accounts import Account
from monitor.core.targets import Target
from monitor.core.verdicts import FORMER_LOGIN_PAGE, SETUP_PROBLEM, fail
from monitor.probes.page_watch import PageWatch
from pages.elements import about
from pages.focus_entry import FocusEntry, FormerLoginPage
from pages.landing_page import LandingPage
from pages.notices import Notices
from pages.sign_in_page import SignInPage
from pages.sign_up_page import SignUpPage
from tests.arrival import arrive, wait_for_one
from tests.expectations import expect_element

FORMER_PAGE_SERVED = (
    "The former login page is being served (support page, Figure 2): parents see the old Focus "
    "username/password form instead of the new sign-in page"
)


# The flow's moments, measured by the browser's own clock (the run record and "Page load times").
SIGN_IN_PAGE_SHOWN = "entry URL to sign-in page shown"
SIGNED_IN = "Sign in to \"Welcome\""


def open_new_login_page(page: Page, target: Target, watch: PageWatch) -> SignInPage:
    """Open the entry URL and insist on the new sign-in page, not the former one."""
    FocusEntry(page, target.entry_url).open()
    sign_in, former = SignInPage(page, target.texts), FormerLoginPage(page)
    some_login_page = sign_in.social_section.locator.or_(sign_in.mybcps_heading.locator).or_(former.form)
    with about(sign_in.social_section, sign_in.mybcps_heading):
        expect(some_login_page.filter(visible=True).first,
               f"No login page appeared at {target.shown_url}").to_be_visible()
    # A login page is showing: which one is known now, no need to wait for the former one to go.
    if former.form.is_visible():
        fail(FORMER_LOGIN_PAGE, FORMER_PAGE_SERVED)
    watch.milestone(page, SIGN_IN_PAGE_SHOWN)
    return sign_in


def sign_in_as(page: Page, target: Target, account: Account, watch: PageWatch) -> LandingPage:
    """Sign in through the myBCPS form and wait for the Focus landing page."""
    if account.password is None:
        pytest.skip(f"Not run: the {account.role} account has only a saved session; signing in with the "
                    f"myBCPS form needs its password ({target.accounts[account.role + '_password']})")
    sign_in = open_new_login_page(page, target, watch)
    expect_element(sign_in.email, "in the myBCPS section", f"the {account.role} account cannot sign in").to_be_visible()
    clicked_at = watch.page_clock(page)
    sign_in.sign_in(account)
    landing = arrive(page, target, account, watch, sign_in)
    watch.milestone(page, SIGNED_IN, since=clicked_at)
    return landing


def reach_focus_as(page: Page, target: Target, account: Account, watch: PageWatch) -> LandingPage:
    """The Focus landing page for an account: through its saved session if it has one, else by signing in."""
    if account.saved_session is None:
        return sign_in_as(page, target, account, watch)
    FocusEntry(page, target.entry_url).open()
    landing, sign_in = LandingPage(page, target.texts), SignInPage(page, target.texts)
    login_page = sign_in.social_section.locator.or_(sign_in.email.locator).filter(visible=True)
    wait_for_one(page, target, landing.signed_in.locator.or_(Notices(page, target.texts).shown).or_(login_page),
                 "Neither the Focus landing page nor the sign-in page appeared")
    if login_page.count():
        fail(SETUP_PROBLEM, f"The saved session expired: Focus asked the {account.role} account to sign in again. "
                            f"Run: make auth ACCOUNT={account.role} TARGET={target.name}")
    return arrive(page, target, account, watch)


def sign_up_with_registered_email(page: Page, target: Target, account: Account, watch: PageWatch) -> SignUpPage:
    """\"Sign up now\", then \"Send Verification Code\" for an e-mail that has an account (no mail is
    sent). The page's answer is for the caller to read."""
    sign_in = open_new_login_page(page, target, watch)
    expect_element(sign_in.sign_up_link, "in the myBCPS section").to_be_visible()
    sign_in.start_sign_up()
    sign_up = SignUpPage(page, target.texts)
    sign_up.sign_up(account.email)
    return sign_up
