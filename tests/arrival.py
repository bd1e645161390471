"""Between sign-in and the portal: what a parent meets after pressing Sign in (a refusal, a two-factor
code prompt, notices, terms to accept) and how the check tells that the user is signed in. Current
Focus pages may have no greeting: a visible sign-out control or the portal's address will do."""

from __future__ import annotations

import contextlib

import allure
from playwright.sync_api import Error, Page, expect

from monitor.core import page_text
from monitor.core.accounts import Account
from monitor.core.targets import Target
from monitor.core.verdicts import PRODUCT, SETUP_PROBLEM, SIGN_IN_REJECTED, fail
from monitor.probes.page_watch import PageWatch
from pages.elements import private_texts, without_private_texts
from pages.landing_page import LandingPage
from pages.notices import Notice, Notices
from pages.sign_in_page import SignInPage
from pages.verification_code import VerificationCodePrompt

LANDING = "the landing page"
MAX_NOTICES = 5  # more, one after another, and the page is not one a parent gets through


def terms_to_accept(account: Account, title: str) -> str:
    return (f"The {account.role} account must accept the district's Terms and Conditions in Focus before the "
            f"portal opens (the page asks: {title})")


def stuck_notice(where: str, title: str) -> str:
    return f"A notice covers {where} and cannot be closed: {title}"


def closed_notice(where: str, title: str) -> str:
    return f"A notice covered {where}: {title}; closed"


def arrive(page: Page, target: Target, account: Account, watch: PageWatch,
           sign_in: SignInPage | None = None) -> LandingPage:
    """After Sign in (or a saved session's first page): the landing page, once the code prompt, the
    notices and the terms are dealt with as a parent would; else the check stops with the right verdict."""
    landing, prompt = LandingPage(page, target.texts), VerificationCodePrompt(page)
    notices = Notices(page, target.texts)
    answer = landing.signed_in.locator.or_(prompt.code).or_(notices.shown)
    if sign_in is not None:
        answer = sign_in.left.locator(answer).or_(sign_in.refusal)
    wait_for_one(page, target, answer, "Neither the Focus landing page nor a sign-in error appeared after Sign in")
    if sign_in is not None:
        refused(sign_in, account)
    if prompt.code.count():
        give_code(page, target, account, landing, prompt, notices)
    settle(notices, account, watch, LANDING)
    notices_watched(page, notices, account, watch)
    how = landing.signed_in_by(target.portal_address)
    if how is None:
        expect(landing.signed_in.locator.filter(visible=True).first,
               f"After sign-in, the Focus landing page shows neither the greeting ({target.texts.quote('signed_in')}) "
               f"nor a {target.texts.quote('sign_out')} control, and its address has no "
               f"{target.portal_address}").to_be_visible()
        how = landing.signed_in_by(target.portal_address)
    with allure.step(f"Signed in: the page shows it by its {how}"):
        pass
    what_the_page_said(page, target)
    return landing


def wait_for_one(page: Page, target: Target, answer, message: str) -> None:
    """The first of the answers to show; or, without any, the portal's address (signed in all the same)."""
    try:
        expect(answer.filter(visible=True).first, message).to_be_visible()
    except AssertionError:
        if target.portal_address not in page.url:
            raise


def refused(sign_in: SignInPage, account: Account) -> None:
    # An error while the sign-in form still shows is the answer, reported at once. Most pages after
    # Sign in show no error at all: that look is the cheaper one (the form's is a search by name).
    if not sign_in.errors.count():
        return
    shown = [text.strip() for text in sign_in.refusal.all_inner_texts() if text.strip()]
    if shown:
        fail(SIGN_IN_REJECTED, f"Sign-in rejected: the {account.role} account {account.email} was refused by the "
                               f"myBCPS sign-in form, which says \"{shown[0]}\"")


def give_code(page: Page, target: Target, account: Account, landing: LandingPage, prompt: VerificationCodePrompt,
              notices: Notices) -> None:
    """The page asks for a two-factor code: the authenticator's current one, from the account's secret."""
    variable = account.totp_variable(target)
    if account.totp_secret is None:
        fail(SETUP_PROBLEM, f"Focus asks the {account.role} account for a two-factor code after sign-in, and the "
                            f"monitor has no authenticator secret for it: set {variable} (the account's TOTP "
                            f"secret), or save a session: make auth ACCOUNT={account.role} TARGET={target.name}")
    prompt.enter_code(account.totp_secret, account.role)
    try:
        expect(landing.signed_in.locator.or_(notices.shown).filter(visible=True).first).to_be_visible()
    except AssertionError:
        if prompt.code.count():
            fail(SETUP_PROBLEM, f"Focus refused the {account.role} account's two-factor code: check its TOTP secret "
                                f"({variable}) and the monitor's clock")
        if target.portal_address not in page.url:
            raise


def settle(notices: Notices, account: Account, watch: PageWatch, where: str) -> None:
    """Each notice over the page, the topmost first: closed as a parent would; terms accepted only where the
    target says so."""
    for _ in range(MAX_NOTICES):
        current = notices.current()
        if not current:
            return
        resolve(notices, current[-1], len(current) - 1, account, watch, where)
    fail(PRODUCT, stuck_notice(where, f"{MAX_NOTICES} notices, one after another"))


def resolve(notices: Notices, notice: Notice, others: int, account: Account, watch: PageWatch, where: str) -> None:
    """One notice, `others` more under it: gone once dealt with, or the check stops."""
    if notice.accept.count():
        control = notices.accept_named(notice)
        if control is None or not control.count():
            fail(SETUP_PROBLEM, terms_to_accept(account, notice.title))
        notices.accept(notice, control)
        expect(notices.shown, f"Accepting {notice.title!r} did not close it").to_have_count(others)
        return
    if not notice.close.count():
        fail(PRODUCT, stuck_notice(where, notice.title))
    notices.close(notice)
    try:
        expect(notices.shown).to_have_count(others)
    except AssertionError:
        fail(PRODUCT, stuck_notice(where, notice.title))
    closed(watch, closed_notice(where, notice.title))


def closed(watch: PageWatch, line: str) -> None:
    """The report's step and the run record's line for a notice that was closed."""
    watch.notices.append(line)
    with allure.step(line):
        pass


def notices_watched(page: Page, notices: Notices, account: Account, watch: PageWatch) -> None:
    """A notice that comes later (drawn by a script, or on the next page) is closed before the check's next
    action, as a parent would (Playwright's locator handler). A handler cannot fail the check: what it
    cannot close is said in a failed step, and the action it blocks fails on it."""

    gave_up = []

    def handle() -> None:
        if gave_up:
            return
        try:
            settle(notices, account, watch, "the page")
        except (AssertionError, Error) as problem:
            gave_up.append(problem)
            with contextlib.suppress(AssertionError, Error), allure.step(str(problem).splitlines()[0]):
                raise problem

    page.add_locator_handler(notices.shown, handle, no_wait_after=True)


def what_the_page_said(page: Page, target: Target) -> None:
    """An alert on the Focus side (a drill banner, an announcement) is never a refusal: listed as what
    the page said, without what identifies a student or a parent."""
    alerts = [text for text in page.get_by_role("alert").filter(visible=True).all_inner_texts() if text.strip()]
    private = private_texts(page, target.private_locators) if alerts else []
    for text in alerts:
        said = page_text.line(without_private_texts(" ".join(text.split()), private), 200)
        with allure.step(f"The page said: {said}"):
            pass
