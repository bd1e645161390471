"""The account roles the checks sign in as: the one list that targets, accounts, the redactor,
`make auth`, the replica and the self-tests derive their names and variables from.

A role's account keys (parent_email, parent_password, ...) name the environment variables that hold
it; a target may map a key to another variable (targets.toml, [targets.NAME.accounts]).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Role:
    name: str
    has_password: bool  # signs in with a password (which every artifact is scrubbed of)
    saved_session: bool  # may sign in through a saved browser session instead (`make auth`, MFA)
    purpose: str

    @property
    def email_key(self) -> str:
        return f"{self.name}_email"

    @property
    def password_key(self) -> str | None:
        return f"{self.name}_password" if self.has_password else None

    @property
    def session_key(self) -> str | None:
        return f"{self.name}_storage_state" if self.saved_session else None

    @property
    def totp_key(self) -> str | None:
        """The account's two-factor secret (a profile may ask for an authenticator's code at sign-in)."""
        return f"{self.name}_totp_secret" if self.has_password else None

    @property
    def credential_keys(self) -> tuple[str, ...]:
        """The keys a check needs set to sign in (a saved session may stand in for the password)."""
        return (self.email_key, self.password_key) if self.password_key else (self.email_key,)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(key for key in (self.email_key, self.password_key, self.totp_key, self.session_key) if key)


ROLES: dict[str, Role] = {role.name: role for role in (
    Role("parent", has_password=True, saved_session=True, purpose="the parent checks (sign-in, Schoology)"),
    Role("employee", has_password=True, saved_session=True, purpose="the BCPS employee check"),
    Role("registered", has_password=False, saved_session=False,
         purpose="the \"user already exists\" check (an address with an account; no mail is sent)"),
)}
ACCOUNT_KEYS: tuple[str, ...] = tuple(key for role in ROLES.values() for key in role.keys)
PASSWORD_ROLES: tuple[str, ...] = tuple(name for name, role in ROLES.items() if role.has_password)
SESSION_ROLES: tuple[str, ...] = tuple(name for name, role in ROLES.items() if role.saved_session)


def default_variable(key: str) -> str:
    """The environment variable that holds an account key unless a target names another one."""
    return f"FOCUS_{key.upper()}"


DEFAULT_VARIABLES: dict[str, str] = {key: default_variable(key) for key in ACCOUNT_KEYS}
