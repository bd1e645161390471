"""The identity provider side: an Azure AD B2C-like tenant with the unified sign-in page,
sign-up with e-mail verification, social claims exchanges and the post back to Focus."""

from __future__ import annotations

import base64
import json
import re
import secrets
import uuid
from dataclasses import dataclass
from urllib.parse import urlencode

from flask import Flask, Response, make_response, redirect, render_template, request

from replica.common import (
    CLIENT_ID,
    POLICY,
    TENANT,
    WRONG_PROVIDER_HOST,
    BoundedStore,
    Context,
    flask_app,
)
from replica.dialects import WORDING
from replica.providers import PROVIDERS, authresp_url

BASE = f"/{TENANT}/{POLICY}"
API = f"{BASE}/api/CombinedSigninAndSignup"
CSRF_COOKIE = "x-ms-cpim-csrf"
EMAIL_PATTERN = re.compile(r"^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*$")

# B2C's standard texts.
MSG_ENTER_EMAIL = "Please enter your Email Address"
MSG_ENTER_PASSWORD = "Please enter your password"
MSG_NO_ACCOUNT = "We can't seem to find your account."
MSG_BAD_PASSWORD = "Your password is incorrect."
MSG_INVALID_EMAIL = "Please enter a valid email address."
MSG_EXPIRED_REQUEST = "AADB2C90208: The provided request is invalid or has expired. Please start again."
MSG_USER_EXISTS = WORDING["already_exists"]
MSG_UNEXPECTED = "An unexpected error occurred. Please try again."
MSG_BAD_CODE = (
    "The verification code you have entered does not match our records. "
    "Please try again, or request a new code."
)
MSG_CSRF = "The request could not be validated (CSRF token missing or wrong). Please try again."


@dataclass
class Transaction:
    """One sign-in attempt (B2C's "tx"): where to answer and who signed in."""

    id: str
    csrf: str
    redirect_uri: str
    state: str
    nonce: str
    email: str | None = None


def new_transaction_id() -> str:
    # B2C's shape: StateProperties=<base64url JSON>.
    payload = json.dumps({"TID": str(uuid.uuid4())}).encode()
    return "StateProperties=" + base64.urlsafe_b64encode(payload).decode().rstrip("=")


