import allure
import pytest
from playwright.sync_api import Page

from monitor.core.targets import Target
from monitor.probes.page_watch import PageWatch
from tests.catalogued import catalogued
from tests.expectations import expect_element
from tests.flows import open_new_login_page


@pytest.mark.smoke
@pytest.mark.parametrize("provider", ["Google", "Microsoft"])
@allure.severity(allure.severity_level.BLOCKER)
@catalogued
def test_social_button_leads_to_its_provider(page: Page, page_watch: PageWatch, target: Target, provider: str) -> None:
    """Parents who created their account with Google or Microsoft must sign in with that button;
    without it, or if it leads elsewhere, they cannot reach their account."""
    sign_in = open_new_login_page(page, target, page_watch)
    expect_element(sign_in.provider_button(provider), "on the login page").to_be_enabled()
    hosts = target.provider_hosts(provider)
    hop = sign_in.follow_provider_button(provider, hosts, target.fail_after_s)
    assert not hop.unopenable, f"The {provider} button leads to an address that cannot be opened: {hop.destination}"
    assert hop.reached, (
        f"The {provider} button does not lead to {' or '.join(hosts)}: "
        f"it went to {hop.destination}"
    )
