"""The secrets to scrub have one source (monitor/core/accounts.py, secrets_of): the checks' redactor
and the alerts take the same ones, a target's own variable names included (the alerts once took only
the default FOCUS_* ones)."""

from __future__ import annotations

import dataclasses

from monitor.core.accounts import secrets_of
from monitor.core.targets import load_targets
from monitor.notify import NotifyConfig, secrets
from selftest.monitor_runs import SELFTEST_TARGETS
from selftest.notify_helpers import run_record


def test_a_targets_own_variables_and_url_userinfo_are_secrets() -> None:
    live = load_targets(SELFTEST_TARGETS)["live"]
    target = dataclasses.replace(live, entry_url="https://qa:Url-Secret-1@focus.example.org/focus",
                                 accounts={**live.accounts, "parent_password": "STAGING_PARENT_PW"})
    environ = {"STAGING_PARENT_PW": "Own-Variable-2", "FOCUS_PARENT_PASSWORD": "Not-This-Targets-3",
               live.accounts["employee_password"]: "Employee-4"}
    found = secrets_of(target, environ)
    assert {"Own-Variable-2", "Employee-4", "Url-Secret-1", "qa:Url-Secret-1"} <= set(found)
    assert "Not-This-Targets-3" not in found
    assert secrets_of(None, {"FOCUS_PARENT_PASSWORD": "Default-5"}) == ["Default-5"]


def test_the_alerts_take_the_secrets_of_the_records_target() -> None:
    record = dataclasses.replace(run_record(), target="no-such-target")
    config = NotifyConfig(alert_urls=("json://alerts.example.org/Hook-Secret-6",))
    found = secrets(config, [record], {"FOCUS_EMPLOYEE_PASSWORD": "Default-7"})
    assert "Default-7" in found and any("Hook-Secret-6" in secret for secret in found)
