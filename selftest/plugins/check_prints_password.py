"""A pytest plugin for the self-tests (-p selftest.plugins.check_prints_password): every check that
opens a page prints, logs and writes to stderr the parent's password, as a careless debugging line
would. pytest captures it; the terminal, the JUnit XML and Allure ("stdout", "log") show it."""

from __future__ import annotations

import logging
import os
import sys

import pytest

PASSWORD_VARIABLE = "FOCUS_PARENT_PASSWORD"


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item: pytest.Item) -> None:
    password = os.environ.get(PASSWORD_VARIABLE)
    if password and "page" in getattr(item, "funcargs", {}):
        print(f"debug: signing in with {password}")
        print(f"debug: {password!r}", file=sys.stderr)
        logging.getLogger("focus.debug").warning("password=%s", password)
