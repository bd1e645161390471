import allure
from playwright.sync_api import Page

from monitor.core.accounts import Account
from monitor.core.targets import Target
from monitor.probes.page_watch import PageWatch
from pages.parent_portal import ParentPortal
from tests.catalogued import catalogued
from tests.expectations import expect_element
from tests.flows import reach_focus_as


@allure.severity(allure.severity_level.CRITICAL)
@catalogued
def test_parent_portal_links_to_schoology(page: Page, page_watch: PageWatch, target: Target, account: Account) -> None:
    """Parents cannot open Schoology from Focus (support page, Figure 8). (An account associated
    with its student less than 24 to 48 hours ago may legitimately lack the link.)"""
    reach_focus_as(page, target, account, page_watch)
    portal, sentence = ParentPortal(page, target.texts), target.texts.quote("schoology_link")
    expect_element(portal.schoology_sentence, "on the parent portal").to_be_visible()
    expect_element(portal.schoology_links, "on the parent portal", "the sentence shows, but nothing in it can be "
                   "clicked", locator=portal.schoology_link(target.schoology_host)).to_be_visible()
    # Judged by where clicking it leads (a launcher, a form, a new tab), not by its address.
    hop = portal.follow_schoology_link(target.schoology_host, target.fail_after_s)
    assert not hop.unopenable, f"{sentence} leads to an address that cannot be opened: {hop.destination}"
    assert hop.reached, f"{sentence} does not lead to {target.schoology_host}: it went to {hop.destination}"
