import allure
import pytest
from playwright.sync_api import Page, expect

from monitor.core.targets import Target
from monitor.probes.page_watch import PageWatch
from pages.elements import about
from tests.flows import open_new_login_page

pytestmark = allure.feature("Login screen")


@pytest.mark.smoke
@allure.severity(allure.severity_level.BLOCKER)
@allure.title("The entry URL shows the new login page, not the former one")
def test_entry_url_shows_the_new_login_page(page: Page, page_watch: PageWatch, target: Target) -> None:
    """A parent opening Focus in Chrome sees the former Focus login page (support page, Figure 2)
    or no login page at all, and cannot sign in with a parent account."""
    sign_in = open_new_login_page(page, target, page_watch)
    with about(sign_in.social_section):
        expect(sign_in.social_section.locator, "The new login page lacks its social sign-in section").to_be_visible()
    with about(sign_in.mybcps_heading):
        expect(sign_in.mybcps_heading.locator, "The new login page lacks the myBCPS section "
                                               f"({target.texts.quote('mybcps_section')})").to_be_visible()
