"""A pytest plugin for the self-tests (-p selftest.plugins.page_never_answers): one check waits on its
page for ever, with no bound of its own, as a wait the monitor forgot to bound would; the watchdog
must still end the run with a verdict."""

from __future__ import annotations

import pytest

HELD_CHECK = "test_entry_url_shows_the_new_login_page"


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item: pytest.Item) -> None:
    if item.name.startswith(HELD_CHECK):
        item.funcargs["page"].evaluate("new Promise(() => {})")  # never settles; evaluate has no timeout
