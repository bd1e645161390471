import allure
import pytest
from playwright.sync_api import Page, expect

from monitor.core.accounts import Account
from monitor.core.targets import Target
from monitor.probes.page_watch import PageWatch
from pages.elements import about
from tests.flows import reach_focus_as

pytestmark = allure.feature("BCPS employee/parent")


@pytest.mark.account("employee")
@allure.severity(allure.severity_level.CRITICAL)
@allure.title("A BCPS employee switches to the Parent profile at the upper right")
def test_employee_switches_to_the_parent_profile(page: Page, page_watch: PageWatch, target: Target,
                                                 account: Account) -> None:
    """A BCPS employee who is also a parent cannot reach their child's records: the drop-down at
    the upper right of the landing page (support page, Figure 6) is missing or does not offer Parent."""
    landing = reach_focus_as(page, target, account, page_watch)
    parent = target.texts.quote("parent_profile")
    landing.reveal_header_controls()
    with about(landing.profile_dropdown):
        expect(landing.profile_dropdown.locator, "The profile drop-down at the upper right of the landing page "
                                                 "is missing").to_be_visible()
    landing.open_profile_choices()
    with about(landing.parent_option):
        expect(landing.parent_option.locator, f"The profile drop-down does not offer {parent}").to_have_count(1)
    landing.choose_parent_profile()
    expect(landing.selected_profile, f"Choosing {parent} did not switch to the parent profile").to_have_text(
        target.texts.pattern("parent_profile"))
