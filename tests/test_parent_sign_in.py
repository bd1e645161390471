import allure
import pytest
from playwright.sync_api import Page

from monitor.core.accounts import Account
from monitor.core.targets import Target
from monitor.probes.page_watch import PageWatch
from tests.flows import sign_in_as

pytestmark = allure.feature("Login screen")


@pytest.mark.account("parent")
@allure.severity(allure.severity_level.BLOCKER)
@allure.title("A parent signs in with the myBCPS form and reaches Focus")
def test_parent_signs_in_and_reaches_focus(page: Page, page_watch: PageWatch, target: Target, account: Account) -> None:
    """Parents with a myBCPS account cannot sign in to Focus."""
    sign_in_as(page, target, account, page_watch)
