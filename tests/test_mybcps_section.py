import allure
import pytest
from playwright.sync_api import Page, expect

from monitor.targets import Target
from tests.flows import open_new_login_page

pytestmark = allure.feature("Signing-in with social account")


@pytest.mark.smoke
@allure.severity(allure.severity_level.BLOCKER)
@allure.title("The \"Login with your myBCPS account\" section has its sign-in form")
def test_mybcps_section_has_its_sign_in_form(page: Page, target: Target) -> None:
    """Parents with a myBCPS (e-mail and password) account find no place to sign in."""
    sign_in = open_new_login_page(page, target)
    expect(sign_in.mybcps_heading, "The \"Login with your myBCPS account\" section is missing").to_be_visible()
    expect(sign_in.email, "The myBCPS section has no Email Address field").to_be_visible()
    expect(sign_in.password, "The myBCPS section has no Password field").to_be_visible()
    expect(sign_in.sign_in_button, "The myBCPS section has no Sign in button").to_be_enabled()
