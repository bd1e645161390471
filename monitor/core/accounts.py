"""Accounts the checks sign in with: read from the environment, never from the repository."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from monitor.core.redact import url_secrets
from monitor.core.roles import DEFAULT_VARIABLES, PASSWORD_ROLES, ROLES
from monitor.core.sessions import saved_session
from monitor.core.targets import Target


class Secret:
    """A value that must never be printed: its repr and str hide it, reveal() gives it."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('********')"

    __str__ = __repr__


@dataclass(frozen=True)
class Account:
    role: str
    email: str
    password: Secret | None = field(default=None)
    # A saved browser session (make auth) replaces the password for accounts that sign in with MFA.
    saved_session: Path | None = None
    # The authenticator's secret, for a profile that asks for a two-factor code after sign-in.
    totp_secret: Secret | None = None

    def totp_variable(self, target: Target) -> str:
        """The variable that holds (or would hold) the account's two-factor secret."""
        return target.accounts[ROLES[self.role].totp_key or ""]


class MissingAccount(Exception):
    def __init__(self, role: str, variables: list[str], session_variable: str | None = None) -> None:
        self.role = role
        self.variables = variables
        alternative = f" (or save a session: make auth ACCOUNT={role}, or set {session_variable})" \
            if session_variable else ""
        super().__init__(f"the {role} account is not configured: set {', '.join(variables)}{alternative}")


NO_STAND_IN: Mapping[str, str] = MappingProxyType({})


def load_account(target: Target, role: str, environ: Mapping[str, str] = os.environ,
                 stand_in: Mapping[str, str] = NO_STAND_IN) -> Account:
    """The account for a role, from the target's environment variables, with its saved session where
    `make auth` or the CI's secret provides one. `stand_in`: values for unset variables, the replica's
    own test accounts (monitor/replica_start.py hands them over for the replica target)."""
    spec = ROLES[role]
    session_variable = target.accounts[spec.session_key] if spec.session_key else None
    session = saved_session(target.name, role, session_variable, environ) if session_variable else None
    values, missing = {}, []
    for key in spec.credential_keys:
        variable = target.accounts[key]
        # A saved session stands in for a password that is not set (an empty value is not set),
        # the replica's default one included: then the session alone signs in.
        session_stands_in = session is not None and key == spec.password_key
        value = environ.get(variable) or (None if session_stands_in else stand_in.get(variable))
        if value:
            values[key] = value
        elif not session_stands_in:
            missing.append(variable)
    if missing:
        raise MissingAccount(role, missing, session_variable)
    password = values.get(spec.password_key) if spec.password_key else None
    totp = _value(target.accounts[spec.totp_key], environ, stand_in) if spec.totp_key else ""
    return Account(role=role, email=values[spec.email_key], password=Secret(password) if password else None,
                   saved_session=session, totp_secret=Secret(totp) if totp else None)


def _value(variable: str, environ: Mapping[str, str], stand_in: Mapping[str, str]) -> str:
    """A variable's value (an empty value is not set), else the stand-in's."""
    return environ.get(variable) or stand_in.get(variable, "")


def named_secrets(target: Target | None, environ: Mapping[str, str] = os.environ,
                  stand_in: Mapping[str, str] = NO_STAND_IN) -> list[tuple[str, str]]:
    """secrets_of's secrets with what each is called (its environment variable), for the messages that
    must say which secret is wrong without showing it."""
    variables = target.accounts if target is not None else DEFAULT_VARIABLES
    keys = [key for role in PASSWORD_ROLES for key in (ROLES[role].password_key, ROLES[role].totp_key) if key]
    named = [(variables[key], _value(variables[key], environ, stand_in)) for key in keys]
    userinfo = url_secrets(target.entry_url if target else "")
    named += list(zip(("the entry URL's user:password", "the entry URL's password"), userinfo, strict=False))
    return [(name, value) for name, value in named if value]


def secrets_of(target: Target | None, environ: Mapping[str, str] = os.environ,
               stand_in: Mapping[str, str] = NO_STAND_IN) -> list[str]:
    """What nothing the monitor keeps or sends may contain: every password and two-factor secret set for
    the target (its own variables; None, a target not known: the default ones), whether or not its
    account is complete, and the user:password of its entry URL. The fixtures' redactor and the alerts
    both take this."""
    return [value for _, value in named_secrets(target, environ, stand_in)]
