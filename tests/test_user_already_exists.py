import allure
import pytest
from playwright.sync_api import Page, expect

from monitor.core.accounts import Account
from monitor.core.targets import Target
from monitor.probes.page_watch import PageWatch
from pages.elements import about
from tests.flows import sign_up_with_registered_email

pytestmark = allure.feature("User already exists error")


@pytest.mark.account("registered")
@allure.severity(allure.severity_level.CRITICAL)
@allure.title("\"Sign Up Now\" with a registered e-mail says the user already exists")
def test_sign_up_with_a_registered_email_says_it_exists(page: Page, page_watch: PageWatch, target: Target,
                                                        account: Account) -> None:
    """A parent who signs up again with an e-mail that already has an account is not told so
    (support page, Figure 5) and may create a duplicate or be stuck without knowing why."""
    sign_up = sign_up_with_registered_email(page, target, account, page_watch)
    # Wait for these words, not for "a message": some pages show a notice before anything is clicked.
    with about(sign_up.already_exists):
        expect(sign_up.already_exists.locator,
               f"Sign Up Now did not say {target.texts.quote('already_exists')} for an already registered "
               "e-mail: it accepted the e-mail or showed another message").to_be_visible()
