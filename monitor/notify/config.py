"""The alert settings, read from the environment (or .env) once, before any browser starts.

Alert and heartbeat URLs are secrets (they carry webhook signatures, passwords, ping ids): they are
kept out of every repr and message, and an error names an entry by its number and scheme only.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from monitor.core.paths import REPORT_URL_VARIABLE

ALERT_URLS = "FOCUS_ALERT_URLS"
# A setup problem (an account to fix) is the monitor owners' business, never the district's on-call's.
SETUP_ALERT_URLS = "FOCUS_SETUP_ALERT_URLS"
ALERT_ON = "FOCUS_ALERT_ON"
REMIND_EVERY = "FOCUS_ALERT_REMIND_EVERY"
AFTER = "FOCUS_ALERT_AFTER"
HEARTBEAT_URL = "FOCUS_HEARTBEAT_URL"

CHANGE, FAILURE, ALWAYS = "change", "failure", "always"
MODES = (CHANGE, FAILURE, ALWAYS)

# Entries are separated by spaces, or by a comma that starts the next URL (a comma inside a URL,
# as in mailto's `to=a@x,b@y`, stays in it).
_SEPARATOR = re.compile(r"\s+|,\s*(?=[A-Za-z][A-Za-z0-9+.-]*://)")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")

# Apprise logs why a URL is invalid (quoting parts of it): the one line of NotifyConfigError says it instead.
logging.getLogger("apprise").addHandler(logging.NullHandler())


class NotifyConfigError(ValueError):
    """Bad alert settings: one line for the user, exit 4."""


@dataclass(frozen=True)
class NotifyConfig:
    alert_urls: tuple[str, ...] = field(default=(), repr=False)
    alert_on: str = CHANGE
    remind_every: int = 3
    after: int = 1
    heartbeat_url: str = field(default="", repr=False)
    report_url: str = ""
    setup_alert_urls: tuple[str, ...] = field(default=(), repr=False)

    def secrets(self) -> list[str]:
        """Every URL, and its parts that could show up on their own (a password, a path token)."""
        values = []
        for url in (*self.alert_urls, *self.setup_alert_urls, self.heartbeat_url):
            if not url:
                continue
            parts = urlsplit(url)
            values += [url, parts.password or "", parts.query,
                       *(segment for segment in parts.path.split("/") if len(segment) >= 8)]
            values += [value for _, _, value in (pair.partition("=") for pair in parts.query.split("&"))]
        return [value for value in values if len(value) >= 6]


def split_urls(text: str) -> list[str]:
    return [entry for entry in _SEPARATOR.split(text.strip()) if entry]


def load_config(environ: Mapping[str, str] = os.environ) -> NotifyConfig:
    """The settings, validated: raises NotifyConfigError on the first bad one."""
    urls = tuple(split_urls(environ.get(ALERT_URLS, "")))
    for number, url in enumerate(urls, 1):
        _check_alert_url(ALERT_URLS, number, url)
    setup_urls = tuple(split_urls(environ.get(SETUP_ALERT_URLS, "")))
    for number, url in enumerate(setup_urls, 1):
        _check_alert_url(SETUP_ALERT_URLS, number, url)
    alert_on = environ.get(ALERT_ON, "").strip().lower() or CHANGE
    if alert_on not in MODES:
        raise NotifyConfigError(f"{ALERT_ON} must be one of {', '.join(MODES)} (got {alert_on!r})")
    heartbeat = environ.get(HEARTBEAT_URL, "").strip()
    if heartbeat:
        parts = urlsplit(heartbeat)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise NotifyConfigError(f"{HEARTBEAT_URL} must be an http(s) ping URL, e.g. https://hc-ping.com/<uuid>")
    return NotifyConfig(
        alert_urls=urls, alert_on=alert_on, remind_every=_runs(environ, REMIND_EVERY, 3),
        after=_runs(environ, AFTER, 1), heartbeat_url=heartbeat,
        report_url=environ.get(REPORT_URL_VARIABLE, "").strip(), setup_alert_urls=setup_urls,
    )


def _check_alert_url(variable: str, number: int, url: str) -> None:
    scheme = _SCHEME.match(url)
    where = f"{variable} entry {number}"
    if not scheme:
        raise NotifyConfigError(f"{where} is not a URL (expected e.g. workflows://, mailtos://, slack://, jsons://)")
    import apprise  # here, not at the top: a run without alert URLs never loads it (~0.2 s of every run)

    if apprise.Apprise.instantiate(url) is None:
        raise NotifyConfigError(f"{where} ({scheme.group(1)}://...) is not a valid Apprise URL: "
                                "see https://appriseit.com/services/")


def _runs(environ: Mapping[str, str], name: str, default: int) -> int:
    text = environ.get(name, "").strip()
    if not text:
        return default
    # ASCII digits only: str.isdigit() takes "²" (which int() refuses) and other scripts' digits.
    if not re.fullmatch(r"[0-9]+", text) or int(text) < 1:
        raise NotifyConfigError(f"{name} must be a whole number of runs, 1 or more (got {text!r})")
    return int(text)
