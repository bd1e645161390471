"""Between sign-in and the portal: signed in by what a person sees, an alert after sign-in that is not a
refusal, notices closed as a parent would, terms that are the account's to accept, and two-factor codes
that come from the account's secret and are never written anywhere. Pages written here in a few lines,
and one run against the replica (the matrix rows: selftest/matrix.py)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pyotp
import pytest
from playwright.sync_api import Page, expect

from monitor.core.accounts import Account, Secret, load_account, secrets_of
from monitor.core.exit_codes import MonitorExit
from monitor.core.redact import REDACTED, Redactor
from monitor.core.targets import TargetError, load_targets
from monitor.core.two_factor import codes_of_the_last, current_code
from monitor.core.verdicts import PRODUCT, SETUP_PROBLEM, CheckFailure
from monitor.data.record import read
from monitor.probes.page_watch import PageWatch
from pages.landing_page import LandingPage
from pages.notices import Notices
from pages.sign_in_page import SignInPage
from selftest.monitor_runs import SELFTEST_TARGETS, run_checks
from selftest.static_browser import static_page
from tests.arrival import notices_watched, settle

TARGET = load_targets(SELFTEST_TARGETS)["replica"]
TEXTS = TARGET.texts
ACCOUNT = Account(role="employee", email="employee@example.org")
PORTAL = "http://focus.test/focus/Modules.php?modname=misc/Portal.php"
ENTRY = "http://focus.test/focus/index.php"
NOTICE = ('<div role="dialog" aria-modal="true" aria-labelledby="t" style="position:fixed;inset:0;background:#fff">'
          '<h2 id="t">{title}</h2><p>Read this first.</p>{controls}</div>')
EXPECT_MS = 1000


@pytest.fixture(scope="module")
def browser_page() -> Iterator[Page]:
    with static_page() as page:
        yield page


@pytest.fixture
def page(browser_page: Page) -> Iterator[Page]:
    """A page at a made-up Focus address (the portal's, or the entry's), with short waits."""
    expect.set_options(timeout=EXPECT_MS)
    browser_page.set_default_timeout(EXPECT_MS)
    yield browser_page
    browser_page.unroute_all()
    browser_page.remove_locator_handler(Notices(browser_page, TEXTS).shown)
    expect.set_options(timeout=5000)


def show(page: Page, html: str, url: str = PORTAL) -> None:
    page.route("http://focus.test/**", lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"))
    page.goto(url)


@pytest.mark.parametrize(("html", "url", "sign"), [
    ("<h1>Welcome, Jane Doe</h1>", ENTRY, "greeting"),
    ('<nav><a href="/focus/index.php?logout">Log Out</a></nav>', ENTRY, "sign-out control"),
    ("<main><p>Portal</p></main>", PORTAL, "address"),
    ("<main><p>Portal</p><a hidden href='/x'>Log Out</a></main>", ENTRY, None),
], ids=["greeting", "log-out-only", "address-only", "nothing"])
def test_signed_in_is_what_a_person_sees_or_the_portals_address(page, html, url, sign) -> None:
    show(page, html, url)
    assert LandingPage(page, TEXTS).signed_in_by(TARGET.portal_address) == sign


def test_an_alert_counts_as_a_refusal_only_while_the_sign_in_form_shows(page) -> None:
    show(page, '<div role="alert">Safety drill: this is only a drill.</div><h1>Welcome, Jane</h1>')
    assert SignInPage(page, TEXTS).refusal.count() == 0
    show(page, '<form><input aria-label="Password" type="password"><button id="next">Sign in</button>'
               '<div role="alert">Your password is incorrect.</div></form>', ENTRY)
    expect(SignInPage(page, TEXTS).refusal).to_have_text("Your password is incorrect.")


def test_a_greeting_counts_only_once_the_sign_in_form_has_gone(page) -> None:
    form = '<form><input aria-label="Password" type="password"><button id="next">Sign in</button></form>'
    show(page, f"<h1>Welcome to Baltimore County Public Schools</h1>{form}", ENTRY)
    sign_in, landing = SignInPage(page, TEXTS), LandingPage(page, TEXTS)
    expect(sign_in.left.locator(landing.signed_in.locator)).to_have_count(0)
    show(page, "<h1>Welcome, Jane</h1><a href='/focus/index.php?logout'>Log Out</a>")
    expect(sign_in.left.locator(landing.signed_in.locator)).to_have_count(2)


@pytest.mark.parametrize("control", ['<button aria-label="Close">&times;</button>', "<button>×</button>",
                                     "<button>OK</button>", "<a href='#' role='button'>Dismiss</a>",
                                     "<button>Continue</button>"])
def test_a_notice_is_closed_as_a_parent_would_and_said_in_the_report(page, control) -> None:
    closing = control.replace("<button", "<button onclick=\"this.closest('[role=dialog]').remove()\"", 1).replace(
        "<a ", "<a onclick=\"this.closest('[role=dialog]').remove()\" ", 1)
    show(page, "<h1>Welcome, Jane</h1>" + NOTICE.format(title="Snow day schedule", controls=closing))
    watch = PageWatch()
    settle(Notices(page, TEXTS), ACCOUNT, watch, "the landing page")
    assert watch.notices == ["A notice covered the landing page: Snow day schedule; closed"]
    expect(Notices(page, TEXTS).shown).to_have_count(0)


def test_a_dialog_that_offers_sign_out_is_no_terms_to_accept(page) -> None:
    """"Sign" accepts terms; "Sign out" in a session-timeout dialog does not."""
    show(page, "<h1>Welcome, Jane</h1>" + NOTICE.format(title="Still there?", controls=(
        "<button>Sign out</button><button onclick=\"this.closest('[role=dialog]').remove()\">Continue</button>")))
    watch = PageWatch()
    settle(Notices(page, TEXTS), ACCOUNT, watch, "the landing page")
    assert watch.notices == ["A notice covered the landing page: Still there?; closed"]


@pytest.mark.parametrize("control", ['<button aria-label="Close" onclick="dismissNotice()">×</button>', ""],
                         ids=["its-script-fails", "no-close-control"])
def test_a_notice_that_cannot_be_closed_is_the_products_failure(page, control) -> None:
    show(page, "<h1>Welcome, Jane</h1>" + NOTICE.format(title="Snow day schedule", controls=control))
    with pytest.raises(CheckFailure) as failure:
        settle(Notices(page, TEXTS), ACCOUNT, PageWatch(), "the landing page")
    assert failure.value.verdict == PRODUCT
    assert str(failure.value) == "A notice covers the landing page and cannot be closed: Snow day schedule"


@pytest.mark.parametrize("control", ["Accept", "I agree", "I acknowledge", "Sign"])
def test_terms_are_the_accounts_to_accept_unless_the_target_names_the_control(page, control) -> None:
    terms = NOTICE.format(title="Terms and Conditions", controls=(
        f"<button onclick=\"this.closest('[role=dialog]').remove()\">{control}</button><button>Close</button>"))
    show(page, "<h1>Welcome, Jane</h1>" + terms)
    with pytest.raises(CheckFailure) as failure:
        settle(Notices(page, TEXTS), ACCOUNT, PageWatch(), "the landing page")
    assert failure.value.verdict == SETUP_PROBLEM
    assert str(failure.value) == ("The employee account must accept the district's Terms and Conditions in Focus "
                                  "before the portal opens (the page asks: Terms and Conditions)")
    expect(Notices(page, TEXTS).shown).to_have_count(1)  # not accepted, not closed on its behalf
    allowed = dataclasses.replace(TEXTS, texts=tuple((key, (control,) if key == "accept_notice" else texts)
                                                     for key, texts in TEXTS.texts))
    settle(Notices(page, allowed), ACCOUNT, PageWatch(), "the landing page")
    expect(Notices(page, TEXTS).shown).to_have_count(0)


def test_a_notice_drawn_later_is_closed_before_the_next_action(page) -> None:
    """Playwright's locator handler: the click goes through hit-testing, so the notice must be gone first."""
    later = NOTICE.format(title="Conference week", controls="<button onclick=\"this.parentNode.remove()\">OK</button>")
    show(page, "<h1>Welcome, Jane</h1><button onclick=\"this.textContent='done'\">Grades</button><script>"
               f"setTimeout(() => document.body.insertAdjacentHTML('beforeend', {later!r}), 100)</script>")
    watch = PageWatch()
    notices_watched(page, Notices(page, TEXTS), ACCOUNT, watch)
    page.wait_for_function("document.querySelector('[role=dialog]')")  # (an expect would run the handler)
    page.get_by_role("button", name="Grades").click()
    expect(page.get_by_role("button", name="done")).to_be_visible()
    assert watch.notices == ["A notice covered the page: Conference week; closed"]


