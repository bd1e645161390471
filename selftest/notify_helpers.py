"""Stand-ins for the alert channels, on 127.0.0.1: an HTTP(S) receiver that keeps every request (a
JSON webhook, a Teams Workflows endpoint, a heartbeat), an SMTP server, a socket that accepts and
never answers; and synthetic run records for the state machine."""

from __future__ import annotations

import datetime as dt
import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from monitor.core import verdicts
from monitor.core.verdicts import BY_KEY
from monitor.data.record import CheckRecord, RunRecord, outcome_word
from selftest.monitor_runs import closed_port

# Check ids of a synthetic run (the real ones' shape).
CHECK_IDS = ("tests/test_login_screen.py::test_entry_url_shows_the_new_login_page",
             "tests/test_social.py::test_social_button_leads_to_its_provider[Google]",
             "tests/test_social.py::test_social_button_leads_to_its_provider[Microsoft]",
             "tests/test_sign_in.py::test_parent_signs_in_and_reaches_focus")
TITLES = ("The entry URL shows the new login page", "The Google button leads to its provider",
          "The Microsoft button leads to its provider", "A parent signs in and reaches Focus")


def run_record(failing: dict[int, str] | None = None, degraded: int | None = None, flaky: int | None = None,
               number: int = 1, target: str = "live", messages: dict[int, str] | None = None) -> RunRecord:
    """A run of the four checks above: `failing` maps a check's index to its verdict key."""
    failing = failing or {}
    checks = []
    for index, (check_id, title) in enumerate(zip(CHECK_IDS, TITLES, strict=True)):
        verdict = BY_KEY[failing[index]] if index in failing else None
        message = (messages or {}).get(index, f"the check {index} failed\nsecond line with details")
        checks.append(CheckRecord(
            id=check_id, title=title, status="failed" if verdict else "passed", seconds=1.5,
            category=verdict.category if verdict else None, verdict=verdict.key if verdict else None,
            message=f"{verdict.tag} {message}" if verdict else "", flaky=index == flaky,
            degraded="the sign-in page took 3.1 s (degraded after 2.5 s)" if index == degraded else ""))
    exit_code = int(verdicts.exit_code(BY_KEY[key] for key in failing.values()))
    started = dt.datetime(2026, 3, 2, 6, 0, tzinfo=dt.UTC) + dt.timedelta(hours=number)
    return RunRecord(
        run_id=f"run-{number}", started=started.isoformat(), finished=(started + dt.timedelta(seconds=83)).isoformat(),
        target=target, entry_url="https://baltimore.focusschoolsoftware.com/focus", suite_version="test",
        suite_commit="abc1234", browser="chromium", exit_code=exit_code, outcome=outcome_word(exit_code, checks),
        degraded_after_s=2.5, fail_after_s=6.0, checks=checks, report="https://ci.example.org/runs/42/report")


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class HttpReceiver:
    """Keeps every request; answers 200 (or `status`)."""

    url: str
    requests: list[Received] = field(default_factory=list)
    status: int = 200

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])


@contextmanager
def http_receiver(certificate: tuple[Path, Path] | None = None) -> Iterator[HttpReceiver]:
    receiver = HttpReceiver(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the http.server name
            length = int(self.headers.get("Content-Length") or 0)
            receiver.requests.append(Received("POST", self.path, dict(self.headers), self.rfile.read(length)))
            self.send_response(receiver.status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_POST  # noqa: N815

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    if certificate:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*map(str, certificate))
        server.socket = context.wrap_socket(server.socket, server_side=True)
    receiver.url = f"{'https' if certificate else 'http'}://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A throwaway certificate for 127.0.0.1 (cert, key)."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                   .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=5))
                   .not_valid_after(now + dt.timedelta(hours=1))
                   .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                                  critical=False)
                   .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


@contextmanager
def black_hole() -> Iterator[int]:
    """A port that accepts connections and never answers: a webhook that hangs. Yields the port."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    try:
        yield listener.getsockname()[1]
    finally:
        listener.close()


@contextmanager
def trickler(interval_s: float = 0.3, max_bytes: int = 120) -> Iterator[int]:
    """A port whose server answers every request one byte every interval_s (at most max_bytes, then it
    hangs up): each socket read gets something in time, the response never ends. Yields the port."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.2)
    stop = threading.Event()
    answer = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Padding: " + b"x" * max_bytes

    def trickle(connection: socket.socket) -> None:
        with connection:
            for byte in answer[:max_bytes]:
                if stop.wait(interval_s):
                    return
                try:
                    connection.sendall(bytes([byte]))
                except OSError:
                    return

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except (TimeoutError, OSError):
                continue
            threading.Thread(target=trickle, args=(connection,), daemon=True).start()

    server = threading.Thread(target=serve, daemon=True)
    server.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        server.join(timeout=2)
        listener.close()


@dataclass
class Mailbox:
    port: int
    messages: list = field(default_factory=list)  # email.message.EmailMessage
    logins: list[tuple[str, str]] = field(default_factory=list)


@contextmanager
def smtp_server() -> Iterator[Mailbox]:
    """An SMTP server that accepts AUTH over plain text (127.0.0.1 only) and keeps every message."""
    from email import message_from_bytes, policy

    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    mailbox = Mailbox(port=0)

    class Handler:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
            mailbox.messages.append(message_from_bytes(envelope.original_content, policy=policy.default))
            return "250 OK"

    def authenticate(server, session, envelope, mechanism, auth_data):
        mailbox.logins.append((auth_data.login.decode(), auth_data.password.decode()))
        return AuthResult(success=True)

    mailbox.port = closed_port()
    controller = Controller(Handler(), hostname="127.0.0.1", port=mailbox.port, authenticator=authenticate,
                            auth_require_tls=False)
    controller.start()
    try:
        yield mailbox
    finally:
        controller.stop()
