"""What the Focus app, the identity provider and the stand-ins share: names, URLs, faults."""

from __future__ import annotations

import secrets
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from threading import Lock
from typing import Any

from flask import Flask, request
from itsdangerous import URLSafeTimedSerializer
from werkzeug.wrappers import Response

from replica.accounts import Directory
from replica.dialects import DIALECTS, WORDING, Dialect
from replica.mutations import Mutation
from replica.scenarios import ScenarioState

# Invented names: the district's real tenant and policy are not public.
TENANT = "bcpsparents.onmicrosoft.com"
POLICY = "B2C_1A_FOCUS_SIGNUP_SIGNIN"
CLIENT_ID = "5b2a7c1e-3f4d-4e8a-9c61-0d2f8e7a4b19"  # Focus's (invented) app registration

ACS_PATH = "/focus/simplesaml/module.php/saml/sp/saml2-acs.php/bcps-sp"
LANDING_PATH = "/focus/Modules.php"
LANDING_QUERY = "modname=misc/Portal.php"
CONTROL_PREFIX = "/__replica/"
WRONG_PROVIDER_HOST = "wrong-provider.localhost"

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
STATIC_DIR = PACKAGE_DIR / "static"


class BoundedStore:
    """A thread-safe dict that forgets its oldest entries, so a long run cannot grow without end."""

    def __init__(self, limit: int = 5000) -> None:
        self._items: OrderedDict[str, Any] = OrderedDict()
        self._limit = limit
        self._lock = Lock()

    def put(self, key: str, value: Any) -> None:
        with self._lock:
            self._items[key] = value
            while len(self._items) > self._limit:
                self._items.popitem(last=False)

    def get(self, key: str | None) -> Any:
        with self._lock:
            return self._items.get(key) if key else None

    def pop(self, key: str | None) -> Any:
        with self._lock:
            return self._items.pop(key, None) if key else None

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


STUDENT_CARD_CLASS = "card student"


@dataclass
class Context:
    """One replica's run-time facts, given to every app it serves."""

    state: ScenarioState
    directory: Directory
    focus_origin: str
    idp_origin: str
    idp_port: int
    schoology_url: str
    google_host: str
    microsoft_host: str
    # How the pages are marked up and what they say (replica/dialects.py); switchable at run time.
    dialect: Dialect = DIALECTS["standard"]
    wording: dict[str, str] = field(default_factory=lambda: dict(WORDING))
    # The portal's student cards' class (a release may rename it; evidence must hide them anyway).
    student_card_class: str = STUDENT_CARD_CLASS
    # A seeded rewriting of every page served (replica/mutations.py), or None.
    mutation: Mutation | None = None
    # Signs the assertion the IdP posts to Focus; a new secret per process.
    signer: URLSafeTimedSerializer = field(
        default_factory=lambda: URLSafeTimedSerializer(secrets.token_bytes(32), salt="focus-acs")
    )
    # Focus: state -> nonce of each sign-in it started; PHPSESSID -> session.
    pending_logins: BoundedStore = field(default_factory=BoundedStore)
    sessions: BoundedStore = field(default_factory=BoundedStore)
    # IdP: one-time code a provider stand-in hands back -> the e-mail it signed in.
    social_codes: BoundedStore = field(default_factory=BoundedStore)

    @property
    def acs_url(self) -> str:
        return self.focus_origin + ACS_PATH



def service_unavailable() -> Response:
    return Response(
        "<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head><body>"
        "<h1>Service Unavailable</h1><p>The server is temporarily unable to service your request."
        "</p></body></html>",
        status=503,
        mimetype="text/html",
    )


class FaultMiddleware:
    """Applies the origin-wide faults (down, jitter) around an app; never to the control endpoint."""

    def __init__(
        self, app: Any, state: ScenarioState, down_scenario: str, static_prefix: str, has_control: bool
    ) -> None:
        self.app, self.state = app, state
        self.down_scenario, self.static_prefix, self.has_control = down_scenario, static_prefix, has_control

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        path = environ.get("PATH_INFO", "")
        if self.has_control and path.startswith(CONTROL_PREFIX):
            return self.app(environ, start_response)
        if self.state.is_(self.down_scenario):
            return service_unavailable()(environ, start_response)
        if not path.startswith(self.static_prefix):
            self.state.jitter()
        return self.app(environ, start_response)


def flask_app(name: str, static_url_path: str, ctx: Context | None = None) -> Flask:
    """An app of the replica: its templates and static files, served under the origin's own path;
    its templates see the replica's dialect and wording."""
    app = Flask(name, static_folder=str(STATIC_DIR), static_url_path=static_url_path,
                template_folder=str(TEMPLATES_DIR))
    if ctx is not None:
        app.context_processor(lambda: {"dialect": ctx.dialect, "wording": ctx.wording})

        @app.after_request
        def mutate(response: Response) -> Response:
            if ctx.mutation and response.mimetype == "text/html" and not response.direct_passthrough:
                response.set_data(ctx.mutation.apply(response.get_data(as_text=True), request.path))
            return response
    return app
