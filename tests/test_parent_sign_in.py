import allure
from playwright.sync_api import Page

from monitor.core.accounts import Account
from monitor.core.targets import Target
from monitor.probes.page_watch import PageWatch
from tests.catalogued import catalogued
from tests.flows import sign_in_as


@allure.severity(allure.severity_level.BLOCKER)
@catalogued
def test_parent_signs_in_and_reaches_focus(page: Page, page_watch: PageWatch, target: Target, account: Account) -> None:
    """Parents with a myBCPS account cannot sign in to Focus."""
    sign_in_as(page, target, account, page_watch)
