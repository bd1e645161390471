"""The replica's accounts: who can sign in, with which profiles and students.

Values come from environment variables (or a dict with the same keys); the defaults below are
replica-only test accounts, defined here and nowhere else so the monitor can reuse them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

# The monitor's default variables (monitor/core/roles.py), named again because the replica imports
# nothing of the monitor: selftest/replica/test_replica_control.py checks that the two lists agree.
PARENT_EMAIL = "FOCUS_PARENT_EMAIL"
PARENT_PASSWORD = "FOCUS_PARENT_PASSWORD"
EMPLOYEE_EMAIL = "FOCUS_EMPLOYEE_EMAIL"
EMPLOYEE_PASSWORD = "FOCUS_EMPLOYEE_PASSWORD"
REGISTERED_EMAIL = "FOCUS_REGISTERED_EMAIL"
# The authenticators' secrets (base32), for the profiles that ask for a two-factor code.
PARENT_TOTP_SECRET = "FOCUS_PARENT_TOTP_SECRET"
EMPLOYEE_TOTP_SECRET = "FOCUS_EMPLOYEE_TOTP_SECRET"
ACCOUNT_VARIABLES = (PARENT_EMAIL, PARENT_PASSWORD, EMPLOYEE_EMAIL, EMPLOYEE_PASSWORD, REGISTERED_EMAIL,
                     PARENT_TOTP_SECRET, EMPLOYEE_TOTP_SECRET)

# The parent created today is fixed: it is not a real account anywhere, so not configurable.
NEW_PARENT_EMAIL = "new.parent@example.org"
NEW_PARENT_PASSWORD = "Replica-NewParent-2026!"

# Focus grants Schoology access 24 to 48 hours after a parent is associated with a student.
SCHOOLOGY_DELAY = timedelta(days=2)


def default_accounts() -> dict[str, str]:
    """The replica-only defaults, keyed by environment variable name."""
    return {
        PARENT_EMAIL: "parent.alvarez@example.org",
        PARENT_PASSWORD: "Replica-Parent-2026!",
        EMPLOYEE_EMAIL: "j.carter@bcps.org",
        EMPLOYEE_PASSWORD: "Replica-Employee-2026!",
        REGISTERED_EMAIL: "parent.alvarez@example.org",
        PARENT_TOTP_SECRET: "JBSWY3DPEHPK3PXPREPLICAPARENT2AB",
        EMPLOYEE_TOTP_SECRET: "KRSXG5CTMVRXEZLUREPLICAEMPLOYEE2",
    }


@dataclass(frozen=True)
class Student:
    name: str
    school: str
    grade: str


@dataclass(frozen=True)
class Account:
    email: str
    password: str = field(repr=False)  # never shown in a repr, log or traceback
    display_name: str
    profiles: tuple[str, ...]
    students: tuple[Student, ...] = ()
    associated_on: date = date(2025, 8, 18)
    social: bool = False  # signs in through the Google / Microsoft stand-ins too
    totp_secret: str = field(default="", repr=False)  # the authenticator's (two-factor scenario)

    def has_schoology_access(self, today: date | None = None) -> bool:
        return (today or date.today()) - self.associated_on >= SCHOOLOGY_DELAY


class Directory:
    """All accounts, looked up by e-mail (case-insensitively, like B2C)."""

    def __init__(self, accounts: list[Account], registered: set[str]) -> None:
        self._by_email = {account.email.lower(): account for account in accounts}
        self._registered = {email.lower() for email in registered} | set(self._by_email)

    def find(self, email: str) -> Account | None:
        return self._by_email.get(email.strip().lower())

    def is_registered(self, email: str) -> bool:
        return email.strip().lower() in self._registered

    def emails(self) -> list[str]:
        return [account.email for account in self._by_email.values()]


def resolve_values(source: Mapping[str, str] | None = None) -> dict[str, str]:
    """The account values from `source` (None: the environment); unset or empty keys use defaults."""
    source = os.environ if source is None else source
    return {key: source.get(key) or default for key, default in default_accounts().items()}


def load_directory(values: Mapping[str, str], student_name: str | None = None) -> Directory:
    """Build the accounts from resolved values (see resolve_values); `student_name` renames the
    parent's student (a test's made-up name, to prove that no report shows it)."""
    parent = Account(
        email=values[PARENT_EMAIL],
        password=values[PARENT_PASSWORD],
        display_name="Maria Alvarez",
        profiles=("Parent",),
        students=(Student(student_name or "Diego Alvarez", "Dumbarton Middle School", "7"),),
        totp_secret=values[PARENT_TOTP_SECRET],
    )
    new_parent = Account(
        email=NEW_PARENT_EMAIL,
        password=NEW_PARENT_PASSWORD,
        display_name="Sam Nguyen",
        profiles=("Parent",),
        students=(Student("Ava Nguyen", "Hampton Elementary School", "2"),),
        associated_on=date.today(),
    )
    employee = Account(
        email=values[EMPLOYEE_EMAIL],
        password=values[EMPLOYEE_PASSWORD],
        display_name="Jordan Carter",
        profiles=("Teacher", "Parent"),  # the first profile is the default after sign-in
        students=(Student("Riley Carter", "Perry Hall High School", "10"),),
        social=True,
        totp_secret=values[EMPLOYEE_TOTP_SECRET],
    )
    return Directory([parent, new_parent, employee], {values[REGISTERED_EMAIL]})
