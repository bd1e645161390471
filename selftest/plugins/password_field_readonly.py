"""A pytest plugin for the self-tests (-p selftest.plugins.password_field_readonly): every password
field is read-only, as after a broken release of the sign-in page. Filling it then times out, and
Playwright's error message quotes the value it was filling in: the password."""

from __future__ import annotations

import pytest

# How long an action (the fill) waits for an editable field: shorter than the target's limit, for a
# faster self-test; navigations keep the target's.
ACTION_TIMEOUT_MS = 2000
READ_ONLY = """document.addEventListener("DOMContentLoaded", () => {
  for (const field of document.querySelectorAll("input[type=password]")) field.readOnly = true;
});"""


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item: pytest.Item) -> None:
    page = getattr(item, "funcargs", {}).get("page")
    if page is not None:
        page.add_init_script(READ_ONLY)
        page.set_default_timeout(ACTION_TIMEOUT_MS)
        target = item.funcargs.get("target")
        if target is not None:
            page.set_default_navigation_timeout(target.timeout_ms)
