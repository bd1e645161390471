"""A check's title, feature and account, from its entry in the catalogue (monitor/core/catalogue.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import allure
import pytest

from monitor.core.catalogue import of_test

Function = TypeVar("Function", bound=Callable[..., None])


def catalogued(function: Function) -> Function:
    """Decorate a check with what the catalogue says of it (one entry, or one a parameter: the same)."""
    checks = of_test(function.__name__)
    if len({(check.title, check.feature, check.role) for check in checks}) != 1:
        raise LookupError(f"{function.__name__}: no entry in the catalogue of checks (monitor/core/catalogue.py), "
                          "or entries that differ in title, feature or account")
    check = checks[0]
    function = allure.feature(check.feature)(allure.title(check.title)(function))
    return pytest.mark.account(check.role)(function) if check.role else function
