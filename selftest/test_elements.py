"""Page objects' elements on pages written here in a few lines: tolerant of markup, strict about
matching one thing, and what the page offered instead without a student's name."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from monitor.core.browsers import executable_for
from monitor.core.targets import load_targets
from monitor.core.verdicts import PRODUCT, CheckFailure
from pages.elements import about, offered_instead
from pages.landing_page import LandingPage
from pages.parent_portal import ParentPortal
from pages.sign_in_page import SignInPage
from selftest.monitor_runs import SELFTEST_TARGETS

TEXTS = load_targets(SELFTEST_TARGETS)["replica"].texts
SOCIAL = ('<div role="form" aria-label="Sign in with your social account"><h2>Sign in with your social account</h2>'
          "{}</div>")
BCPS_BUTTON = '<button id="AzureADBCPSOrgExchange">Login with your BCPS Account</button>'


@pytest.fixture(scope="module")
def page() -> Iterator[Page]:
    with sync_playwright() as playwright:
        executable = executable_for(playwright.chromium.executable_path, None, headless=True)
        browser = playwright.chromium.launch(headless=True, executable_path=executable)
        page = browser.new_page()
        page.set_default_timeout(1000)
        yield page
        browser.close()


@pytest.mark.parametrize("markup", [
    '<button id="GoogleExchange" role="link">Google</button>',
    '<button id="Google-OIDC">Sign in with Google</button>',
    '<a href="/google">Continue with GOOGLE</a>',
], ids=["b2c-default", "custom-button", "link"])
def test_a_provider_button_is_found_by_its_name_whatever_carries_it(page, markup) -> None:
    page.set_content(SOCIAL.format(markup + BCPS_BUTTON))
    expect(SignInPage(page, TEXTS).provider_button("Google").locator).to_have_count(1)
    expect(SignInPage(page, TEXTS).provider_button("Microsoft").locator).to_have_count(0)


def test_two_things_that_look_like_the_element_are_the_products_failure_with_what_was_offered(page) -> None:
    page.set_content(SOCIAL.format('<button>Sign in with Google</button><a href="/g">Google Workspace</a>'))
    button = SignInPage(page, TEXTS).provider_button("Google")
    with pytest.raises(CheckFailure) as raised, about(button):
        expect(button.locator).to_be_visible()
    assert raised.value.verdict == PRODUCT and raised.value.about == (button,)
    assert str(raised.value).startswith("More than one thing on the page looks like the Google sign-in button")
    assert {str(item) for item in offered_instead(button)[:2]} == {'button "Sign in with Google"',
                                                                  'link "Google Workspace"'}  # the likeliest first


def test_the_schoology_link_may_cover_only_part_of_the_sentence(page) -> None:
    page.set_content('<p>Please <a href="https://bcps.schoology.com/">click here</a> to access Schoology.</p>'
                     '<p><a href="/help">Help</a></p>')
    portal = ParentPortal(page, TEXTS)
    expect(portal.schoology_sentence.locator).to_have_count(1)
    expect(portal.schoology_link("bcps.schoology.com")).to_have_attribute("href", "https://bcps.schoology.com/")


def test_the_profile_drop_down_is_never_the_school_year_one(page) -> None:
    years = '<label>School Year <select name="side_syear"><option>2026-2027</option></select></label>'
    page.set_content(years + '<select name="role"><option>Teacher - Elementary</option>'
                             '<option>Parent/Guardian</option></select>')
    landing = LandingPage(page, TEXTS)
    expect(landing.profile_dropdown.locator).to_have_attribute("name", "role")
    expect(landing.parent_option.locator).to_have_count(1)
    page.set_content(years)
    expect(landing.profile_dropdown.locator).to_have_count(0)


def test_what_the_page_offered_leaves_out_what_identifies_a_student(page) -> None:
    page.set_content('<div class="card student"><a href="/s">Diego Alvarez</a></div>'
                     '<nav><a href="/m">Messages for Diego Alvarez</a><a href="/p">Portal</a></nav>')
    offered = [str(item) for item in offered_instead(ParentPortal(page, TEXTS).schoology_links, (".card.student",))]
    assert "Diego Alvarez" not in " ".join(offered)
    assert 'link "Messages for [student data removed]"' in offered and 'link "Portal"' in offered
