"""The checks, one entry each: what the report calls it, the account it needs, the elements it relies on
(by page and key, as the page objects name them: `pages/`), and the replica's faults that must fail it.

The checks take their title, feature and account from here (`tests/catalogued.py`); the self-tests
their list of checks and the detection matrix's expected failures (`selftest/matrix.py`); the
calibration the elements it looks for on each page; the README its table of checks
(`python -m monitor.core.catalogue` prints it, and a self-test holds the README to it).

A step several checks share (opening the login page, signing in, signing up) is written once, with
the elements it relies on and the faults that stop it: a check takes its steps' and adds its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# The pages whose elements the checks rely on, in the order a parent meets them (a page object each).
PAGES = ("sign-in", "sign-up", "landing", "portal")
# What a check's account gives it, as the README's "needs" column says it (no role: nothing).
NEEDS = {None: "nothing", "registered": "registered e-mail", "parent": "parent account",
         "employee": "employee account"}
# The report's features that are not a section of the district's support page.
OWN_FEATURES = ("Site reachability", "Accessibility")


@dataclass(frozen=True)
class Step:
    """What a step several checks take relies on: elements ("page.key"), and the faults that stop it."""

    elements: tuple[str, ...] = ()
    faults: tuple[str, ...] = ()

    def then(self, elements: Iterable[str] = (), faults: Iterable[str] = ()) -> Step:
        return Step(self.elements + tuple(elements), self.faults + tuple(faults))


OPEN_LOGIN_PAGE = Step(("sign-in.social_section", "sign-in.mybcps_section"), ("former-login-page",))
SIGN_IN = OPEN_LOGIN_PAGE.then(("sign-in.email", "sign-in.password", "sign-in.sign_in_button", "landing.signed_in"),
                               ("mybcps-section-missing", "password-field-missing", "login-rejected"))
SIGN_UP = OPEN_LOGIN_PAGE.then(("sign-in.sign_up_link", "sign-up.email", "sign-up.send_code_button"),
                               ("mybcps-section-missing", "signup-link-dead", "signup-email-field-missing"))
# The parent's sign-in ends on the portal: a slow portal fails it.
PARENT_SIGN_IN = SIGN_IN.then(faults=("slow",))


@dataclass(frozen=True)
class Check:
    name: str  # the self-tests' short name
    test: str  # the test function
    title: str  # the report's title, as written on the function (Allure fills in its parameters)
    feature: str  # the report's feature: the support page's section, or one of OWN_FEATURES
    summary: str  # the README's row (checks that share one are one row)
    role: str | None = None  # the account it needs
    steps: Step = Step()
    elements: tuple[str, ...] = ()  # beyond its steps'
    faults: tuple[str, ...] = ()  # beyond its steps'
    provider: str | None = None  # the test's `provider` parameter

    @property
    def id(self) -> str:
        """The check as pytest reports it (the test function, with its parameter)."""
        return f"{self.test}[{self.provider}]" if self.provider else self.test

    @property
    def reported_title(self) -> str:
        return self.title.format(provider=self.provider) if self.provider else self.title

    @property
    def relies_on(self) -> tuple[str, ...]:
        """Every element the check needs, its steps' first: "page.key"."""
        return tuple(dict.fromkeys(self.steps.elements + self.elements))

    @property
    def pages(self) -> tuple[str, ...]:
        """The pages it visits, in a parent's order."""
        visited = {element.split(".")[0] for element in self.relies_on}
        return tuple(page for page in PAGES if page in visited)

    @property
    def failed_by(self) -> frozenset[str]:
        """The faults (the replica's scenarios, or certificate faults) that must fail it."""
        return frozenset(self.steps.faults + self.faults)


_SOCIAL = ("The **Google** and **Microsoft** buttons are there, enabled, and lead to their providers (the first "
           "request on the provider's host is stopped: no sign-in)")
_ACCESSIBILITY = ("**Accessibility** (WCAG 2.1 AA) of the sign-in page, the sign-up page with its error, the landing "
                  "page and the parent portal: one check a page (see [Accessibility](docs/accessibility.md))")
_SOCIAL_TITLE = "The {provider} button is there and leads to {provider}"

