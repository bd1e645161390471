"""The TLS certificates parents' browsers are shown: of every host of the entry URL's redirect chain
and of the Schoology host. One TLS handshake each (no page load), all at once, within one deadline.

A certificate that fails verification is read anyway (a second handshake that does not verify), so
an expired one still says when it expired. A problem is said in a parent's terms: what a browser
shows them instead of the page.
"""

from __future__ import annotations

import datetime as dt
import socket
import ssl
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from monitor.core.targets import Target
from monitor.data.certificate import EXPIRING, HTTPS_PORT, INVALID, NOT_CHECKED, OK, UNREAD, Certificate

# OpenSSL's verify codes for a certificate for another host (a name, an IP address).
_WRONG_HOST_CODES = (62, 64)


@dataclass(frozen=True)
class Endpoint:
    host: str
    port: int
    # What parents see instead when its certificate is bad.
    page: str


def chain_endpoints(chain: list[str]) -> list[Endpoint]:
    """The HTTPS hosts of a redirect chain, once each, in order (plain HTTP has no certificate)."""
    seen: dict[tuple[str, int], Endpoint] = {}
    for url in chain:
        parts = urlsplit(url)
        if parts.scheme == "https" and parts.hostname:
            key = (parts.hostname, parts.port or HTTPS_PORT)
            seen.setdefault(key, Endpoint(*key, "the sign-in page"))
    return list(seen.values())


def for_target(target: Target, chain: list[str]) -> list[Certificate]:
    """The certificates a parent's browser meets on the target: its redirect chain's, then its
    Schoology host's; a host in the target's cert_skip_hosts is listed as not checked."""
    endpoints = [*chain_endpoints(chain), Endpoint(target.schoology_host, HTTPS_PORT, "Schoology")]
    skipped = [endpoint for endpoint in endpoints if endpoint.host in target.cert_skip_hosts]
    found = read_all([endpoint for endpoint in endpoints if endpoint not in skipped], target.cert_warn_days,
                     str(target.ca_bundle_path) if target.ca_bundle_path else None, target.connect_timeout_s)
    return found + [Certificate(endpoint.host, endpoint.port, NOT_CHECKED, note="not checked: in the target's "
                                "cert_skip_hosts") for endpoint in skipped]


def read_all(endpoints: list[Endpoint], warn_days: int, ca_bundle: str | None, deadline_s: float,
             now: dt.datetime | None = None) -> list[Certificate]:
    """Every endpoint's certificate, read in parallel; what has not answered by the deadline is unread."""
    if not endpoints:
        return []
    now = now or dt.datetime.now(dt.UTC)
    pool = ThreadPoolExecutor(max_workers=len(endpoints), thread_name_prefix="certificate")
    futures = [pool.submit(read_certificate, endpoint, warn_days, ca_bundle, deadline_s, now) for endpoint in endpoints]
    wait(futures, timeout=deadline_s + 0.5)
    pool.shutdown(wait=False, cancel_futures=True)
    return [future.result() if future.done() else
            Certificate(endpoint.host, endpoint.port, UNREAD, problem=f"no TLS handshake within {deadline_s:g} s")
            for endpoint, future in zip(endpoints, futures, strict=True)]


def trusting_args(ca_bundle: Path | None) -> list[str]:
    """Chromium's launch arguments that trust the target's own CA (the replica's, a district proxy's):
    the chains that contain it, and only those, by its key's hash. Chromium then overlooks every error
    of such a chain: the preflight's certificate check judges them (expiry, host) before any browser."""
    return [f"--ignore-certificate-errors-spki-list={','.join(spki_hashes(ca_bundle))}"] if ca_bundle else []


def spki_hashes(ca_bundle: Path) -> list[str]:
    """The base64 SHA-256 of each certificate's public key in a PEM bundle: what Chromium's
    --ignore-certificate-errors-spki-list takes, to trust that CA (and only it) without a system store."""
    import base64
    import hashlib

    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    certificates = x509.load_pem_x509_certificates(ca_bundle.read_bytes())
    return [base64.b64encode(hashlib.sha256(certificate.public_key().public_bytes(
        Encoding.DER, PublicFormat.SubjectPublicKeyInfo)).digest()).decode() for certificate in certificates]


