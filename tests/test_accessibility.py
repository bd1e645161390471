"""Accessibility (WCAG 2.0/2.1 A and AA, axe-core): each page a parent meets, in the state a parent
sees it, one check a page, so that the report names the page that regressed. The target's policy
(targets.toml: a11y_fail_impacts, a11y_baseline) says which violations fail; the others are reported."""

import allure
import pytest
from playwright.sync_api import Page

from fixtures.accessibility import Auditor
from monitor.core.accounts import Account
from monitor.core.targets import Target
from monitor.core.verdicts import ACCESSIBILITY, fail
from monitor.probes.page_watch import PageWatch
from tests.catalogued import catalogued
from tests.flows import open_new_login_page, reach_focus_as, sign_up_with_registered_email

pytestmark = pytest.mark.a11y


def _accessible(page: Page, accessibility: Auditor, page_key: str, page_label: str) -> None:
    failure = accessibility.audit(page, page_key, page_label).failure
    if failure:
        fail(ACCESSIBILITY, failure)


@allure.severity(allure.severity_level.CRITICAL)
@catalogued
def test_sign_in_page_is_accessible(page: Page, page_watch: PageWatch, target: Target, accessibility: Auditor) -> None:
    """A parent who uses a screen reader, the keyboard or high contrast cannot sign in: the sign-in
    page breaks a WCAG 2.1 AA rule (a field without a name, text too faint to read, ...)."""
    open_new_login_page(page, target, page_watch)
    _accessible(page, accessibility, "sign_in", "sign-in page")


@allure.severity(allure.severity_level.NORMAL)
@catalogued
def test_sign_up_page_is_accessible(page: Page, page_watch: PageWatch, target: Target, account: Account,
                                    accessibility: Auditor) -> None:
    """A parent who uses assistive technology cannot create an account or is not told why it failed:
    the sign-up page, with its error shown, breaks a WCAG 2.1 AA rule."""
    sign_up_with_registered_email(page, target, account, page_watch)
    _accessible(page, accessibility, "sign_up", "sign-up page")


@allure.severity(allure.severity_level.NORMAL)
@catalogued
def test_landing_page_is_accessible(page: Page, page_watch: PageWatch, target: Target, account: Account,
                                    accessibility: Auditor) -> None:
    """A BCPS employee who uses assistive technology cannot use the Focus landing page (and its profile
    drop-down): it breaks a WCAG 2.1 AA rule."""
    reach_focus_as(page, target, account, page_watch)
    _accessible(page, accessibility, "landing", "landing page")


@allure.severity(allure.severity_level.CRITICAL)
@catalogued
def test_parent_portal_is_accessible(page: Page, page_watch: PageWatch, target: Target, account: Account,
                                     accessibility: Auditor) -> None:
    """A parent who uses assistive technology cannot read the parent portal or reach Schoology from it:
    it breaks a WCAG 2.1 AA rule."""
    reach_focus_as(page, target, account, page_watch)
    _accessible(page, accessibility, "portal", "parent portal")
