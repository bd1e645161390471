"""The floor: the browser checks' navigations and assertions as a plain Playwright script (no pytest,
no Allure listener, no evidence), one fresh context per check in one browser, against the replica
started in this process. `python -m bench.bare_flow [--only NAME ...]`; exit 0 when every check passed.

Same browser as the monitor (monitor.core.browsers), same viewport, locale and waits (fixtures/browser.py),
same page objects and the same accessibility scan. Not done: the preflight (a few plain HTTP requests)."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

from playwright.sync_api import Page, expect, sync_playwright

from monitor.accessibility.scan import scan
from monitor.core.accounts import Account, load_account
from monitor.core.browsers import LOCALE, VIEWPORT, executable_for
from monitor.core.paths import TARGETS_FILE
from monitor.core.targets import Target, load_targets
from pages.elements import see_as_rendered
from pages.focus_entry import FocusEntry, FormerLoginPage
from pages.landing_page import LandingPage
from pages.parent_portal import ParentPortal
from pages.sign_in_page import SignInPage
from pages.sign_up_page import SignUpPage
from replica import Replica
from replica.accounts import default_accounts


def open_login_page(page: Page, target: Target) -> SignInPage:
    FocusEntry(page, target.entry_url).open()
    sign_in, former = SignInPage(page, target.texts), FormerLoginPage(page)
    expect(sign_in.social_section.locator.or_(sign_in.mybcps_heading.locator).or_(former.form).filter(visible=True)
           .first).to_be_visible()
    assert not former.form.is_visible(), "the former login page is served"
    return sign_in


def sign_in(page: Page, target: Target, account: Account) -> LandingPage:
    form = open_login_page(page, target)
    expect(form.email.locator).to_be_visible()
    form.sign_in(account)
    landing = LandingPage(page, target.texts)
    expect(landing.signed_in.locator.or_(form.errors).filter(visible=True).first).to_be_visible()
    assert not form.errors.count(), "sign-in rejected"
    expect(landing.signed_in.locator.filter(visible=True).first).to_be_visible()
    return landing


def sign_up(page: Page, target: Target, account: Account) -> SignUpPage:
    form = open_login_page(page, target)
    expect(form.sign_up_link.locator).to_be_visible()
    form.start_sign_up()
    sign_up_page = SignUpPage(page, target.texts)
    sign_up_page.sign_up(account.email)
    return sign_up_page


def accessible(page: Page, target: Target) -> None:
    failing = [v.rule for v in scan(page).violations if v.impact in target.a11y_fail_impacts]
    assert not failing, f"accessibility violations: {failing}"


def login_screen(page: Page, target: Target) -> None:
    form = open_login_page(page, target)
    expect(form.social_section.locator).to_be_visible()
    expect(form.mybcps_heading.locator).to_be_visible()


def social_button(provider: str) -> Callable[[Page, Target], None]:
    def check(page: Page, target: Target) -> None:
        form = open_login_page(page, target)
        button = form.provider_button(provider).locator
        expect(button).to_be_visible()
        expect(button).to_be_enabled()
        hop = form.follow_provider_button(provider, target.provider_hosts(provider), target.fail_after_s)
        assert hop.reached, f"{provider} led to {hop.destination}"

    return check


def mybcps(page: Page, target: Target) -> None:
    form = open_login_page(page, target)
    expect(form.mybcps_heading.locator).to_be_visible()
    expect(form.email.locator).to_be_visible()
    expect(form.password.locator).to_be_visible()
    expect(form.sign_in_button.locator).to_be_enabled()


def registered_sign_up(page: Page, target: Target) -> None:
    registered = load_account(target, "registered", stand_in=default_accounts())
    expect(sign_up(page, target, registered).already_exists.locator).to_be_visible()


def parent_sign_in(page: Page, target: Target) -> None:
    sign_in(page, target, load_account(target, "parent", stand_in=default_accounts()))


def employee_parent(page: Page, target: Target) -> None:
    landing = sign_in(page, target, load_account(target, "employee", stand_in=default_accounts()))
    expect(landing.profile_dropdown.locator).to_be_visible()
    landing.open_profile_choices()
    expect(landing.parent_option.locator).to_have_count(1)
    landing.choose_parent_profile()
    expect(landing.selected_profile).to_have_text(target.texts.pattern("parent_profile"))


def schoology(page: Page, target: Target) -> None:
    sign_in(page, target, load_account(target, "parent", stand_in=default_accounts()))
    portal = ParentPortal(page, target.texts)
    expect(portal.schoology_sentence.locator).to_be_visible()
    expect(portal.schoology_link(target.schoology_host)).to_have_count(1)
    assert portal.follow_schoology_link(target.schoology_host, target.fail_after_s).reached


def a11y_sign_in(page: Page, target: Target) -> None:
    open_login_page(page, target)
    accessible(page, target)


def a11y_sign_up(page: Page, target: Target) -> None:
    sign_up(page, target, load_account(target, "registered", stand_in=default_accounts()))
    accessible(page, target)


def a11y_landing(page: Page, target: Target) -> None:
    sign_in(page, target, load_account(target, "employee", stand_in=default_accounts()))
    accessible(page, target)


def a11y_portal(page: Page, target: Target) -> None:
    sign_in(page, target, load_account(target, "parent", stand_in=default_accounts()))
    accessible(page, target)


# The checks of tests/, in the order pytest collects them (file by file).
CHECKS: dict[str, Callable[[Page, Target], None]] = {
    "a11y_sign_in": a11y_sign_in,
    "a11y_sign_up": a11y_sign_up,
    "a11y_landing": a11y_landing,
    "a11y_portal": a11y_portal,
    "employee_parent": employee_parent,
    "login_screen": login_screen,
    "mybcps": mybcps,
    "parent_sign_in": parent_sign_in,
    "schoology": schoology,
    "google": social_button("Google"),
    "microsoft": social_button("Microsoft"),
    "sign_up": registered_sign_up,
}


def run(names: list[str]) -> float:
    """Run the checks; returns their seconds (replica and browser started)."""
    configured = load_targets(TARGETS_FILE)["replica"]
    with Replica() as replica, sync_playwright() as playwright:
        see_as_rendered(playwright)
        target = configured.with_entry_url(replica.entry_url)
        expect.set_options(timeout=target.timeout_ms)
        executable = executable_for(playwright.chromium.executable_path, None, headless=True)
        browser = playwright.chromium.launch(**({"executable_path": executable} if executable else {}))
        started = time.monotonic()
        for name in names:
            context = browser.new_context(viewport=VIEWPORT, locale=LOCALE)
            context.set_default_timeout(target.timeout_ms)
            context.set_default_navigation_timeout(target.timeout_ms)
            CHECKS[name](context.new_page(), target)
            context.close()
        seconds = time.monotonic() - started
        browser.close()
    return seconds


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bare_flow", description=__doc__)
    parser.add_argument("--only", action="append", choices=sorted(CHECKS), help="run only this check (repeatable)")
    names = parser.parse_args(argv).only or list(CHECKS)
    seconds = run(names)
    print(f"bare flow: {len(names)} checks passed ({seconds:.1f} s in the browser)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
