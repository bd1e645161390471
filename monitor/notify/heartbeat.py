"""A healthchecks.io-style heartbeat: `<url>/start` when a run starts, and at its end `<url>` (ok or
degraded), `<url>/fail` (a check failed) or `<url>/<exit code>` (anything else), so that a monitor
that stopped running is noticed too. A ping that fails is one line on stderr, never the run's result."""

from __future__ import annotations

import sys
from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit

from monitor.core.deadline import DeadlineExceeded, within
from monitor.notify.channels import private_form

TIMEOUT_S = (3.0, 5.0)  # connect, read
TOTAL_S = 10.0  # the whole ping, whatever the server does
MAX_BODY = 10_000  # healthchecks keeps the first 10 kB of a ping's body


def ping_url(url: str, path_suffix: str) -> str:
    """The suffix goes on the path, before a query (healthchecks' `?rid=`)."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + path_suffix if path_suffix else parts.path))


def ping(url: str, path_suffix: str, body: str = "", warn: Callable[[str], None] | None = None) -> bool:
    if not url:
        return False
    import requests  # a tenth of a second at the cli's start: only when a heartbeat is configured

    try:
        response = within(TOTAL_S, lambda: requests.post(ping_url(url, path_suffix),
                                                         data=body.encode("utf-8")[:MAX_BODY], timeout=TIMEOUT_S))
        response.raise_for_status()
    except DeadlineExceeded as error:
        (warn or _stderr)(f"heartbeat: ping {path_suffix or '/'} to {private_form(url)} failed: {error}")
        return False
    except requests.RequestException as error:
        reason = f"HTTP {error.response.status_code}" if error.response is not None else type(error).__name__
        (warn or _stderr)(f"heartbeat: ping {path_suffix or '/'} to {private_form(url)} failed: {reason}")
        return False
    return True


def _stderr(line: str) -> None:
    print(line, file=sys.stderr)
