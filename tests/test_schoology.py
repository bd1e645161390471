import allure
import pytest
from playwright.sync_api import Page, expect

from monitor.core.accounts import Account
from monitor.core.targets import Target
from monitor.probes.page_watch import PageWatch
from pages.elements import about
from pages.parent_portal import ParentPortal
from tests.flows import reach_focus_as

pytestmark = allure.feature("Accessing Schoology through Focus")


@pytest.mark.account("parent")
@allure.severity(allure.severity_level.CRITICAL)
@allure.title("The parent portal links to Schoology")
def test_parent_portal_links_to_schoology(page: Page, page_watch: PageWatch, target: Target, account: Account) -> None:
    """Parents cannot open Schoology from Focus (support page, Figure 8). (An account associated
    with its student less than 24 to 48 hours ago may legitimately lack the link.)"""
    reach_focus_as(page, target, account, page_watch)
    portal, sentence = ParentPortal(page, target.texts), target.texts.quote("schoology_link")
    with about(portal.schoology_sentence):
        expect(portal.schoology_sentence.locator, f"The parent portal does not show {sentence}").to_be_visible()
    with about(portal.schoology_links):
        expect(portal.schoology_link(target.schoology_host),
               f"The parent portal shows {sentence}, but nothing in it can be clicked").to_have_count(1)
    # Judged by where clicking it leads (a launcher, a form, a new tab), not by its address.
    hop = portal.follow_schoology_link(target.schoology_host, target.fail_after_s)
    assert not hop.unopenable, f"{sentence} leads to an address that cannot be opened: {hop.destination}"
    assert hop.reached, f"{sentence} does not lead to {target.schoology_host}: it went to {hop.destination}"
