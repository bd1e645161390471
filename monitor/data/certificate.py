"""A host's certificate as the run record keeps it (monitor/probes/certificates.py reads them)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

# Status words of a certificate in the run record.
OK, EXPIRING, INVALID, UNREAD, NOT_CHECKED = "ok", "expiring", "invalid", "unread", "not checked"
HTTPS_PORT = 443

@dataclass(frozen=True)
class Certificate:
    """One host's certificate as the run record keeps it."""

    host: str
    port: int = HTTPS_PORT
    status: str = OK  # ok, expiring, invalid, unread, not checked
    issuer: str = ""
    not_after: str = ""  # ISO 8601, UTC
    days_left: int | None = None  # whole days until not_after (negative: expired)
    problem: str = ""  # why it is invalid or could not be read, in a parent's terms
    note: str = ""  # e.g. why it was not checked

    @property
    def failed(self) -> bool:
        return self.status == INVALID

    def as_record(self) -> dict:
        return asdict(self)

    @property
    def expiry_note(self) -> str:
        """What an expiring certificate's degraded flag says."""
        return f"the certificate of {self.host} expires in {self.days_left} days ({self.not_after[:10]})"