def test_the_texts_for_being_signed_in_have_defaults_and_accept_notice_may_be_empty(tmp_path: Path) -> None:
    assert TEXTS.accepted("signed_in") == ("Welcome",) and TEXTS.accepted("sign_out") == ("Log Out", "Sign out")
    assert TEXTS.accepted("accept_notice") == () and TEXTS.pattern_or_none("accept_notice") is None
    path = tmp_path / "targets.toml"
    path.write_text(SELFTEST_TARGETS.read_text(encoding="utf-8") + '\n[targets.replica.texts]\nsign_out = []\n')
    with pytest.raises(TargetError, match="texts.sign_out must be a string or a list of strings"):
        load_targets(path)


def test_a_totp_secret_is_an_accounts_secret_like_its_password() -> None:
    secret = pyotp.random_base32()
    environ = {"FOCUS_PARENT_EMAIL": "p@example.org", "FOCUS_PARENT_PASSWORD": "Pass-word-1",
               "FOCUS_PARENT_TOTP_SECRET": secret}
    account = load_account(TARGET, "parent", environ)
    assert account.totp_secret.reveal() == secret and secret not in repr(account)
    assert account.totp_variable(TARGET) == "FOCUS_PARENT_TOTP_SECRET"
    assert secret in secrets_of(TARGET, environ)
    assert load_account(TARGET, "parent", {**environ, "FOCUS_PARENT_TOTP_SECRET": ""}).totp_secret is None


