"""Fault scenarios: each breaks exactly one thing; the current one is shared by both servers."""

from __future__ import annotations

import random
import threading
import time
from typing import Any

SCENARIOS: dict[str, str] = {
    "healthy": "everything works",
    "former-login-page": "Focus serves the former Focus-hosted login form at /focus instead of redirecting",
    "google-button-missing": "the Google button is absent from the sign-in page",
    "microsoft-button-missing": "the Microsoft button is absent from the sign-in page",
    "social-buttons-hidden": "both social buttons are in the DOM but not visible (display:none)",
    "social-redirect-broken": "social buttons lead to a wrong host (wrong-provider.localhost: an error page)",
    "mybcps-section-missing": "the 'Login with your myBCPS account' heading and local account form are gone",
    "signup-duplicate-error-missing": "sign-up accepts an already registered e-mail (a code is 'sent')",
    "signup-wrong-error-text": "sign-up with a registered e-mail shows a different, generic error text",
    "password-field-missing": "the sign-in page's myBCPS form has no Password field",
    "signup-link-dead": "'Sign up now' leads nowhere (a javascript:void link, as after a broken page script)",
    "signup-email-field-missing": "the sign-up page has no Email Address field",
    "profile-switch-broken": "the profile drop-down offers Parent, but choosing it does nothing",
    "login-rejected": "local sign-in refuses the right password with 'Your password is incorrect.'",
    "role-dropdown-missing": "the landing page has no profile drop-down",
    "parent-role-missing": "an employee's profile drop-down is there but has no Parent option",
    "schoology-link-missing": "the parent portal has no Schoology link, for anyone",
    "schoology-link-broken": "the Schoology link points to a foreign host",
    "a11y-unlabeled-password": "the sign-in page's password field loses its label and accessible name (id kept)",
    "a11y-low-contrast-button": "the Sign in button's text contrast falls below 4.5:1 (its name kept)",
    "a11y-no-page-language": "the sign-up page's <html> has no lang attribute (WCAG 3.1.1)",
    "a11y-nameless-button": "an icon-only button on the landing page (teacher view) has no accessible name",
    "no-greeting": "the landing page greets no one: only its \"Log Out\" control shows the user is signed in",
    "drill-banner": "a safety drill banner (role=\"alert\") on the landing page and the parent portal",
    "notice-closable": "a district notice (a dialog) covers the landing page; its Close button closes it",
    "notice-stuck": "a district notice covers the landing page; its Close button's script fails",
    "terms-to-accept": "the employee's Teacher profile must agree to Terms and Conditions before the portal opens",
    "two-factor": "after sign-in, Focus asks for the account's two-factor code (its authenticator's TOTP secret)",
    "focus-down": "every Focus path answers 503 Service Unavailable",
    "idp-down": "every identity-provider path (stand-ins included) answers 503 Service Unavailable",
    "slow": "the listed pages answer after delay_ms (options: delay_ms=3000, pages=all)",
    "jitter": "every response of both origins waits a random 0..max_ms (option: max_ms=250)",
}

# Page names the `slow` scenario can delay.
PAGES = ("entry", "login", "signup", "landing", "portal")

# scenario -> option name -> default; scenarios not listed take no options.
_OPTIONS: dict[str, dict[str, Any]] = {
    "slow": {"delay_ms": 3000, "pages": list(PAGES)},
    "jitter": {"max_ms": 250},
}


class ScenarioError(ValueError):
    """A bad scenario or option: its message is one line, shown to the caller as is."""


def _check_option(name: str, key: str, value: Any) -> Any:
    if key in ("delay_ms", "max_ms"):
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 600_000:
            raise ScenarioError(f"option {key!r} must be an integer of milliseconds (0..600000)")
        return value
    if key == "pages":
        if not isinstance(value, list) or not all(isinstance(page, str) for page in value):
            raise ScenarioError("option 'pages' must be a list of page names")
        unknown = [page for page in value if page not in PAGES]
        if unknown:
            raise ScenarioError(f"unknown page {unknown[0]!r}; known: {', '.join(PAGES)}")
        return list(value)
    raise ScenarioError(f"scenario {name!r} has no option {key!r}")


def known_scenario(name: Any) -> str:
    """A scenario's name, once it is known to be one (else ScenarioError)."""
    if not isinstance(name, str) or name not in SCENARIOS:
        raise ScenarioError(f"unknown scenario {name!r}; known: {', '.join(SCENARIOS)}")
    return name


def resolve(name: Any, options: Any = None) -> tuple[str, dict[str, Any]]:
    """Validate a scenario and its options; return them with defaults filled in."""
    name = known_scenario(name)
    options = {} if options is None else options
    if not isinstance(options, dict):
        raise ScenarioError("'options' must be a JSON object")
    allowed = _OPTIONS.get(name, {})
    extra = sorted(set(options) - set(allowed))
    if extra:
        known = ", ".join(allowed) or "none"
        raise ScenarioError(f"scenario {name!r} has no option {extra[0]!r}; its options: {known}")
    resolved = {
        key: list(default) if isinstance(default, list) else default for key, default in allowed.items()
    }
    resolved.update({key: _check_option(name, key, value) for key, value in options.items()})
    return name, resolved


class ScenarioState:
    """The active scenario, switched at run time from any thread."""

    def __init__(self, name: str = "healthy") -> None:
        self._lock = threading.Lock()
        self.name, self.options = resolve(name)

    def set(self, name: Any, options: Any = None) -> dict[str, Any]:
        name, options = resolve(name, options)
        with self._lock:
            self.name, self.options = name, options
        return self.snapshot()

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {"scenario": self.name, "options": dict(self.options)}

    def is_(self, name: str) -> bool:
        """Whether `name` is the current scenario: a name that is none (a typo in a page) is an error, not
        a page that silently never breaks."""
        return self.name == known_scenario(name)

    def delay_page(self, page: str) -> None:
        """Under `slow`, hold the response of a listed page."""
        current = self.snapshot()
        if current["scenario"] == "slow" and page in current["options"]["pages"]:
            time.sleep(current["options"]["delay_ms"] / 1000)

    def jitter(self) -> None:
        current = self.snapshot()
        if current["scenario"] == "jitter":
            time.sleep(random.uniform(0, current["options"]["max_ms"]) / 1000)