def _context(ca_bundle: str | None, verify: bool) -> ssl.SSLContext:
    context = ssl.create_default_context()
    if ca_bundle:
        context.load_verify_locations(cafile=ca_bundle)
    if not verify:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def _handshake(endpoint: Endpoint, context: ssl.SSLContext, timeout_s: float) -> bytes:
    with socket.create_connection((endpoint.host, endpoint.port), timeout=timeout_s) as raw, \
            context.wrap_socket(raw, server_hostname=endpoint.host) as tls:
        return tls.getpeercert(binary_form=True) or b""


def read_certificate(endpoint: Endpoint, warn_days: int, ca_bundle: str | None, timeout_s: float,
                     now: dt.datetime | None = None) -> Certificate:
    now = now or dt.datetime.now(dt.UTC)
    failure: ssl.SSLCertVerificationError | None = None
    try:
        try:
            der = _handshake(endpoint, _context(ca_bundle, verify=True), timeout_s)
        except ssl.SSLCertVerificationError as error:
            failure = error
            der = _handshake(endpoint, _context(ca_bundle, verify=False), timeout_s)
    except (OSError, ssl.SSLError) as error:
        return Certificate(endpoint.host, endpoint.port, UNREAD, problem=_unread(error, timeout_s))
    return judge(endpoint, der, failure, warn_days, now)


def judge(endpoint: Endpoint, der: bytes, failure: ssl.SSLCertVerificationError | None, warn_days: int,
          now: dt.datetime) -> Certificate:
    """The certificate's status from its own dates first (an expired one says when), then the
    verification's verdict (another host, an authority browsers do not trust)."""
    from cryptography import x509

    certificate = x509.load_der_x509_certificate(der)
    not_after = certificate.not_valid_after_utc
    days_left = (not_after - now).days
    issuer = _issuer(certificate)
    found = Certificate(endpoint.host, endpoint.port, OK, issuer, not_after.isoformat(timespec="seconds"), days_left)
    whose = f"the certificate of {endpoint.host}"
    if not_after <= now:
        ago = (now - not_after).days
        problem = f"{whose} expired {ago} day{'s' * (ago != 1)} ago ({not_after:%Y-%m-%d})" if ago else \
            f"{whose} expired today ({not_after:%Y-%m-%d %H:%M} UTC)"
    elif certificate.not_valid_before_utc > now:
        problem = f"{whose} is not valid before {certificate.not_valid_before_utc:%Y-%m-%d %H:%M} UTC"
    elif failure is not None and failure.verify_code in _WRONG_HOST_CODES:
        problem = f"{whose} is for {_names(certificate)}, not {endpoint.host}"
    elif failure is not None:
        problem = f"{whose} is not trusted ({failure.verify_message}; issued by {issuer})"
    elif days_left < warn_days:
        return replace(found, status=EXPIRING)
    else:
        return found
    return replace(found, status=INVALID,
                    problem=f"{problem}: parents see a browser warning instead of {endpoint.page}")


def _issuer(certificate) -> str:
    from cryptography.x509.oid import NameOID

    def first(oid) -> str:
        values = certificate.issuer.get_attributes_for_oid(oid)
        return str(values[0].value) if values else ""

    common_name, organization = first(NameOID.COMMON_NAME), first(NameOID.ORGANIZATION_NAME)
    if common_name and organization and organization not in common_name:
        return f"{common_name} ({organization})"
    return common_name or organization or certificate.issuer.rfc4514_string()


def _names(certificate) -> str:
    from cryptography import x509

    try:
        names = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        listed = [str(name.value) for name in names]
    except x509.ExtensionNotFound:
        listed = [str(attribute.value) for attribute in certificate.subject]
    return ", ".join(listed[:4]) + (", ..." if len(listed) > 4 else "") if listed else "no host name"


def _unread(error: BaseException, timeout_s: float) -> str:
    if isinstance(error, TimeoutError):
        return f"no TLS handshake within {timeout_s:g} s"
    if isinstance(error, socket.gaierror):
        return "DNS lookup failed (host name not found)"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, ssl.SSLError):
        return f"the TLS handshake failed: {error.reason or error}"
    return f"{type(error).__name__}: {error}"[:200]
