"""HTTPS for the replica: a throwaway certificate authority made at start, and the servers' certificate
signed by it (for the replica's host names, or another one; valid for N days, or expired N days ago).

The CA's certificate is written to a file that a client trusts explicitly (the monitor's target key
`ca_bundle`); nothing is added to any system or browser store.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

# The names the replica serves on: Focus, the identity provider and the provider stand-ins.
REPLICA_NAMES = ("127.0.0.1", "localhost", "google.localhost", "microsoft.localhost", "wrong-provider.localhost")
CA_NAME = "Focus replica throwaway CA"
DEFAULT_DAYS = 90


@dataclass(frozen=True)
class Issued:
    certificate: x509.Certificate
    key: ec.EllipticCurvePrivateKey


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _alternative_names(hosts: tuple[str, ...]) -> x509.SubjectAlternativeName:
    names: list[x509.GeneralName] = []
    for host in hosts:
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            names.append(x509.DNSName(host))
    return x509.SubjectAlternativeName(names)


def issue(hosts: tuple[str, ...], not_before: dt.datetime, not_after: dt.datetime,
          issuer: Issued | None = None) -> Issued:
    """A certificate for the hosts, signed by the issuer (None: self-signed, a CA)."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = _name(hosts[0] if issuer else CA_NAME)
    builder = (x509.CertificateBuilder().subject_name(subject)
               .issuer_name(issuer.certificate.subject if issuer else subject).public_key(key.public_key())
               .serial_number(x509.random_serial_number()).not_valid_before(not_before).not_valid_after(not_after))
    if issuer:
        builder = (builder.add_extension(_alternative_names(hosts), critical=False)
                   .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True))
    else:
        builder = builder.add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
    return Issued(builder.sign(issuer.key if issuer else key, hashes.SHA256()), key)


def pem(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)


def key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


@dataclass
class ReplicaTls:
    """The replica's CA and server certificate, in a folder of their own (removed by cleanup())."""

    ca_file: Path  # the CA's certificate: what a client trusts (`ca_bundle`)
    cert_file: Path
    key_file: Path
    not_after: dt.datetime
    hosts: tuple[str, ...]
    _folder: tempfile.TemporaryDirectory

    @classmethod
    def create(cls, days: int = DEFAULT_DAYS, hosts: tuple[str, ...] | None = None,
               not_yet_valid: bool = False) -> ReplicaTls:
        """days: how long the server certificate stays valid (negative: it expired that many days
        ago); hosts: what it is for (other names than the replica's: a certificate for the wrong host)."""
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        ca = issue((CA_NAME,), now - dt.timedelta(days=400), now + dt.timedelta(days=3650))
        not_before = now + dt.timedelta(days=1) if not_yet_valid else now - dt.timedelta(days=max(30, 30 - days))
        # A few minutes over the whole days: "expires in 5 days" stays 5 for the length of a test run.
        not_after = now + dt.timedelta(days=days, minutes=30 if days > 0 else 0)
        hosts = hosts or REPLICA_NAMES
        server = issue(hosts, not_before, not_after, ca)
        folder = tempfile.TemporaryDirectory(prefix="replica-tls-")
        base = Path(folder.name)
        files = base / "ca.pem", base / "server.pem", base / "server-key.pem"
        # The server sends its whole chain, the CA included, as real sites send their intermediates
        # (Chromium's --ignore-certificate-errors-spki-list matches the CA only in the chain it is sent).
        chain = pem(server.certificate) + pem(ca.certificate)
        for path, content in zip(files, (pem(ca.certificate), chain, key_pem(server.key)), strict=True):
            path.write_bytes(content)
        return cls(*files, not_after, hosts, folder)

    def server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(str(self.cert_file), str(self.key_file))
        return context

    def cleanup(self) -> None:
        self._folder.cleanup()
