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
def test_mybcps_section_has_its_sign_in_form(page: Page, page_watch: PageWatch, target: Target) -> None:
    """Parents with a myBCPS (e-mail and password) account find no place to sign in."""
    sign_in = open_new_login_page(page, target, page_watch)
    expect_element(sign_in.mybcps_heading, "on the login page").to_be_visible()
    for element in (sign_in.email, sign_in.password):
        expect_element(element, "in the myBCPS section").to_be_visible()
    expect_element(sign_in.sign_in_button, "in the myBCPS section").to_be_enabled()
