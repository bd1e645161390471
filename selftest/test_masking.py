"""Masking that fails safe, on pages written here: on a signed-in page, evidence hides all but the
allow-list (furniture, the texts the checks look for); it says when the greeting's name is still
readable after masking, or when a private locator that matched on the page before matches nothing."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from fixtures.masking import check_masking, mark_content
from monitor.core.targets import load_targets
from pages.elements import PRIVATE_MARK
from selftest.monitor_runs import SELFTEST_TARGETS
from selftest.static_browser import static_page

TARGETS = load_targets(SELFTEST_TARGETS)
# As targets.toml's live: the greeting is private, nothing else is listed.
LIVE = dataclasses.replace(TARGETS["live"], private_locators=("text=/^\\s*Welcome,/",))
STUDENT, SCHOOL = "Zelda Canary", "Dumbarton Middle School"
# A portal after a release renamed the student card (no private locator matches it) and put the
# parent's name in a header span and a navigation link.
PORTAL = f"""<header><form id="site_session"><label for="p">Profile</label><select id="p"><option>Parent</option>
</select><span class="user-name">Jane Doe</span><a href="/logout">Log Out</a></form></header>
<nav aria-label="Menu"><a href="#">Portal</a><a href="#">Grades</a>NAV_EXTRA</nav>
<main><h1 id="welcome">Welcome, Jane Doe</h1><h2>Parent Portal</h2>
<article class="card pupil" aria-label="{STUDENT}"><h3>{STUDENT}</h3><dl><dt>School</dt><dd>{SCHOOL}</dd></dl>
<img alt="{STUDENT}" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></article>
<article id="schoology"><h3>Schoology</h3><p>Please <a href="https://bcps.schoology.com">click here</a> to access
Schoology.</p></article><script>var ctx = {{"student": "{STUDENT}"}};</script></main>"""


@pytest.fixture(scope="module")
def page() -> Iterator[Page]:
    with static_page() as page:
        yield page


def _marked(page: Page) -> list[str]:
    return page.locator(f"[{PRIVATE_MARK}]").evaluate_all("els => els.map(el => el.outerHTML)")


def test_a_signed_in_page_hides_all_but_its_furniture_and_what_the_checks_look_for(page, tmp_path) -> None:
    page.set_content(PORTAL.replace("NAV_EXTRA", ""))
    target = LIVE
    masking = check_masking(page, target, mark_content(page, target), tmp_path)
    assert masking.signed_in and masking.names == ["Jane Doe"] and masking.trusted, masking
    marked = "\n".join(_marked(page))
    for private in (f">{STUDENT}</h3>", f">{SCHOOL}</dd>", 'alt="', '<span class="user-name"', "<script ",
                    "Welcome, Jane Doe"):
        assert private in marked, private
    for furniture in ("Log Out", "Parent Portal", ">Portal<", "<select", "click here", "<h3>Schoology</h3>"):
        assert furniture not in marked, furniture


def test_a_name_still_readable_after_masking_is_said_and_withholds_the_pictures(page, tmp_path) -> None:
    page.set_content(PORTAL.replace("NAV_EXTRA", '<a href="#">Jane Doe\'s settings</a>'))  # furniture naming the parent
    target = LIVE
    masking = check_masking(page, target, mark_content(page, target), tmp_path)
    assert not masking.trusted and "the greeting's name is still readable after masking" in masking.problems[0]
    assert "Jane Doe" not in " ".join(masking.problems)


def test_a_private_locator_that_matched_before_and_matches_nothing_now_is_said(page, tmp_path) -> None:
    target = dataclasses.replace(LIVE, private_locators=(".card.student", "#welcome"))
    page.set_content(PORTAL.replace("NAV_EXTRA", "").replace("card pupil", "card student"))
    assert check_masking(page, target, mark_content(page, target), tmp_path).trusted
    page.set_content(PORTAL.replace("NAV_EXTRA", ""))  # the next run: the release renamed the card
    masking = check_masking(page, target, mark_content(page, target), tmp_path)
    assert masking.problems == ["private locator(s) .card.student matched on this page before and match nothing "
                                "now: the page changed; update the target's private_locators"]
    updated = dataclasses.replace(target, private_locators=(".card.pupil", "#welcome"))  # QA's fix
    assert check_masking(page, updated, mark_content(page, updated), tmp_path).trusted


def test_a_page_before_sign_in_is_left_as_it_is(page, tmp_path) -> None:
    page.set_content('<h2>Sign in with your social account</h2><button id="GoogleExchange">Google</button>'
                     '<label for="signInName">Email Address</label><input id="signInName">')
    masking = check_masking(page, LIVE, mark_content(page, LIVE), tmp_path)
    assert not masking.signed_in and masking.trusted and _marked(page) == []
