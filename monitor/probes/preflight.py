"""One plain HTTP request chain before the checks: is the site (and its identity provider) reachable?

A browser would spend a whole timeout on each check to find out; this answers in seconds and
names the host and the error, so that an outage is reported as infrastructure, not as a product bug.
"""

from __future__ import annotations

import time
import warnings
from dataclasses import dataclass, field

import requests
from urllib3.exceptions import InsecureRequestWarning

from monitor.core.addresses import host as host_of
from monitor.core.addresses import joined, parsed, shown
from monitor.core.deadline import DeadlineExceeded, within
from monitor.core.verdicts import CERTIFICATE, PRODUCT, UNREACHABLE, Verdict
from monitor.data.certificate import EXPIRING, UNREAD, Certificate

MAX_REDIRECTS = 10


@dataclass
class PreflightResult:
    ok: bool
    message: str
    seconds: float
    chain: list[str] = field(default_factory=list)
    # The certificates of the chain's HTTPS hosts and of the Schoology host (monitor/probes/certificates.py).
    certificates: list[Certificate] = field(default_factory=list)
    # The chain led to an address that cannot be opened: the site's failure, not an outage.
    unopenable: bool = False

    def failure(self) -> tuple[Verdict, str] | None:
        """What fails the preflight check: an outage, else any invalid certificate."""
        return self._problem(chain_only=False)

    def blocker(self) -> tuple[Verdict, str] | None:
        """What keeps every other check from running: an outage, or an invalid certificate on the way
        to the sign-in page (a browser shows its warning instead). A bad Schoology certificate does not."""
        return self._problem(chain_only=True)

    def _problem(self, chain_only: bool) -> tuple[Verdict, str] | None:
        if not self.ok:
            return (PRODUCT if self.unopenable else UNREACHABLE), self.message
        hosts = {host_of(url) for url in self.chain}
        invalid = [cert.problem for cert in self.certificates if cert.failed and (cert.host in hosts or not chain_only)]
        return (CERTIFICATE, "; ".join(invalid)) if invalid else None

    def degraded(self) -> str:
        """Why the run is degraded by its certificates: one expires soon, or could not be read."""
        notes = [cert.expiry_note for cert in self.certificates if cert.status == EXPIRING]
        notes += [f"the certificate of {cert.host} could not be read: {cert.problem}"
                  for cert in self.certificates if cert.status == UNREAD]
        return "; ".join(notes)


class _Walk(requests.Session):
    """The walk follows each redirect itself: requests would parse the next hop's address even with
    allow_redirects=False, and raise ValueError on one that cannot be parsed (the walk reports it)."""

    def get_redirect_target(self, response):  # noqa: ARG002 - requests' signature
        return None


def _describe(error: requests.RequestException, connect_s: float, answer_s: float) -> str:
    text = str(error)
    if isinstance(error, requests.ConnectTimeout):
        return f"no connection within {connect_s:g} s"
    if isinstance(error, requests.Timeout):
        return f"no answer within {answer_s:g} s"
    if "NameResolutionError" in text or "Name or service not known" in text or "resolve" in text:
        return "DNS lookup failed (host name not found)"
    if "Connection refused" in text or "Errno 111" in text:
        return "connection refused"
    if "Connection reset" in text:
        return "connection reset"
    return text.splitlines()[0][:200]


def check_reachable(entry_url: str, connect_s: float, answer_s: float) -> PreflightResult:
    """Follow the entry URL's redirect chain until a page answers; any failure names its host.
    A slow answer is not an outage: each page has answer_s to answer (the caller gives it more than
    a check would wait, so a slow page gets the checks' Too slow verdict)."""
    started = time.monotonic()
    site_host = host_of(entry_url)
    url, chain = entry_url, []
    # The walk does not verify certificates: the certificate check reads and judges them on its own
    # (an expired one is its verdict, not an outage), and the walk still learns the chain's hosts.
    with _Walk() as session, warnings.catch_warnings():
        warnings.simplefilter("ignore", InsecureRequestWarning)
        for _ in range(MAX_REDIRECTS):
            if parsed(url) is None:
                came_from = f" (from {shown(chain[-1])})" if chain else ""
                return PreflightResult(False, "The entry URL's redirects lead to an address that cannot be opened: "
                                       f"{shown(url)}{came_from}", time.monotonic() - started, chain, unopenable=True)
            host = host_of(url)
            who = "Site" if host == site_host else "Identity provider"
            chain.append(url)
            try:
                # Headers only (a body could trickle forever), and the whole request within its deadline.
                response = within(connect_s + answer_s, lambda u=url: session.get(
                    u, allow_redirects=False, timeout=(connect_s, answer_s), stream=True, verify=False))
                response.close()
            except DeadlineExceeded as error:
                return PreflightResult(False, f"{who} unreachable: {host}: {error}", time.monotonic() - started, chain)
            except requests.RequestException as error:
                message = f"{who} unreachable: {host}: {_describe(error, connect_s, answer_s)}"
                return PreflightResult(False, message, time.monotonic() - started, chain)
            if response.status_code >= 500:
                reason = f"HTTP {response.status_code} {response.reason}".strip()
                return PreflightResult(False, f"{who} unreachable: {host} answered {reason}",
                                       time.monotonic() - started, chain)
            if not response.is_redirect:
                return PreflightResult(True, f"{host} answered HTTP {response.status_code}",
                                       time.monotonic() - started, chain)
            url = joined(url, response.headers["location"])
    return PreflightResult(False, f"Site unreachable: {site_host}: more than {MAX_REDIRECTS} redirects",
                           time.monotonic() - started, chain)