CATALOGUE: tuple[Check, ...] = (
    Check("preflight", "test_site_and_identity_provider_answer", "The Focus site and its identity provider answer",
          "Site reachability", "The Focus site and its identity provider answer, and their TLS certificates and "
          "Schoology's are valid (preflight, plain HTTP and one TLS handshake a host)",
          faults=("focus-down", "idp-down", "tls-expired", "tls-wrong-host")),
    Check("login_screen", "test_entry_url_shows_the_new_login_page",
          "The entry URL shows the new login page, not the former one", "Login screen",
          "The entry URL shows the **new** login page, not the former one (Figure 2)", steps=OPEN_LOGIN_PAGE,
          faults=("mybcps-section-missing",)),
    Check("google", "test_social_button_leads_to_its_provider", _SOCIAL_TITLE, "Signing-in with social account",
          _SOCIAL, steps=OPEN_LOGIN_PAGE, elements=("sign-in.google_button",),
          faults=("google-button-missing", "social-buttons-hidden", "social-redirect-broken"), provider="Google"),
    Check("microsoft", "test_social_button_leads_to_its_provider", _SOCIAL_TITLE, "Signing-in with social account",
          _SOCIAL, steps=OPEN_LOGIN_PAGE, elements=("sign-in.microsoft_button",),
          faults=("microsoft-button-missing", "social-buttons-hidden", "social-redirect-broken"), provider="Microsoft"),
    Check("mybcps", "test_mybcps_section_has_its_sign_in_form",
          "The \"Login with your myBCPS account\" section has its sign-in form", "Signing-in with social account",
          "The **\"Login with your myBCPS account\"** section has its e-mail, password and Sign in",
          steps=OPEN_LOGIN_PAGE, elements=("sign-in.email", "sign-in.password", "sign-in.sign_in_button"),
          faults=("mybcps-section-missing", "password-field-missing")),
    Check("sign_up", "test_sign_up_with_a_registered_email_says_it_exists",
          "\"Sign Up Now\" with a registered e-mail says the user already exists", "User already exists error",
          "**Sign up now** with a registered e-mail says **\"A user with the specified ID already exists\"**",
          role="registered", steps=SIGN_UP, elements=("sign-up.already_exists",),
          faults=("signup-duplicate-error-missing", "signup-wrong-error-text")),
    Check("parent_sign_in", "test_parent_signs_in_and_reaches_focus",
          "A parent signs in with the myBCPS form and reaches Focus", "Login screen",
          "A parent signs in with the myBCPS form and reaches Focus (its greeting, \"Log Out\", or the portal's "
          "address)", role="parent", steps=PARENT_SIGN_IN, faults=("notice-stuck",)),
    Check("employee_parent", "test_employee_switches_to_the_parent_profile",
          "A BCPS employee switches to the Parent profile at the upper right", "BCPS employee/parent",
          "A BCPS employee finds **Parent** in the drop-down at the upper right and switches to it",
          role="employee", steps=SIGN_IN, elements=("landing.profile_dropdown", "landing.parent_profile"),
          faults=("role-dropdown-missing", "parent-role-missing", "profile-switch-broken", "notice-stuck",
                  "terms-to-accept", "slow")),
    Check("schoology", "test_parent_portal_links_to_schoology", "The parent portal links to Schoology",
          "Accessing Schoology through Focus", "The parent portal shows **\"Please click here to access "
          "Schoology\"**, and clicking it leads to Schoology (followed hop by hop, stopped there)", role="parent",
          steps=PARENT_SIGN_IN, elements=("portal.schoology_sentence", "portal.schoology_link"),
          faults=("schoology-link-missing", "schoology-link-broken")),
    Check("a11y_sign_in", "test_sign_in_page_is_accessible", "Accessibility: the new sign-in page", "Accessibility",
          _ACCESSIBILITY, steps=OPEN_LOGIN_PAGE, faults=("a11y-unlabeled-password", "a11y-low-contrast-button")),
    Check("a11y_sign_up", "test_sign_up_page_is_accessible",
          "Accessibility: the sign-up page with its \"user already exists\" error", "Accessibility", _ACCESSIBILITY,
          role="registered", steps=SIGN_UP, faults=("a11y-no-page-language",)),
    Check("a11y_landing", "test_landing_page_is_accessible", "Accessibility: the Focus landing page after sign-in",
          "Accessibility", _ACCESSIBILITY, role="employee", steps=SIGN_IN, faults=("a11y-nameless-button",)),
    Check("a11y_portal", "test_parent_portal_is_accessible", "Accessibility: the parent portal", "Accessibility",
          _ACCESSIBILITY, role="parent", steps=PARENT_SIGN_IN),
)


def of_test(test: str) -> tuple[Check, ...]:
    """The checks a test function is (one, or one a parameter)."""
    return tuple(check for check in CATALOGUE if check.test == test)


def checks_failed_by(fault: str) -> frozenset[str]:
    """The checks a fault must fail, by short name."""
    return frozenset(check.name for check in CATALOGUE if fault in check.failed_by)


def elements_on(page: str) -> tuple[str, ...]:
    """The keys of the elements the checks rely on, on one page (what the calibration looks for)."""
    return tuple(dict.fromkeys(element.split(".", 1)[1] for check in CATALOGUE for element in check.relies_on
                               if element.split(".")[0] == page))


def markdown() -> str:
    """The README's table of checks: one row for each summary, with what its checks need."""
    lines = ["| check | support page section | needs |", "| --- | --- | --- |"]
    rows: dict[str, list[Check]] = {}
    for check in CATALOGUE:
        rows.setdefault(check.summary, []).append(check)
    for summary, checks in rows.items():
        sections = dict.fromkeys("—" if check.feature in OWN_FEATURES else check.feature for check in checks)
        needs = dict.fromkeys(NEEDS[check.role] for check in checks)
        lines.append(f"| {summary} | {', '.join(sections)} | {', '.join(needs)} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown())
