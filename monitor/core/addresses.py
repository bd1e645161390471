"""Addresses the site gives (a redirect's Location, a link, a request's URL) are the site's words: one
that cannot be parsed (`http://[oops/`) is the site's failure to report, never an error of the
monitor's own (urllib raises ValueError on it)."""

from __future__ import annotations

from urllib.parse import SplitResult, urljoin, urlsplit


def parsed(url: str) -> SplitResult | None:
    """The URL's parts; None for one that cannot be opened."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - a bad port ("http://host:99999/") raises only here
    except ValueError:
        return None
    return parts


def host(url: str) -> str | None:
    parts = parsed(url)
    return parts.hostname if parts else None


def joined(base: str, location: str) -> str:
    """Where a redirect leads; the Location as given when either cannot be parsed (the next hop says so)."""
    try:
        return urljoin(base, location)
    except ValueError:
        return location


def shown(url: str) -> str:
    """Host and path for people, without the query (it may carry tokens): the text before `?` or `#`
    of an address that cannot be parsed."""
    parts = parsed(url)
    if parts is None:
        return url.split("?")[0].split("#")[0]
    return f"{parts.scheme}://{parts.netloc}{parts.path}"
