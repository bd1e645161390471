"""The detection matrix: every replica scenario -> the checks that must fail (the catalogue's: each
check names the faults that must fail it, monitor/core/catalogue.py), the verdict they must end with,
and words their failure message must contain. One table, in one place."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from monitor.core.catalogue import CATALOGUE, checks_failed_by
from monitor.core.verdicts import (
    ACCESSIBILITY,
    CERTIFICATE,
    FORMER_LOGIN_PAGE,
    PRODUCT,
    SETUP_PROBLEM,
    SIGN_IN_REJECTED,
    SLOW,
    UNREACHABLE,
    Verdict,
)
from selftest.monitor_runs import CHECKS

# The checks that sign in first (the accessibility checks of the landing page and the portal too).
SIGNED_IN_CHECKS = frozenset(check.name for check in CATALOGUE if "landing.signed_in" in check.relies_on)
A11Y_CHECKS = frozenset(check.name for check in CATALOGUE if check.feature == "Accessibility")
# The page checks that sign in (between sign-in and the portal: notices, terms, two-factor codes).
SIGN_IN_PAGE_CHECKS = SIGNED_IN_CHECKS - A11Y_CHECKS
# Over the self-tests' fail threshold (selftest/targets.toml: 6 s).
TOO_SLOW_MS = 8000


@dataclass(frozen=True)
class Expectation:
    verdict: Verdict | None = None
    words: str = ""
    options: dict = field(default_factory=dict)
    # What the checks that do not fail do: "passed", or "skipped" (not run after an outage).
    others: str = "passed"
    # Whether the row runs the accessibility checks too: healthy, their own faults, and a fault that
    # fails them at once. Elsewhere they would add only their waits (a whole timeout each, on a page
    # they cannot reach) to a fault they do not watch: the row runs `-m "not a11y"`.
    accessibility: bool = False
    # Only these checks run (-k), for a row that concerns no other.
    only: frozenset[str] = frozenset()
    # The words of the preflight's degraded flag: a row that degrades the run without failing it.
    degraded: str = ""
    # The longest a failing check may take (None: no bound), e.g. a failure that shows on the page at once.
    within_s: float | None = None
    # A page that differs from what the checks once assumed, where a parent still gets through: no check
    # may fail (no false alarm).
    parents_get_through: bool = False
    # The checks that must fail: the catalogue's, for the row's name (with_failing).
    failing: frozenset[str] = frozenset()

    @property
    def checks(self) -> frozenset[str]:
        if self.only:
            return self.only
        return frozenset(CHECKS) if self.accessibility else frozenset(CHECKS) - A11Y_CHECKS

    @property
    def must_fail(self) -> frozenset[str]:
        return self.failing & self.checks

    @property
    def pytest_args(self) -> tuple[str, ...]:
        if self.only:
            return selecting(self.only)
        return () if self.accessibility else ("-m", "not a11y")


def with_failing(rows: dict[str, Expectation]) -> dict[str, Expectation]:
    """Each row with the checks that must fail: those that name its fault in the catalogue."""
    return {name: replace(row, failing=checks_failed_by(name)) for name, row in rows.items()}


MATRIX: dict[str, Expectation] = {
    "healthy": Expectation(accessibility=True),
    "jitter": Expectation(accessibility=True),
    "former-login-page": Expectation(FORMER_LOGIN_PAGE, "former login page is being served", accessibility=True),
    "google-button-missing": Expectation(PRODUCT, "Google sign-in button is missing or hidden"),
    "microsoft-button-missing": Expectation(PRODUCT, "Microsoft sign-in button is missing or hidden"),
    "social-buttons-hidden": Expectation(PRODUCT, "sign-in button is missing or hidden"),
    "social-redirect-broken": Expectation(PRODUCT, "button does not lead to"),
    "mybcps-section-missing": Expectation(PRODUCT, "myBCPS"),
    # A page-object action meets a broken page: the product's failure, in a parent's words, not retried.
    "password-field-missing": Expectation(PRODUCT, "Password field"),
    "signup-link-dead": Expectation(PRODUCT, "\"Sign up now\" did not open the sign-up page"),
    "signup-email-field-missing": Expectation(PRODUCT, "The sign-up page has no Email Address field"),
    "profile-switch-broken": Expectation(PRODUCT,
                                         'Choosing "Parent" in the profile drop-down did not open the "Parent"'),
    "signup-duplicate-error-missing": Expectation(PRODUCT, "Verification code has been sent"),
    "signup-wrong-error-text": Expectation(PRODUCT, "(\"A user with the specified ID already exists\") is missing or "
                                                    "hidden after Sign Up Now"),
    # The error shows at once: said then, not after the whole fail_after_s (6 s) waiting for it to go.
    "login-rejected": Expectation(SIGN_IN_REJECTED, "Sign-in rejected", within_s=5.0),
    "role-dropdown-missing": Expectation(PRODUCT, "profile drop-down at the upper right is missing or hidden on the "
                                                  "landing page"),
    "parent-role-missing": Expectation(PRODUCT, '"Parent" profile in the drop-down is missing'),
    "schoology-link-missing": Expectation(PRODUCT, "Schoology sentence (\"Please click here to access Schoology\") "
                                                   "is missing or hidden"),
    "schoology-link-broken": Expectation(PRODUCT, "does not lead to bcps.schoology.com"),
    "focus-down": Expectation(UNREACHABLE, "Site unreachable: 127.0.0.1 answered HTTP 503", others="skipped"),
    "idp-down": Expectation(UNREACHABLE, "Identity provider unreachable: localhost answered HTTP 503",
                            others="skipped"),
    # Between sign-in and the portal: where a parent gets through, so do the checks; where not, the verdict.
    "no-greeting": Expectation(only=SIGN_IN_PAGE_CHECKS, parents_get_through=True),
    "drill-banner": Expectation(only=SIGN_IN_PAGE_CHECKS, parents_get_through=True),
    "notice-closable": Expectation(only=SIGN_IN_PAGE_CHECKS, parents_get_through=True),
    # (Each stuck notice waits out the timeout: the two accounts' sign-ins are enough.)
    "notice-stuck": Expectation(PRODUCT, "A notice covers the landing page and cannot be closed: Winter weather "
                                "schedule",
                                only=frozenset({"parent_sign_in", "employee_parent"})),
    # Only the employee's Teacher profile has terms: the parent's sign-in passes beside it.
    "terms-to-accept": Expectation(SETUP_PROBLEM,
                                   "The employee account must accept the district's Terms and Conditions in Focus "
                                   "before the portal opens (the page asks: Terms and Conditions)",
                                   only=frozenset({"employee_parent", "parent_sign_in"})),
    # With the accounts' TOTP secrets (the replica's, handed over like their passwords); without one:
    # selftest/test_between_sign_in_and_portal.py.
    "two-factor": Expectation(only=frozenset({"parent_sign_in", "employee_parent"}), parents_get_through=True),
    # The employee's landing page (teacher view) is not delayed: only the portal is.
    "slow": Expectation(SLOW, "Slow:", options={"delay_ms": TOO_SLOW_MS, "pages": ["portal"]}),
    # Each breaks one WCAG criterion on one page: that page's accessibility check alone fails.
    "a11y-unlabeled-password": Expectation(ACCESSIBILITY,
                                           "the Password field has no accessible name (WCAG 4.1.2), sign-in page",
                                           accessibility=True),
    "a11y-low-contrast-button": Expectation(ACCESSIBILITY,
                                            "the \"Sign in\" button has text contrast of 2.54:1, below 4.5:1 "
                                            "(WCAG 1.4.3), sign-in page", accessibility=True),
    "a11y-no-page-language": Expectation(ACCESSIBILITY,
                                         "the page has no language (no lang attribute on <html>) (WCAG 3.1.1), "
                                         "sign-up page", accessibility=True),
    "a11y-nameless-button": Expectation(ACCESSIBILITY,
                                        "an icon-only button (#print-classes) has no accessible name (WCAG 4.1.2), "
                                        "landing page", accessibility=True),
}


# The replica over HTTPS with a bad certificate (replica.tls: ReplicaTls.create's options), the
# target trusting its throwaway CA (ca_bundle): the preflight reads the certificates of both origins.
TLS_CHECKS = frozenset({"preflight", "login_screen", "google", "parent_sign_in"})
TLS_MATRIX: dict[str, Expectation] = {
    # Every browser check passes over HTTPS; the run is degraded, not failed.
    "tls-expires-in-5-days": Expectation(options={"days": 5}, only=TLS_CHECKS,
                                         degraded="the certificate of 127.0.0.1 expires in 5 days"),
    # Parents would see a browser warning: the preflight fails, the others are not run.
    "tls-expired": Expectation(CERTIFICATE, "the certificate of 127.0.0.1 expired 3 days ago", options={"days": -3},
                               others="skipped", only=frozenset({"preflight", "google"})),
    "tls-wrong-host": Expectation(CERTIFICATE, "the certificate of 127.0.0.1 is for focus.example.org, not 127.0.0.1",
                                  options={"hosts": ("focus.example.org",)}, others="skipped",
                                  only=frozenset({"preflight", "google"})),
}
MATRIX, TLS_MATRIX = with_failing(MATRIX), with_failing(TLS_MATRIX)


def table_errors(scenarios: dict[str, str]) -> list[str]:
    """What makes the table wrong: a scenario it lacks or that breaks nothing, a check no scenario fails."""
    errors = [f"scenario {name!r} is not in the matrix" for name in scenarios if name not in MATRIX]
    errors += [f"the matrix names an unknown scenario {name!r}" for name in MATRIX if name not in scenarios]
    errors += [f"scenario {name!r} breaks nothing a check watches" for name, row in MATRIX.items()
               if not row.failing and not row.parents_get_through and name not in ("healthy", "jitter")]
    caught = set().union(*(row.failing for row in MATRIX.values()))
    errors += [f"no scenario can fail the check {name!r}" for name in CHECKS if name not in caught]
    errors += [f"the check {check.name!r} names an unknown fault {fault!r}" for check in CATALOGUE
               for fault in sorted(check.failed_by) if fault not in MATRIX and fault not in TLS_MATRIX]
    return errors


# The rows every markup dialect runs too (replica/dialects.py): healthy, and every fault that removes
# or changes an element. A dialect's row runs only the checks it concerns, and of a fault that every
# signed-in check meets, the first of them: the standard rows prove the rest. Faults of behaviour,
# not markup (a redirect, a link's target, the profile switch's answer), are the standard rows' alone:
# once a dialect's healthy row finds the element, where it leads is the same code on every markup.
DIALECT_ROWS = ("healthy", "google-button-missing", "microsoft-button-missing", "social-buttons-hidden",
                "mybcps-section-missing", "password-field-missing", "signup-email-field-missing",
                "signup-duplicate-error-missing", "signup-wrong-error-text", "role-dropdown-missing",
                "parent-role-missing", "schoology-link-missing")
# The dialects' healthy rows: every page check (the accessibility checks are the standard rows': the
# user-flow dialect's unlabeled Focus <select> rightly fails them, as it would on a real page).
PAGE_CHECKS = frozenset(CHECKS) - A11Y_CHECKS - {"preflight"}


# The rows that run on a phone too (the README's devices): every check of the healthy row,
# and a fault behind the phone layout's Menu button (the drop-down is reached, and lacks Parent).
PHONE = "Pixel 7"
PHONE_ROWS = ("healthy", "parent-role-missing")


def phone_checks(scenario: str) -> frozenset[str]:
    """The checks a phone row runs: all of the healthy row's, else only those the fault fails."""
    row = MATRIX[scenario]
    return row.checks if not row.failing else row.must_fail


def dialect_checks(scenario: str) -> frozenset[str]:
    """The checks a dialect's row runs: all page checks when healthy, else the failing ones, with one
    signed-in check standing for all."""
    row = MATRIX[scenario]
    if not row.failing:
        return PAGE_CHECKS
    failing = row.must_fail - A11Y_CHECKS
    signed_in = sorted(failing & SIGNED_IN_CHECKS)
    return (failing - SIGNED_IN_CHECKS) | frozenset(signed_in[:1])


def selecting(checks: frozenset[str]) -> tuple[str, ...]:
    """pytest's -k for exactly these checks."""
    terms = [f"({function} and {provider})" if provider else function
             for function, provider in (CHECKS[name] for name in sorted(checks))]
    return ("-k", " or ".join(terms))
