"""One plain HTTP request chain before the checks: is the site (and its identity provider) reachable?

A browser would spend a whole timeout on each check to find out; this answers in seconds and
names the host and the error, so that an outage is reported as infrastructure, not as a product bug.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import requests

from monitor.deadline import DeadlineExceeded, within

MAX_REDIRECTS = 10


@dataclass
class PreflightResult:
    ok: bool
    message: str
    seconds: float
    chain: list[str] = field(default_factory=list)


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
    a check would wait, so a slow page gets the checks' Slow verdict)."""
    started = time.monotonic()
    site_host = urlsplit(entry_url).hostname
    url, chain = entry_url, []
    with requests.Session() as session:
        for _ in range(MAX_REDIRECTS):
            host = urlsplit(url).hostname
            who = "Site" if host == site_host else "Identity provider"
            chain.append(url)
            try:
                # Headers only (a body could trickle forever), and the whole request within its deadline.
                response = within(connect_s + answer_s, lambda u=url: session.get(
                    u, allow_redirects=False, timeout=(connect_s, answer_s), stream=True))
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
            url = urljoin(url, response.headers["location"])
    return PreflightResult(False, f"Site unreachable: {site_host}: more than {MAX_REDIRECTS} redirects",
                           time.monotonic() - started, chain)
