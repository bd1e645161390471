import allure
import pytest

from monitor.core.verdicts import fail
from monitor.data.summary import SLOWNESS
from monitor.probes.preflight import PreflightResult
from monitor.reporting.console import certificate_note
from tests.catalogued import catalogued


@pytest.mark.preflight
@pytest.mark.smoke
@allure.severity(allure.severity_level.BLOCKER)
@catalogued
def test_site_and_identity_provider_answer(preflight: PreflightResult, request: pytest.FixtureRequest) -> None:
    """Parents cannot even reach the login page: Focus or its sign-in provider does not answer, or a
    certificate on the way is expired or invalid (the browser shows a warning instead of the page).
    Every other check is then reported as not run, since a browser could not show them anything."""
    if preflight.certificates:
        allure.attach("\n".join(map(certificate_note, preflight.certificates)), "TLS certificates",
                      allure.attachment_type.TEXT)
    failure = preflight.failure()
    if failure:
        fail(*failure)
    degraded = preflight.degraded()
    if degraded:  # passed, flagged: a certificate expires soon, or could not be read
        request.node.user_properties.append((SLOWNESS, degraded))
        allure.dynamic.tag("degraded")

