import allure
import pytest

from monitor.preflight import PreflightResult
from monitor.verdicts import UNREACHABLE, fail


@pytest.mark.preflight
@pytest.mark.smoke
@allure.feature("Site reachability")
@allure.severity(allure.severity_level.BLOCKER)
@allure.title("The Focus site and its identity provider answer")
def test_site_and_identity_provider_answer(preflight: PreflightResult) -> None:
    """Parents cannot even reach the login page: Focus or its sign-in provider does not answer.
    Every other check is reported as not run, since a browser could not show them anything."""
    if not preflight.ok:
        fail(UNREACHABLE, preflight.message)
