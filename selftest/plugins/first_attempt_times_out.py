"""A pytest plugin for the self-tests (-p selftest.plugins.first_attempt_times_out): the first attempt
of one check hits an infrastructure-type error (a Playwright timeout), as a network hiccup would."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

HICCUP_CHECK = "test_mybcps_section_has_its_sign_in_form"


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item: pytest.Item) -> None:
    if item.name.startswith(HICCUP_CHECK) and getattr(item, "execution_count", 1) == 1:
        raise PlaywrightTimeoutError("Timeout 4000ms exceeded (a hiccup injected by the self-tests)")
