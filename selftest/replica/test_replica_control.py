"""The control endpoint, the Python API's guards and the command line."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from monitor.core.roles import ROLES, default_variable
from replica import SCENARIOS, Replica
from replica.accounts import ACCOUNT_VARIABLES, PARENT_EMAIL, PARENT_PASSWORD, default_accounts
from replica.scenarios import ScenarioError, ScenarioState

ROOT = Path(__file__).resolve().parents[2]


def test_control_reads_and_switches_the_scenario(replica):
    url = replica.focus_origin + "/__replica/scenario"
    assert requests.get(url).json() == {"scenario": "healthy", "options": {}}
    body = {"scenario": "slow", "options": {"delay_ms": 2500, "pages": ["login"]}}
    answer = requests.post(url, json=body)
    assert answer.status_code == 200 and answer.json() == body
    assert requests.get(url).json() == body
    assert requests.post(url, json={"scenario": "jitter"}).json() == {
        "scenario": "jitter",
        "options": {"max_ms": 250},
    }


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({"scenario": "foo"}, "unknown scenario 'foo'; known: healthy, former-login-page, "),
        ("not json", "the body must be a JSON object"),
        ({"options": {}}, "missing field 'scenario'"),
        ({"scenario": "slow", "options": {"delay_ms": "fast"}}, "option 'delay_ms' must be an integer"),
        ({"scenario": "slow", "options": {"pages": ["home"]}}, "unknown page 'home'; known: entry, login"),
        ({"scenario": "slow", "options": []}, "'options' must be a JSON object"),
        ({"scenario": "healthy", "options": {"delay_ms": 1}}, "scenario 'healthy' has no option 'delay_ms'"),
        ({"scenario": "jitter", "extra": 1}, "unknown field 'extra'"),
    ],
    ids=[
        "unknown",
        "non-json",
        "missing",
        "bad-type",
        "bad-page",
        "options-not-object",
        "foreign-option",
        "extra",
    ],
)
def test_control_refuses_bad_input_with_a_one_line_reason(replica, body, reason):
    url = replica.focus_origin + "/__replica/scenario"
    response = requests.post(url, data=body) if isinstance(body, str) else requests.post(url, json=body)
    assert response.status_code == 400
    assert response.headers["Content-Type"].startswith("text/plain")
    assert response.text.startswith(reason) and response.text.count("\n") == 1
    assert requests.get(url).json()["scenario"] == "healthy"


def test_api_refuses_a_bad_scenario(replica):
    with pytest.raises(ValueError, match="unknown scenario 'nope'"):
        replica.set_scenario("nope")
    with pytest.raises(ValueError, match="must be an integer"):
        replica.set_scenario("jitter", max_ms=True)


def test_a_page_that_asks_for_an_unknown_scenario_is_an_error_not_a_page_that_never_breaks():
    state = ScenarioState()
    assert state.is_("healthy") and not state.is_("slow")
    with pytest.raises(ScenarioError, match="unknown scenario 'google-buton-missing'; known: healthy, "):
        state.is_("google-buton-missing")


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "::"])
def test_non_loopback_host_is_refused(host):
    with pytest.raises(ValueError) as error:
        Replica(host=host)
    assert str(error.value) == f"the replica binds to loopback only (127.0.0.1), not {host}"


def test_scenario_names():
    assert list(SCENARIOS) == [
        "healthy",
        "former-login-page",
        "google-button-missing",
        "microsoft-button-missing",
        "social-buttons-hidden",
        "social-redirect-broken",
        "mybcps-section-missing",
        "signup-duplicate-error-missing",
        "signup-wrong-error-text",
        "password-field-missing",
        "signup-link-dead",
        "signup-email-field-missing",
        "profile-switch-broken",
        "login-rejected",
        "role-dropdown-missing",
        "parent-role-missing",
        "schoology-link-missing",
        "schoology-link-broken",
        "a11y-unlabeled-password",
        "a11y-low-contrast-button",
        "a11y-no-page-language",
        "a11y-nameless-button",
        "no-greeting",
        "drill-banner",
        "notice-closable",
        "notice-stuck",
        "terms-to-accept",
        "two-factor",
        "focus-down",
        "idp-down",
        "slow",
        "jitter",
    ]
    assert all("\n" not in description for description in SCENARIOS.values())


def test_accounts_come_from_the_given_mapping():
    custom = {"FOCUS_PARENT_EMAIL": "p@example.org", "FOCUS_REGISTERED_EMAIL": "taken@example.org"}
    with Replica(accounts=custom) as replica:
        assert replica.directory.find("P@example.org").display_name == "Maria Alvarez"
        assert replica.directory.find(default_accounts()[PARENT_EMAIL]) is None
        assert replica.directory.is_registered("taken@example.org")
        assert replica.directory.find("j.carter@bcps.org")  # unset keys keep their defaults


def run_cli(*args: str) -> subprocess.Popen:
    env = {key: value for key, value in os.environ.items() if not key.startswith("FOCUS_")}
    return subprocess.Popen(
        [sys.executable, "-m", "replica", *args],
        cwd=ROOT,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_cli_prints_the_entry_url_first_and_stops_cleanly_on_sigterm():
    from replica_helpers import Client

    start = time.perf_counter()
    process = run_cli()
    try:
        first_line = process.stdout.readline().strip()
        assert time.perf_counter() - start < 2
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/focus", first_line)
        # A whole sign-in through it: its request log must not hold the password.
        replica = type("Running", (), {"entry_url": first_line, "focus_origin": first_line[: -len("/focus")]})
        accounts = default_accounts()
        landing = Client(replica).sign_in_local(accounts[PARENT_EMAIL], accounts[PARENT_PASSWORD])
        assert "Welcome, Maria Alvarez" in landing.text
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=5)
    assert process.returncode == 0
    assert "Traceback" not in err and "/oauth2/v2.0/authorize" in err  # the request log is on stderr
    for password in (value for key, value in default_accounts().items() if "PASSWORD" in key):
        assert password not in out + err


def test_cli_refuses_an_unknown_scenario():
    process = run_cli("--scenario", "nope")
    out, err = process.communicate(timeout=10)
    assert process.returncode == 2 and out == ""
    assert err.count("\n") == 1 and "unknown scenario 'nope'" in err


def test_cli_lists_its_dialects_and_refuses_an_unknown_one():
    listed, _ = run_cli("--help").communicate(timeout=10)
    assert all(name in listed for name in ("standard", "custom-policy", "user-flow"))
    process = run_cli("--dialect", "nope")
    out, err = process.communicate(timeout=10)
    assert process.returncode == 2 and out == ""
    assert "invalid choice: 'nope'" in err and "Traceback" not in err


def test_a_dialect_changes_the_markup_not_the_flow(replica):
    """The same page in the custom-policy dialect: other ids and labels, no role="alert" on errors."""
    from replica_helpers import Client

    replica.set_dialect("custom-policy")
    try:
        page = Client(replica).get(replica.entry_url).text
    finally:
        replica.set_dialect("standard")
    assert 'id="Google-OIDC"' in page and ">Sign in with Google<" in page and 'id="GoogleExchange"' not in page
    assert 'id="AzureADBCPSOrgExchange"' in page and 'class="error pageLevel" aria-hidden="true" style' in page


def test_the_replica_reads_the_monitors_default_variables() -> None:
    """The replica names them itself (it imports nothing of the monitor): the same list as the roles'."""
    expected = {default_variable(key) for role in ROLES.values()
                for key in (*role.credential_keys, role.totp_key) if key}
    assert set(ACCOUNT_VARIABLES) == expected == set(default_accounts())
