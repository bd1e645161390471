import allure
from playwright.sync_api import Page

from monitor.core.accounts import Account
from monitor.core.targets import Target
from monitor.probes.page_watch import PageWatch
from tests.catalogued import catalogued
from tests.expectations import expect_element
from tests.flows import sign_up_with_registered_email


@allure.severity(allure.severity_level.CRITICAL)
@catalogued
def test_sign_up_with_a_registered_email_says_it_exists(page: Page, page_watch: PageWatch, target: Target,
                                                        account: Account) -> None:
    """A parent who signs up again with an e-mail that already has an account is not told so
    (support page, Figure 5) and may create a duplicate or be stuck without knowing why."""
    sign_up = sign_up_with_registered_email(page, target, account, page_watch)
    # Wait for these words, not for "a message": some pages show a notice before anything is clicked.
    expect_element(sign_up.already_exists, "after Sign Up Now with an already registered e-mail",
                   "it accepted the e-mail or showed another message").to_be_visible()