def test_a_code_is_redacted_where_it_stands_alone_never_inside_a_longer_number() -> None:
    secret = Secret(pyotp.random_base32())
    code = current_code(secret)
    assert code in codes_of_the_last(secret)
    redactor = Redactor().with_codes(codes_of_the_last(secret)).with_secrets(["cookie-value-1234"])
    text = f'fill("{code}") code {code}; at 9{code}1 and {code}.5 ms; cookie-value-1234'
    assert redactor.text(text) == (f'fill("{REDACTED}") code {REDACTED}; at 9{code}1 and {code}.5 ms; {REDACTED}')
    assert redactor.reveals(f"typed {code}") and redactor.data(f'"value":"{code}"'.encode()) == \
        f'"value":"{REDACTED}"'.encode()


def test_two_factor_without_a_secret_is_a_setup_problem_naming_the_variable(replica_in, tmp_path) -> None:
    """The replica's accounts have TOTP secrets (the matrix's two-factor row passes with them); a target
    that reads the parent's from a variable that is not set has none."""
    targets = tmp_path / "targets.toml"
    targets.write_text(SELFTEST_TARGETS.read_text(encoding="utf-8")
                       + '\n[targets.replica.accounts]\nparent_totp_secret = "FOCUS_NO_PARENT_TOTP_SECRET"\n')
    replica = replica_in("two-factor")
    run = run_checks(replica.entry_url, tmp_path / "allure-results", "-k", "test_parent_signs_in_and_reaches_focus",
                     targets_file=targets, env={"FOCUS_NO_PARENT_TOTP_SECRET": ""})
    run.assert_completed(MonitorExit.SETUP_PROBLEM, checks={"parent_sign_in"})
    check = run.checks["parent_sign_in"]
    assert check.verdict == SETUP_PROBLEM and check.attempts == 1, check
    assert "set FOCUS_NO_PARENT_TOTP_SECRET (the account's TOTP secret), or save a session: make auth " \
           "ACCOUNT=parent TARGET=replica" in check.message, check.message
    assert read(tmp_path / "run.json").outcome == "setup-problem"
