import allure
import pytest
from playwright.sync_api import Page, expect

from monitor.core.targets import Target
from monitor.probes.page_watch import PageWatch
from pages.elements import about
from tests.flows import open_new_login_page

pytestmark = allure.feature("Signing-in with social account")


@pytest.mark.smoke
@pytest.mark.parametrize("provider", ["Google", "Microsoft"])
@allure.severity(allure.severity_level.BLOCKER)
@allure.title("The {provider} button is there and leads to {provider}")
def test_social_button_leads_to_its_provider(page: Page, page_watch: PageWatch, target: Target, provider: str) -> None:
    """Parents who created their account with Google or Microsoft must sign in with that button;
    without it, or if it leads elsewhere, they cannot reach their account."""
    sign_in = open_new_login_page(page, target, page_watch)
    button = sign_in.provider_button(provider)
    with about(button):
        expect(button.locator, f"The {provider} sign-in button is missing or hidden on the login page").to_be_visible()
        expect(button.locator, f"The {provider} sign-in button is disabled").to_be_enabled()
    hosts = target.provider_hosts(provider)
    hop = sign_in.follow_provider_button(provider, hosts, target.fail_after_s)
    assert not hop.unopenable, f"The {provider} button leads to an address that cannot be opened: {hop.destination}"
    assert hop.reached, (
        f"The {provider} button does not lead to {' or '.join(hosts)}: "
        f"it went to {hop.destination}"
    )
