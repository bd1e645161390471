import allure
import pytest
from playwright.sync_api import Page, expect

from monitor.core.targets import Target
from monitor.probes.page_watch import PageWatch
from pages.elements import about
from tests.flows import open_new_login_page

pytestmark = allure.feature("Signing-in with social account")


@pytest.mark.smoke
@allure.severity(allure.severity_level.BLOCKER)
@allure.title("The \"Login with your myBCPS account\" section has its sign-in form")
def test_mybcps_section_has_its_sign_in_form(page: Page, page_watch: PageWatch, target: Target) -> None:
    """Parents with a myBCPS (e-mail and password) account find no place to sign in."""
    sign_in = open_new_login_page(page, target, page_watch)
    with about(sign_in.mybcps_heading):
        expect(sign_in.mybcps_heading.locator,
               f"The {target.texts.quote('mybcps_section')} section is missing").to_be_visible()
    with about(sign_in.email):
        expect(sign_in.email.locator, "The myBCPS section has no Email Address field").to_be_visible()
    with about(sign_in.password):
        expect(sign_in.password.locator, "The myBCPS section has no Password field").to_be_visible()
    with about(sign_in.sign_in_button):
        expect(sign_in.sign_in_button.locator, "The myBCPS section has no Sign in button").to_be_enabled()
