"""The Focus side: entry redirect to the IdP, assertion consumer, landing page and parent portal."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from urllib.parse import urlencode

import pyotp
from flask import Flask, Response, abort, make_response, redirect, render_template, request
from itsdangerous import BadSignature

from replica.accounts import Account
from replica.common import (
    ACS_PATH,
    CLIENT_ID,
    LANDING_PATH,
    LANDING_QUERY,
    POLICY,
    TENANT,
    Context,
    flask_app,
)
from replica.mutations import LAUNCHER_PATH
from replica.scenarios import ScenarioError

LANDING_URL = f"{LANDING_PATH}?{LANDING_QUERY}"
SESSION_COOKIE = "PHPSESSID"
SCHOOL_YEARS = ("2026-2027", "2025-2026")
FOREIGN_SCHOOLOGY_URL = "https://schoology.example.net/"
# Focus's two-factor prompt and the terms' answer (their paths: not seen, the replica's own).
VERIFY_PATH = "/focus/verify.php"
TERMS_PATH = "/focus/terms.php"
# The profile whose terms must be agreed to (terms-to-accept).
TERMS_PROFILE = "Teacher"


@dataclass
class FocusSession:
    email: str
    profile: str
    syear: str = SCHOOL_YEARS[0]
    verified: bool = False  # gave its two-factor code (two-factor)
    agreed: bool = False  # agreed to its profile's terms (terms-to-accept)


def create_focus_app(ctx: Context) -> Flask:
    app = flask_app("replica.focus", static_url_path="/focus/assets", ctx=ctx)

    def current_session() -> tuple[FocusSession, Account] | None:
        session = ctx.sessions.get(request.cookies.get(SESSION_COOKIE))
        account = ctx.directory.find(session.email) if session else None
        return (session, account) if account else None

    def profiles_of(account: Account) -> list[str]:
        # The fault is the employee's drop-down: a parent-only account keeps its one profile.
        if ctx.state.is_("parent-role-missing") and len(account.profiles) > 1:
            return [profile for profile in account.profiles if profile != "Parent"]
        return list(account.profiles)

    @app.get("/focus")
    @app.get("/focus/")
    @app.get("/focus/index.php")
    def entry() -> Response:
        if "logout" in request.args:
            ctx.sessions.pop(request.cookies.get(SESSION_COOKIE))
            response = redirect("/focus/")
            response.delete_cookie(SESSION_COOKIE, path="/focus")
            return response
        ctx.state.delay_page("entry")
        if ctx.state.is_("former-login-page"):
            return make_response(render_template("focus_former_login.html", error=None))
        if current_session():
            return redirect(LANDING_URL)
        # Start an OpenID sign-in at the IdP; the state ties its answer to this request.
        state, nonce = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
        ctx.pending_logins.put(state, nonce)
        query = urlencode(
            {
                "client_id": CLIENT_ID,
                "redirect_uri": ctx.acs_url,
                "response_type": "id_token",
                "scope": "openid",
                "response_mode": "form_post",
                "state": state,
                "nonce": nonce,
            }
        )
        return redirect(f"{ctx.idp_origin}/{TENANT}/{POLICY}/oauth2/v2.0/authorize?{query}")

    @app.post("/focus/index.php")
    def former_login_post() -> str:
        # The former form signs no one in: it only answers like the old page did.
        return render_template("focus_former_login.html", error="Invalid username or password.")

    @app.post(ACS_PATH)
    def assertion_consumer() -> Response:
        try:
            claims = ctx.signer.loads(request.form.get("SAMLResponse", ""), max_age=300)
        except BadSignature:
            abort(400, "The sign-in response could not be verified.")
        nonce = ctx.pending_logins.pop(request.form.get("RelayState"))
        account = ctx.directory.find(claims.get("email", ""))
        if nonce is None or claims.get("nonce") != nonce or claims.get("aud") != CLIENT_ID or not account:
            abort(400, "The sign-in response is not for a sign-in this site started.")
        token = secrets.token_urlsafe(32)
        ctx.sessions.put(token, FocusSession(email=account.email, profile=account.profiles[0]))
        response = redirect(VERIFY_PATH if ctx.state.is_("two-factor") else LANDING_URL)
        response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="Lax", path="/focus")
        return response

    @app.route(LANDING_PATH, methods=["GET", "POST"])
    def landing() -> Response:
        found = current_session()
        if not found:
            return redirect("/focus/")
        session, account = found
        if ctx.state.is_("two-factor") and not session.verified:
            return redirect(VERIFY_PATH)
        profiles = profiles_of(account)
        values = request.form if request.method == "POST" else request.args
        chosen = values.get("side_profile", values.get("role"))  # the drop-down's name in each dialect
        if chosen is not None or "side_syear" in values:
            # The top-right session form: switch profile / school year, then show the page again.
            if chosen in profiles:
                session.profile = chosen
            if values.get("side_syear") in SCHOOL_YEARS:
                session.syear = values["side_syear"]
            return redirect(LANDING_URL)
        profile = session.profile if session.profile in profiles else (profiles or [None])[0]
        ctx.state.delay_page("portal" if profile == "Parent" else "landing")
        return make_response(
            render_template(
                "focus_landing.html",
                account=account,
                profile=profile,
                profiles=profiles,
                syear=session.syear,
                school_years=SCHOOL_YEARS,
                show_profile_select=not ctx.state.is_("role-dropdown-missing"),
                profile_switch_works=not ctx.state.is_("profile-switch-broken"),
                nameless_button=ctx.state.is_("a11y-nameless-button"),
                schoology=schoology_link(account),
                student_card_class=ctx.student_card_class,
                greeting=not ctx.state.is_("no-greeting"),
                drill_banner=ctx.state.is_("drill-banner"),
                terms=ctx.state.is_("terms-to-accept") and TERMS_PROFILE in account.profiles and not session.agreed,
                notice={"notice-closable": "closable", "notice-stuck": "stuck"}.get(ctx.state.snapshot()["scenario"]),
            )
        )

    @app.route(VERIFY_PATH, methods=["GET", "POST"])
    def verify() -> Response:
        """Focus's two-factor prompt: the authenticator's current code (or the one before it)."""
        found = current_session()
        if not found:
            return redirect("/focus/")
        session, account = found
        error = None
        if request.method == "POST":
            code = request.form.get("code", "").strip()
            if account.totp_secret and pyotp.TOTP(account.totp_secret).verify(code, valid_window=1):
                session.verified = True
                return redirect(LANDING_URL)
            error = "The verification code is not correct. Enter the current code from your authenticator app."
        return make_response(render_template("focus_verify.html", error=error))

    @app.post(TERMS_PATH)
    def agree_to_terms() -> Response:
        found = current_session()
        if found:
            found[0].agreed = True
        return redirect(LANDING_URL)

    def schoology_link(account: Account) -> dict[str, str | None]:
        """What the portal shows for Schoology: a link (href), a waiting note, or nothing."""
        if not account.has_schoology_access():
            return {"href": None, "note": "waiting"}
        if ctx.state.is_("schoology-link-missing"):
            return {"href": None, "note": None}
        if ctx.state.is_("schoology-link-broken"):
            return {"href": FOREIGN_SCHOOLOGY_URL, "note": None}
        return {"href": ctx.schoology_url, "note": None}

    @app.get(LAUNCHER_PATH)
    def single_sign_on_launcher() -> str:
        """SimpleSAMLphp's IdP-initiated sign-on, as a Focus link may start it: a page that posts an
        assertion on to the service (RelayState) by itself."""
        relay = request.args.get("RelayState", "")
        if not current_session():
            abort(403, "Not signed in.")
        if not relay.startswith(("https://", "http://")):
            abort(400, "RelayState must be an address.")
        return render_template("focus_launcher.html", action=relay)

    register_control(app, ctx)
    return app


def register_control(app: Flask, ctx: Context) -> None:
    """The replica-only control endpoint (scenario switch, session revocation)."""

    def plain(text: str, status: int) -> Response:
        return Response(text + "\n", status=status, mimetype="text/plain")

    @app.get("/__replica/scenario")
    def get_scenario() -> dict:
        return ctx.state.snapshot()

    @app.post("/__replica/scenario")
    def set_scenario() -> Response | dict:
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            return plain('the body must be a JSON object like {"scenario": "healthy", "options": {}}', 400)
        if "scenario" not in body:
            return plain("missing field 'scenario'", 400)
        unknown = sorted(set(body) - {"scenario", "options"})
        if unknown:
            return plain(f"unknown field {unknown[0]!r}; known: scenario, options", 400)
        try:
            return ctx.state.set(body["scenario"], body.get("options"))
        except ScenarioError as error:
            return plain(str(error), 400)

    @app.post("/__replica/sessions/revoke")
    def revoke_sessions() -> dict:
        ctx.sessions.clear()
        return {"revoked": True}
