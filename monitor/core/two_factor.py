"""Two-factor codes: an account's authenticator secret gives the code a page asks for after sign-in
(RFC 6238, as Google Authenticator computes it). A code is a one-time password: like the secret, it is
never written anywhere (the check's redactor removes the codes of its time, monitor/core/redact.py)."""

from __future__ import annotations

import time

import pyotp

from monitor.core.accounts import Secret

# How far back the codes of a check's time are redacted: a check lasts less than this.
CHECK_SPAN_S = 300


def current_code(secret: Secret) -> str:
    return pyotp.TOTP(secret.reveal()).now()


def codes_of_the_last(secret: Secret, seconds: float = CHECK_SPAN_S, now: float | None = None) -> set[str]:
    """Every code the secret gave in the last `seconds` (and the next one): what a check may have typed."""
    totp, now = pyotp.TOTP(secret.reveal()), time.time() if now is None else now
    steps = range(-int(seconds // totp.interval) - 1, 2)
    return {totp.at(now, counter_offset=step) for step in steps}
