"""Delivery through Apprise: every channel at once, each with bounded timeouts and one retry.

A channel that is down, black-holed or refuses the message costs at most about
2 x READ_TIMEOUT_S + RETRY_WAIT_S and one line on stderr; it never raises. Services are named by
Apprise's privacy form of their URL, cut to scheme and host (a webhook's path is its secret).
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from monitor.core.outcomes import Word
from monitor.core.redact import Redactor, without_userinfo
from monitor.notify.decision import RECOVERED

if TYPE_CHECKING:
    from apprise import NotifyType
# Apprise is imported where it is used, not here: a run without alert URLs never loads it (~0.2 s).

CONNECT_TIMEOUT_S = 3.0
READ_TIMEOUT_S = 3.0
RETRIES = 1
RETRY_WAIT_S = 0.5
# The whole call's limit, whatever a URL's own cto/rto say: alerts must not hold up the run.
CALL_TIMEOUT_S = 20.0


@dataclass(frozen=True)
class Delivery:
    service: str  # its name and privacy-form URL
    delivered: bool
    seconds: float
    error: str = ""


def service_for(url: str):
    """The Apprise service of a URL, with our bounds unless the URL sets its own (None: invalid)."""
    import apprise

    service = apprise.Apprise.instantiate(url)
    if service is None:
        return None
    given = parse_qs(urlsplit(url).query)
    if "cto" not in given:
        service.socket_connect_timeout = CONNECT_TIMEOUT_S
    if "rto" not in given:
        service.socket_read_timeout = READ_TIMEOUT_S
    if "retry" not in given:
        service.retry = RETRIES
    if "wait" not in given:
        service.wait = RETRY_WAIT_S
    service.request_rate_per_sec = 0  # Apprise's throttle would sleep 5.5 s before the retry
    return service


def private_form(privacy_url: str) -> str:
    """Apprise's privacy form (passwords masked), cut to scheme and host: paths and queries carry tokens."""
    parts = urlsplit(without_userinfo(privacy_url))
    return f"{parts.scheme}://{parts.netloc}" + ("/..." if parts.path.strip("/") or parts.query else "")


def describe(service) -> str:
    return f"{service.service_name} ({private_form(service.url(privacy=True))})"


def notify_type(kind: str) -> NotifyType:
    from apprise import NotifyType

    if kind in (Word.OK, RECOVERED):
        return NotifyType.SUCCESS
    return NotifyType.WARNING if kind == Word.DEGRADED else NotifyType.FAILURE


def send(urls: Iterable[str], title: str, body: str, kind: str, secrets: Iterable[str] = (),
         warn: Callable[[str], None] | None = None) -> list[Delivery]:
    """Send to every URL (in parallel); one line on stderr for each service that failed."""
    import apprise

    warn = warn or _stderr
    redactor = Redactor(secrets)
    bundle = apprise.Apprise()
    for url in urls:
        service = service_for(url)
        if service is not None:  # load_config rejected invalid URLs already
            bundle.add(service)
    if not len(bundle):
        return []
    from urllib3.exceptions import InsecureRequestWarning

    try:
        with warnings.catch_warnings():
            # A URL with ?verify=no chose that: urllib3's multi-line warning on each request adds nothing.
            warnings.simplefilter("ignore", InsecureRequestWarning)
            result = bundle.notify(body=body, title=title, body_format=apprise.NotifyFormat.MARKDOWN,
                                   notify_type=notify_type(kind), timeout=CALL_TIMEOUT_S)
    except Exception as error:  # noqa: BLE001 - a plugin's bug must not cost the run its verdict
        warn(f"alerts: could not send: {type(error).__name__}: {redactor.text(str(error))}")
        return []
    deliveries = []
    for sent in result:
        name = f"{sent.name} ({private_form(sent.url)})"
        error = "" if sent else redactor.text(_error(sent))
        deliveries.append(Delivery(name, bool(sent), sent.elapsed, error))
        if not sent:
            warn(f"alerts: could not send to {name} after {len(sent.attempts)} attempt(s), "
                 f"{sent.elapsed:.1f} s: {error}")
    return deliveries


def _error(sent) -> str:
    """Apprise's last warning for the service (why it failed), else its status."""
    messages = [entry.message for attempt in sent.attempts for entry in attempt.logs
                if entry.level in ("WARNING", "ERROR") and "trying again" not in entry.message]
    return messages[-1] if messages else f"status {sent.status.name.lower()}"


def _stderr(line: str) -> None:
    print(line, file=sys.stderr)