def create_idp_app(ctx: Context) -> Flask:
    app = flask_app("replica.idp", static_url_path="/static", ctx=ctx)
    transactions = BoundedStore()

    def api_url(tx: Transaction, action: str, **extra: str) -> str:
        query = urlencode({**extra, "csrf_token": tx.csrf, "tx": tx.id, "p": POLICY})
        return f"{API}/{action}?{query}"

    def json_status(status: str, message: str | None = None, field: str | None = None) -> dict:
        # Like B2C: HTTP 200 whatever the outcome; the outcome is in "status".
        body = {"status": status}
        if message:
            body["message"] = message
        if field:
            body["field"] = field
        return body

    def error_page(message: str, status: int = 400) -> Response:
        return make_response(render_template("b2c_error.html", message=message), status)

    def get_transaction(check_cookie: bool, header_token: bool = False) -> Transaction | None:
        """The request's transaction, if its CSRF token (query or header, plus cookie) matches."""
        tx = transactions.get(request.args.get("tx"))
        token = request.headers.get("X-CSRF-TOKEN") if header_token else request.args.get("csrf_token")
        if not tx or not token or not secrets.compare_digest(token, tx.csrf):
            return None
        if check_cookie and request.cookies.get(CSRF_COOKIE) != tx.csrf:
            return None
        return tx

    def render_page(template: str, tx: Transaction, **values: object) -> Response:
        settings = {
            "csrf": tx.csrf,
            "transId": tx.id,
            "api": "CombinedSigninAndSignup" if template == "b2c_unified.html" else "SelfAsserted",
            "hosts": {"tenant": BASE, "policy": POLICY},
            "verification": ctx.dialect.verification_ids,
        }
        response = make_response(
            render_template(template, settings=settings, tx=tx, api_url=api_url, state=ctx.state, **values)
        )
        response.set_cookie(CSRF_COOKIE, tx.csrf, httponly=True, samesite="Lax", path="/")
        return response

    @app.get(f"{BASE}/oauth2/v2.0/authorize")
    def authorize() -> Response:
        ctx.state.delay_page("login")
        args = request.args
        if args.get("client_id") != CLIENT_ID:
            return error_page("AADB2C90117: The application with the identifier provided is not registered.")
        if args.get("redirect_uri") != ctx.acs_url:
            return error_page("AADB2C90006: The redirect URI provided in the request is not registered.")
        # One CSRF token per browser (like B2C's cookie), so several tabs can sign in at once.
        cookie = request.cookies.get(CSRF_COOKIE, "")
        csrf = cookie if re.fullmatch(r"[A-Za-z0-9_-]{20,100}", cookie) else secrets.token_urlsafe(32)
        tx = Transaction(
            id=new_transaction_id(),
            csrf=csrf,
            redirect_uri=args["redirect_uri"],
            state=args.get("state", ""),
            nonce=args.get("nonce", ""),
        )
        transactions.put(tx.id, tx)
        return render_page("b2c_unified.html", tx)

    @app.get(f"{API}/unified")
    def unified() -> Response:
        tx = get_transaction(check_cookie=False)
        if not tx:
            return error_page(MSG_EXPIRED_REQUEST)
        exchange = request.args.get("claimsexchange")
        if exchange:
            return claims_exchange(tx, exchange)
        if request.args.get("local") == "signup":
            ctx.state.delay_page("signup")
            return render_page("b2c_selfasserted.html", tx)
        ctx.state.delay_page("login")
        return render_page("b2c_unified.html", tx)

    def claims_exchange(tx: Transaction, exchange: str) -> Response:
        provider = next((p for p in PROVIDERS.values() if ctx.dialect.exchange_of(p.name) == exchange), None)
        if not provider:
            return error_page(f"AADB2C90047: The claims exchange '{exchange}' is not known.")
        host = WRONG_PROVIDER_HOST if ctx.state.is_("social-redirect-broken") else provider.host(ctx)
        query = urlencode(
            {
                "client_id": provider.client_id,
                "redirect_uri": authresp_url(ctx),
                "response_type": "code",
                "scope": provider.scope,
                "state": tx.id,
            }
        )
        scheme = ctx.idp_origin.split("://", 1)[0]
        return redirect(f"{scheme}://{host}:{ctx.idp_port}{provider.path}?{query}")

    @app.get(f"{API}/forgotPassword")
    def forgot_password() -> Response:
        tx = get_transaction(check_cookie=False)
        if not tx:
            return error_page(MSG_EXPIRED_REQUEST)
        return make_response(render_template("b2c_forgot.html", back_url=api_url(tx, "unified")))

    @app.post(f"{BASE}/SelfAsserted")
    def self_asserted() -> Response | dict:
        tx = get_transaction(check_cookie=True, header_token=True)
        if not tx or request.form.get("request_type") != "RESPONSE":
            return make_response(json_status("403", MSG_CSRF), 403)
        email, password = request.form.get("signInName", "").strip(), request.form.get("password", "")
        if not email:
            return json_status("400", MSG_ENTER_EMAIL, "signInName")
        if not password:
            return json_status("400", MSG_ENTER_PASSWORD, "password")
        account = ctx.directory.find(email)
        if not account:
            return json_status("400", MSG_NO_ACCOUNT)
        right = secrets.compare_digest(password.encode(), account.password.encode())
        if not right or ctx.state.is_("login-rejected"):
            return json_status("400", MSG_BAD_PASSWORD)
        tx.email = account.email
        return json_status("200")

    @app.post(f"{BASE}/SelfAsserted/DisplayControlAction/vbeta/emailVerificationControl/SendCode")
    def send_code() -> Response | dict:
        if not get_transaction(check_cookie=True, header_token=True):
            return make_response(json_status("403", MSG_CSRF), 403)
        email = request.form.get("email", "").strip()
        if not EMAIL_PATTERN.match(email):
            return json_status("400", MSG_INVALID_EMAIL, "email")
        if ctx.directory.is_registered(email):
            if ctx.state.is_("signup-wrong-error-text"):
                return json_status("400", MSG_UNEXPECTED)
            if not ctx.state.is_("signup-duplicate-error-missing"):
                return json_status("400", ctx.wording["already_exists"])
        # No mail is sent and nothing is stored: the replica only answers like B2C.
        return json_status("200")

    @app.post(f"{BASE}/SelfAsserted/DisplayControlAction/vbeta/emailVerificationControl/VerifyCode")
    def verify_code() -> Response | dict:
        if not get_transaction(check_cookie=True, header_token=True):
            return make_response(json_status("403", MSG_CSRF), 403)
        return json_status("400", MSG_BAD_CODE)

    @app.get(f"{API}/confirmed")
    def confirmed() -> Response:
        tx = get_transaction(check_cookie=True)
        if not tx or not tx.email:
            return error_page(MSG_EXPIRED_REQUEST)
        return post_back_to_focus(tx)

    @app.get(f"/{TENANT}/oauth2/authresp")
    def social_callback() -> Response:
        tx = transactions.get(request.args.get("state"))
        email = ctx.social_codes.pop(request.args.get("code"))
        if not tx or not email:
            return error_page("AADB2C90273: An invalid response was received from the identity provider.")
        tx.email = email
        return post_back_to_focus(tx)

    def post_back_to_focus(tx: Transaction) -> Response:
        """Answer an auto-submitting form that posts the signed assertion to Focus (form_post)."""
        transactions.pop(tx.id)  # a transaction signs in once
        assertion = ctx.signer.dumps({"email": tx.email, "nonce": tx.nonce, "aud": CLIENT_ID})
        return make_response(
            render_template(
                "b2c_autopost.html", action=tx.redirect_uri, assertion=assertion, relay_state=tx.state
            )
        )

    return app
