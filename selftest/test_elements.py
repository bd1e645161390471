"""Page objects' elements on pages written here in a few lines: tolerant of markup, strict about
matching one thing, and what the page offered instead without a student's name. And the four ways
real pages differ from the replica's dialects: a sentence under a title, hidden copies of controls,
links that go through something, something over the page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from monitor.core.paths import TARGETS_FILE
from monitor.core.targets import load_targets
from monitor.core.verdicts import PRODUCT, CheckFailure
from pages.elements import about, offered_instead
from pages.landing_page import LandingPage
from pages.parent_portal import ParentPortal
from pages.sign_in_page import SignInPage
from selftest.little_site import little_site
from selftest.monitor_runs import SELFTEST_TARGETS
from selftest.static_browser import static_page
from tests.expectations import expect_element

TEXTS = load_targets(SELFTEST_TARGETS)["replica"].texts
SOCIAL = ('<div role="form" aria-label="Sign in with your social account"><h2>Sign in with your social account</h2>'
          "{}</div>")
BCPS_BUTTON = '<button id="AzureADBCPSOrgExchange">Login with your BCPS Account</button>'


@pytest.fixture(scope="module")
def page() -> Iterator[Page]:
    with static_page(1000) as page:
        yield page


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


def test_an_expectation_names_the_element_where_a_parent_looks_and_what_its_absence_costs(page) -> None:
    """The check says where and what for, the element says what it is (expect_element): the product's failure."""
    page.set_content(SOCIAL.format("<button disabled>Sign in with Google</button>"))
    sign_in = SignInPage(page, TEXTS)
    expect.set_options(timeout=300)
    try:
        with pytest.raises(CheckFailure) as disabled:
            expect_element(sign_in.provider_button("Google"), "on the login page").to_be_enabled()
        with pytest.raises(CheckFailure) as missing:
            expect_element(sign_in.provider_button("Microsoft"), "on the login page",
                           "parents with a Microsoft account cannot sign in").to_be_visible()
    finally:
        expect.set_options(timeout=5000)
    assert str(disabled.value).startswith("The Google sign-in button is disabled on the login page\n")
    assert str(missing.value).startswith("The Microsoft sign-in button is missing or hidden on the login page: "
                                         "parents with a Microsoft account cannot sign in\n")
    assert disabled.value.verdict == missing.value.verdict == PRODUCT
    assert [element.key for element in missing.value.about] == ["microsoft_button"]


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


SCHOOLOGY = "bcps.schoology.com"
# A Focus portal note as district staff write it: a bold title, a line break, the sentence.
TITLED_NOTE = '<div class="note"><b>Schoology</b><br>Please <a href="{}"{}>click here</a> to access Schoology</div>'
# A single sign-on launcher (SimpleSAMLphp's IdP-initiated address): a page that posts itself on to Schoology.
AUTO_POST = ('<title>Working...</title><form method="post" action="https://bcps.schoology.com/login/saml">'
             '<input type="hidden" name="SAMLResponse" value="x"></form><script>document.forms[0].submit()</script>')
LAUNCHER = "/focus/simplesaml/saml2/idp/SSOService.php"
# Something over the page that a parent cannot close (no close button, no Escape).
OVERLAY = '<div style="position:fixed;inset:0;background:rgba(0,0,0,.4)">Scheduled maintenance</div>'
PROFILES = '<option value="Teacher">Teacher</option><option value="Parent">Parent</option>'


def test_a_sentence_under_a_title_is_read_on_its_own_line(page) -> None:
    """The title's last word and the sentence's first are two words to a person: "SchoologyPlease" is
    textContent's, not what the browser renders."""
    page.set_content(TITLED_NOTE.format(f"https://{SCHOOLOGY}/", ""))
    portal = ParentPortal(page, TEXTS)
    with about(portal.schoology_sentence):
        expect(portal.schoology_sentence.locator).to_be_visible()
    expect(portal.schoology_link(SCHOOLOGY)).to_have_text("click here")


def test_hidden_copies_of_a_control_are_neither_the_control_nor_a_second_one(page) -> None:
    """Real Focus pages keep hidden help and session-timeout forms with their own select[name=role]."""
    hidden_form = (f'<form id="help" style="display:none"><select name="role">{PROFILES}</select></form>'
                   f'<template><select name="role">{PROFILES}</select></template>')
    page.set_content('<form id="site_session"><select name="role">' + PROFILES + '</select></form>' + hidden_form)
    landing = LandingPage(page, TEXTS)
    with about(landing.profile_dropdown):
        expect(landing.profile_dropdown.locator).to_be_visible()
    expect(landing.parent_option.locator).to_have_count(1)
    page.set_content(hidden_form)  # only hidden copies: no drop-down at all
    expect(landing.profile_dropdown.locator).to_have_count(0)


