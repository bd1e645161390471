"""Markup dialects: the same pages as real B2C tenants and Focus districts mark them up differently
(shared/reference/focus-login-flow.md, sections 6 and 7). The flow, the accounts and the faults are
the same in every dialect; only what the page is made of changes, so a check that passes on one
dialect and fails on another keys on markup instead of on what a parent perceives.

And the wording: what the pages say where a district may reword it (a target's `texts`)."""

from __future__ import annotations

from dataclasses import dataclass, field

# What the pages say, where a district may reword it (the support page's words by default).
WORDING = {
    "mybcps_section": "Login with your myBCPS account",
    "sign_up_link": "Sign up now",
    "send_code_button": "Send verification code",
    "already_exists": "A user with the specified ID already exists. Please choose a different one.",
    "parent_profile": "Parent",
    "schoology_link": "Please click here to access Schoology",
}


@dataclass(frozen=True)
class SocialButton:
    exchange: str  # the claims exchange, also the element's id (B2C's page script reads it)
    label: str


@dataclass(frozen=True)
class Dialect:
    name: str
    description: str
    # The sign-in page (B2C unified).
    google: SocialButton = SocialButton("GoogleExchange", "Google")
    microsoft: SocialButton = SocialButton("MicrosoftAccountExchange", "Microsoft")
    provider_role_link: bool = True  # B2C's default: <button role="link">
    bcps_org_button: bool = False  # a third button, "Login with your BCPS Account"
    sign_in_name_id: str = "signInName"
    sign_in_name_label: str = "Email Address"
    sign_in_button: str = "Sign in"
    heading_h1: bool = False  # newer layouts: div.heading > h1[role=heading]
    # Where role="alert" sits on an error: "div" (B2C's default), "p" (inside it), or "" (nowhere).
    alert_on: str = "div"
    # The sign-up page: B2C's verification display control, or the built-in verification of older policies.
    built_in_verification: bool = False
    # Focus: the profile drop-down labelled (invented markup) or Focus's own unlabeled select name="role".
    profile_select_labelled: bool = True
    profile_labels: dict[str, str] = field(default_factory=dict)
    greeting_in_font: bool = False
    timeout_modal: bool = False  # Focus's hidden session-timeout form (username and password fields)
    # The Schoology note: "whole" sentence as the link, "partial" (only "click here"), or "script"
    # (drawn after the load event from inline JSON, as newer Focus pages do).
    schoology_markup: str = "whole"

    def profile_label(self, profile: str, wording: dict[str, str]) -> str:
        if profile == "Parent":
            return self.profile_labels.get(profile, wording["parent_profile"])
        return self.profile_labels.get(profile, profile)

    def exchange_of(self, provider_name: str) -> str:
        return {"Google": self.google, "Microsoft": self.microsoft}[provider_name].exchange

    @property
    def verification_ids(self) -> dict[str, str]:
        """The sign-up page's element ids, which its page script needs."""
        if self.built_in_verification:
            return {"send": "email_ver_but_send", "verify": "email_ver_but_verify", "sendNew": "email_ver_but_resend",
                    "change": "email_ver_but_edit", "info": "email_info", "failure": "email_fail_retry",
                    "code": "email_ver_input"}
        prefix = "emailVerificationControl"
        return {"send": f"{prefix}_but_send_code", "verify": f"{prefix}_but_verify_code",
                "sendNew": f"{prefix}_but_send_new_code", "change": f"{prefix}_but_change_claims",
                "info": f"{prefix}_info_message", "failure": f"{prefix}_error_message",
                "code": "emailVerificationCode"}


DIALECTS: dict[str, Dialect] = {dialect.name: dialect for dialect in (
    Dialect("standard", "B2C's default markup (the reference's sections 2-4), the replica's own Focus pages"),
    Dialect(
        "custom-policy",
        "a custom B2C policy: plain <button> providers with their own ids and labels (\"Sign in with Google\", "
        "\"Microsoft account\") beside a BCPS organisation button, \"Sign in name\" and \"SIGN IN\", errors "
        "without role=\"alert\"; Focus names profiles (\"Parent/Guardian\") and links only \"click here\"",
        google=SocialButton("Google-OIDC", "Sign in with Google"),
        microsoft=SocialButton("MSA-OIDC", "Microsoft account"),
        provider_role_link=False,
        bcps_org_button=True,
        sign_in_name_label="Sign in name",
        sign_in_button="SIGN IN",
        alert_on="",
        profile_labels={"Parent": "Parent/Guardian", "Teacher": "Teacher - Elementary"},
        schoology_markup="partial",
    ),
    Dialect(
        "user-flow",
        "a B2C user flow (input#email, an h1 heading, role=\"alert\" on the inner <p>) with built-in e-mail "
        "verification (a notice shown before anything is clicked); an older Focus: an unlabeled "
        "<select name=\"role\">, the greeting in a <font>, a hidden session-timeout login form, and the "
        "Schoology note drawn by script after the page loaded",
        sign_in_name_id="email",
        heading_h1=True,
        alert_on="p",
        built_in_verification=True,
        profile_select_labelled=False,
        greeting_in_font=True,
        timeout_modal=True,
        schoology_markup="script",
    ),
)}


def check_dialect(name: str) -> Dialect:
    if name not in DIALECTS:
        raise ValueError(f"unknown dialect {name!r}; known: {', '.join(DIALECTS)}")
    return DIALECTS[name]


def check_wording(overrides: dict[str, str] | None) -> dict[str, str]:
    unknown = sorted(set(overrides or {}) - set(WORDING))
    if unknown:
        raise ValueError(f"unknown wording {unknown[0]!r}; known: {', '.join(WORDING)}")
    return {**WORDING, **(overrides or {})}
