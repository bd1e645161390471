import allure
import pytest
from playwright.sync_api import Page

from monitor.core.targets import Target
from monitor.probes.page_watch import PageWatch
from tests.catalogued import catalogued
from tests.expectations import expect_element
from tests.flows import open_new_login_page


@pytest.mark.smoke
@allure.severity(allure.severity_level.BLOCKER)
@catalogued
def test_entry_url_shows_the_new_login_page(page: Page, page_watch: PageWatch, target: Target) -> None:
    """A parent opening Focus in Chrome sees the former Focus login page (support page, Figure 2)
    or no login page at all, and cannot sign in with a parent account."""
    sign_in = open_new_login_page(page, target, page_watch)
    expect_element(sign_in.social_section, "on the new login page").to_be_visible()
    expect_element(sign_in.mybcps_heading, "on the new login page").to_be_visible()