def test_a_link_is_judged_by_where_following_it_leads(page) -> None:
    """Through a redirect, or a launcher that posts itself on in a new tab: Schoology is reached (and the
    request stopped there). A launcher that answers an error page, and a link to another site, each say
    where they ended (host and path, never the query) and what that page said."""
    pages = {"/redirect": (302, {"Location": f"https://{SCHOOLOGY}/login"}, ""),
             LAUNCHER: (200, {}, AUTO_POST),
             "/broken" + LAUNCHER: (500, {}, "<title>SimpleSAMLphp - Unhandled exception</title>"),
             "/elsewhere": (200, {}, "<title>Another district</title>")}
    with little_site(pages) as origin:
        outcomes = {}
        for path, blank in (("/redirect", ""), (LAUNCHER, ' target="_blank"'), ("/broken" + LAUNCHER, ""),
                            ("/elsewhere", "")):
            page.set_content(TITLED_NOTE.format(f"{origin}{path}?spentityid=secret-token", blank))
            outcomes[path] = ParentPortal(page, TEXTS).follow_schoology_link(SCHOOLOGY, timeout_s=5)
    assert outcomes["/redirect"].reached == f"https://{SCHOOLOGY}/login"
    assert outcomes[LAUNCHER].reached == f"https://{SCHOOLOGY}/login/saml", outcomes[LAUNCHER]
    broken, elsewhere = outcomes["/broken" + LAUNCHER], outcomes["/elsewhere"]
    assert not broken.reached and not elsewhere.reached
    assert broken.destination == (f"an error page at {origin}/broken{LAUNCHER} "
                                  '(HTTP 500, titled "SimpleSAMLphp - Unhandled exception")')
    assert elsewhere.destination == f'a page at {origin}/elsewhere (HTTP 200, titled "Another district")'


def test_something_over_the_page_stops_the_checks_as_it_stops_a_parent(page) -> None:
    """Choosing a profile and clicking the Schoology link both go through the browser's hit-testing."""
    landing_page = ('<form action="/switched"><select name="role" onchange="this.form.submit()">' + PROFILES +
                    "</select></form>")
    pages = {"/landing": (200, {}, landing_page + OVERLAY), "/portal": (200, {}, TITLED_NOTE.format(
        f"https://{SCHOOLOGY}/", "") + OVERLAY), "/switched": (200, {}, "<title>Parent</title>")}
    with little_site(pages) as origin:
        page.goto(f"{origin}/landing")
        with pytest.raises(CheckFailure) as profile:
            LandingPage(page, TEXTS).choose_parent_profile()
        page.goto(f"{origin}/portal")
        with pytest.raises(CheckFailure) as schoology:
            ParentPortal(page, TEXTS).follow_schoology_link(SCHOOLOGY, timeout_s=5)
    assert str(profile.value).startswith("A parent cannot open the profile drop-down at the upper right: something "
                                         "on the page covers it (<div>Scheduled maintenance</div>)"), profile.value
    assert str(schoology.value).startswith('A parent cannot click "Please click here to access Schoology": something '
                                           "on the page covers it"), schoology.value
    assert profile.value.verdict == schoology.value.verdict == PRODUCT


def test_a_profile_switcher_may_be_a_button_that_opens_a_menu(page) -> None:
    """Current Focus mixes native drop-downs and custom menus; the page object clicks either open."""
    menu = ('<button aria-haspopup="menu" aria-expanded="false" onclick="this.setAttribute(\'aria-expanded\', '
            'true); this.nextElementSibling.hidden = false">Teacher</button><ul role="menu" hidden>'
            '<li role="none"><a role="menuitem" href="/switched">Teacher</a></li>'
            '<li role="none"><a role="menuitem" href="/switched">BCPS Parent</a></li></ul>')
    with little_site({"/landing": (200, {}, menu), "/switched": (200, {}, menu.replace(">Teacher</button>",
                                                                                       ">BCPS Parent</button>"))}) \
            as origin:
        page.goto(f"{origin}/landing")
        landing = LandingPage(page, TEXTS)
        expect(landing.profile_dropdown.locator).to_have_count(1)
        expect(landing.parent_option.locator).to_have_count(0)  # closed, as a parent sees it
        landing.open_profile_choices()
        expect(landing.parent_option.locator).to_have_count(1)
        landing.choose_parent_profile()
        expect(landing.selected_profile).to_have_text(TEXTS.pattern("parent_profile"))


def test_the_parent_profile_may_be_titled_parents(page) -> None:
    """The switcher shows the profile's title, which may read "Parents" (section 8): the shipped texts find it."""
    texts = load_targets(TARGETS_FILE)["live"].texts
    landing_page = ('<form action="/switched"><select name="role" onchange="this.form.submit()">'
                    '<option value="Teacher">Teacher</option><option value="Parents">Parents</option></select></form>')
    pages = {"/landing": (200, {}, landing_page), "/switched": (200, {}, "<title>switched</title>")}
    with little_site(pages) as origin:
        page.goto(f"{origin}/landing")
        LandingPage(page, texts).choose_parent_profile()
        expect(page).to_have_url(f"{origin}/switched?role=Parents")
