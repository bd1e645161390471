"""Google and Microsoft stand-ins, served by the IdP server under their own host names.

They sign in only the replica's employee (a social account), then send the browser back to the
IdP's callback with a one-time code, like an OAuth provider does.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from flask import Flask, Response, make_response, redirect, render_template, request

from replica.common import STATIC_DIR, TEMPLATES_DIR, TENANT, Context


@dataclass(frozen=True)
class Provider:
    exchange: str  # B2C's claims exchange id, also the button's id
    name: str
    host_attr: str  # which Context attribute holds the host name
    path: str
    scope: str
    client_id: str
    bad_credentials: str  # the provider's own wording

    def host(self, ctx: Context) -> str:
        return getattr(ctx, self.host_attr)


PROVIDERS = {
    provider.exchange: provider
    for provider in (
        Provider(
            "GoogleExchange",
            "Google",
            "google_host",
            "/o/oauth2/v2/auth",
            "email openid profile",
            "318406207962-replica.apps.googleusercontent.com",
            "Wrong email or password. Try again.",
        ),
        Provider(
            "MicrosoftAccountExchange",
            "Microsoft",
            "microsoft_host",
            "/oauth20_authorize.srf",
            "openid email",
            "00000000-4a5b-replica",
            "Your account or password is incorrect.",
        ),
    )
}


def authresp_url(ctx: Context) -> str:
    return f"{ctx.idp_origin}/{TENANT}/oauth2/authresp"


def _flask_app(name: str) -> Flask:
    return Flask(
        name, static_folder=str(STATIC_DIR), static_url_path="/static", template_folder=str(TEMPLATES_DIR)
    )


def create_provider_app(ctx: Context, provider: Provider) -> Flask:
    app = _flask_app(f"replica.{provider.name.lower()}")

    @app.route(provider.path, methods=["GET", "POST"])
    def sign_in() -> Response:
        values = request.values
        # Like a real provider: answer only to the redirect URI registered for the IdP.
        if values.get("redirect_uri") != authresp_url(ctx) or not values.get("state"):
            return make_response(render_template("provider_error.html", provider=provider), 400)
        error = None
        if request.method == "POST":
            account = ctx.directory.find(values.get("email", ""))
            password = values.get("password", "").encode()
            if account and account.social and secrets.compare_digest(password, account.password.encode()):
                code = secrets.token_urlsafe(24)
                ctx.social_codes.put(code, account.email)
                return redirect(
                    f"{values['redirect_uri']}?{urlencode({'code': code, 'state': values['state']})}"
                )
            error = provider.bad_credentials
        return make_response(
            render_template(
                "provider_signin.html",
                provider=provider,
                error=error,
                email=values.get("email", ""),
                hidden={key: values.get(key, "") for key in ("client_id", "redirect_uri", "state")},
            )
        )

    return app


def create_wrong_provider_app() -> Flask:
    """What the broken social redirect lands on: a host that is no identity provider."""
    app = _flask_app("replica.wrong_provider")

    @app.route("/", defaults={"path": ""})
    @app.route("/<path:path>")
    def anything(path: str) -> Response:
        return make_response(render_template("provider_error.html", provider=None), 404)

    return app


class HostDispatcher:
    """One server, several host names: pick the app by the request's Host header."""

    def __init__(self, apps: dict[str, Callable[..., Any]], default: Callable[..., Any]) -> None:
        self.apps, self.default = apps, default

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        host = environ.get("HTTP_HOST", "").rsplit(":", 1)[0].lower()
        return self.apps.get(host, self.default)(environ, start_response)
