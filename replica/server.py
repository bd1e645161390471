"""Replica: serves the Focus origin and the identity-provider origin on loopback, in threads."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from replica.accounts import Directory, load_directory, resolve_values
from replica.common import STUDENT_CARD_CLASS, WRONG_PROVIDER_HOST, Context, FaultMiddleware
from replica.dialects import check_dialect, check_wording
from replica.focus_app import create_focus_app
from replica.idp_app import create_idp_app
from replica.mutations import Mutation
from replica.providers import PROVIDERS, HostDispatcher, create_provider_app, create_wrong_provider_app
from replica.scenarios import ScenarioState

if TYPE_CHECKING:  # HTTPS is the caller's choice: cryptography is imported by the caller who makes one
    from replica.tls import ReplicaTls

BIND_ADDRESS = "127.0.0.1"
LOOPBACK_NAMES = ("127.0.0.1", "localhost")


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args: Any, **kwargs: Any) -> None:
        pass


def check_host(host: str) -> str:
    """The replica is a test double with known passwords: never reachable from another machine."""
    if host not in LOOPBACK_NAMES:
        raise ValueError(f"the replica binds to loopback only ({BIND_ADDRESS}), not {host}")
    return BIND_ADDRESS


class Replica:
    def __init__(
        self,
        scenario: str = "healthy",
        focus_port: int = 0,
        idp_port: int = 0,
        host: str = BIND_ADDRESS,
        schoology_url: str = "https://bcps.schoology.com",
        google_host: str = "google.localhost",
        microsoft_host: str = "microsoft.localhost",
        accounts: Mapping[str, str] | None = None,
        student_name: str | None = None,
        log_requests: bool = False,
        tls: ReplicaTls | None = None,
        dialect: str = "standard",
        wording: Mapping[str, str] | None = None,
        student_card_class: str = STUDENT_CARD_CLASS,
        mutation: int | None = None,
    ) -> None:
        self._bind = check_host(host)
        self.state = ScenarioState(scenario)
        # Keyed like the environment (FOCUS_PARENT_EMAIL, ...); holds passwords: never print it.
        self.account_values = resolve_values(accounts)
        self.directory: Directory = load_directory(self.account_values, student_name)
        self._ports = (focus_port, idp_port)
        self._options = {
            "schoology_url": schoology_url,
            "google_host": google_host,
            "microsoft_host": microsoft_host,
            "dialect": check_dialect(dialect),
            "wording": check_wording(dict(wording or {})),
            "student_card_class": student_card_class,
            # A seeded rewriting of the pages (replica/mutations.py): what it applied is in self.mutation.
            "mutation": Mutation.of(mutation) if mutation is not None else None,
        }
        self._handler = WSGIRequestHandler if log_requests else _QuietHandler
        # HTTPS on both origins with this certificate (replica.tls); None: plain HTTP.
        self.tls = tls
        self._servers: list[BaseWSGIServer] = []
        self._threads: list[threading.Thread] = []
        self.ctx: Context | None = None

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self) -> Self:
        if self._servers:
            return self
        # Bind first (port 0 -> a free port), then build the apps that need to know both ports.
        focus, idp = (
            make_server(self._bind, port, _placeholder, threaded=True, request_handler=self._handler,
                        ssl_context=self.tls.server_context() if self.tls else None)
            for port in self._ports
        )
        self._servers = [focus, idp]
        ctx = Context(
            state=self.state,
            directory=self.directory,
            focus_origin=f"{self.scheme}://{BIND_ADDRESS}:{focus.server_port}",
            # Another host name than Focus: another origin with its own cookies, like b2clogin.com.
            idp_origin=f"{self.scheme}://localhost:{idp.server_port}",
            idp_port=idp.server_port,
            **self._options,
        )
        self.ctx = ctx
        focus.app = FaultMiddleware(create_focus_app(ctx), self.state, "focus-down", "/focus/assets/", True)
        stand_ins = {
            provider.host(ctx): create_provider_app(ctx, provider) for provider in PROVIDERS.values()
        }
        stand_ins[WRONG_PROVIDER_HOST] = create_wrong_provider_app()
        idp.app = FaultMiddleware(
            HostDispatcher(stand_ins, create_idp_app(ctx)), self.state, "idp-down", "/static/", False
        )
        for server in self._servers:
            # A short poll interval keeps stop() quick (shutdown waits for the next poll).
            thread = threading.Thread(
                target=server.serve_forever,
                kwargs={"poll_interval": 0.05},
                name="replica-server",
                daemon=True,
            )
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._servers, self._threads = [], []

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- what callers need -------------------------------------------------------------------
    @property
    def scheme(self) -> str:
        return "https" if self.tls else "http"

    def _context(self) -> Context:
        if not self.ctx:
            raise RuntimeError("the replica is not started: call start() first")
        return self.ctx

    @property
    def focus_origin(self) -> str:
        return self._context().focus_origin

    @property
    def idp_origin(self) -> str:
        return self._context().idp_origin

    @property
    def entry_url(self) -> str:
        return self.focus_origin + "/focus"

    @property
    def mutation(self) -> Mutation | None:
        return self._options["mutation"]

    @property
    def control_url(self) -> str:
        return self.focus_origin + "/__replica/scenario"

    def set_scenario(self, name: str, **options: Any) -> dict[str, Any]:
        """Switch the fault in process (same checks as the control endpoint; raises ValueError)."""
        return self.state.set(name, options)

    def set_dialect(self, name: str, wording: Mapping[str, str] | None = None) -> None:
        """Serve the pages in another markup dialect (and wording) from the next request on."""
        self._options["dialect"], self._options["wording"] = check_dialect(name), check_wording(dict(wording or {}))
        if self.ctx:
            self.ctx.dialect, self.ctx.wording = self._options["dialect"], self._options["wording"]

    def set_student_card_class(self, name: str) -> None:
        """The class of the portal's student cards from the next request on: a release that renames it."""
        self._options["student_card_class"] = name
        if self.ctx:
            self.ctx.student_card_class = name

    def revoke_sessions(self) -> None:
        self._context().sessions.clear()


def _placeholder(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
    return [b"starting\n"]
