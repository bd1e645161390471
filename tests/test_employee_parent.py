import allure
from playwright.sync_api import Page, expect

from monitor.core.accounts import Account
from monitor.core.targets import Target
from monitor.probes.page_watch import PageWatch
from tests.catalogued import catalogued
from tests.expectations import expect_element
from tests.flows import reach_focus_as


@allure.severity(allure.severity_level.CRITICAL)
@catalogued
def test_employee_switches_to_the_parent_profile(page: Page, page_watch: PageWatch, target: Target,
                                                 account: Account) -> None:
    """A BCPS employee who is also a parent cannot reach their child's records: the drop-down at
    the upper right of the landing page (support page, Figure 6) is missing or does not offer Parent."""
    landing = reach_focus_as(page, target, account, page_watch)
    parent = target.texts.quote("parent_profile")
    landing.reveal_header_controls()
    expect_element(landing.profile_dropdown, "on the landing page").to_be_visible()
    landing.open_profile_choices()
    expect_element(landing.parent_option).to_be_visible()
    landing.choose_parent_profile()
    expect(landing.selected_profile, f"Choosing {parent} did not switch to the parent profile").to_have_text(
        target.texts.pattern("parent_profile"))
