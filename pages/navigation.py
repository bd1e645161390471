"""Follow where a click leads, as the browser goes, hop by hop: redirects, a page that answers and
then moves on by itself (an auto-submitting form, a script launcher), a new tab. The first request
to one of the wanted hosts is stopped there (the monitor never signs in to a provider or to
Schoology); any other place it ends is described by host and path (never the query: it carries
tokens), the status it answered and its title, so a broken launcher, a dead link and a link to the
wrong site read differently.

(Playwright routes only the first request of a redirect chain, so the route itself walks the chain.)
"""

from __future__ import annotations

import contextlib
import html
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import allure
from playwright.sync_api import Error, Page, Request, Route

from monitor.core.addresses import host, joined, parsed, shown

POLL_MS = 50
MAX_HOPS = 10
# A page that answered may still move on by itself (an auto-submitting form, a launcher's script):
# the walk ends there only when no navigation followed within this long.
SETTLE_S = 1.5
TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
TITLE_CHARS = 80


@dataclass
class Hop:
    """Where a click led: the main-frame navigations, and the first URL on a wanted host."""

    chain: list[str] = field(default_factory=list)
    reached: str | None = None
    # The last page that answered (not a redirect) or did not answer, before a wanted host.
    landed: str | None = None
    status: int | None = None
    title: str = ""
    error: str = ""  # why a hop got no answer (a host that does not resolve, a refused connection)
    # An address on the way that cannot be opened (it does not parse): the site's failure.
    unopenable: str | None = None

    @property
    def destination(self) -> str:
        """Where the click led instead: host and path, and what that place said."""
        where = self.landed or (self.chain[-1] if self.chain else None)
        if not where:
            return "nowhere (no navigation started)"
        place = shown(where)
        if self.unopenable:
            return place
        if self.error:
            return f"{place}, which did not answer ({self.error})"
        if self.status is None:
            return place
        said = f"HTTP {self.status}" + (f", titled \"{self.title}\"" if self.title else ", untitled")
        kind = "an error page" if self.status >= 400 else "a page"
        return f"{kind} at {place} ({said})"


def _main_frame_navigation(request: Request) -> bool:
    if not request.is_navigation_request():
        return False
    try:
        return request.frame.parent_frame is None
    except Error:  # a new tab's first navigation is issued before its frame exists
        return True


def _title_of(body: str) -> str:
    found = TITLE.search(body)
    return " ".join(html.unescape(found.group(1)).split())[:TITLE_CHARS] if found else ""


def follow_click(page: Page, step: str, click: Callable[[], None], hosts: tuple[str, ...], timeout_s: float) -> Hop:
    """Do `click` and follow the navigation it starts, in this tab or a new one, until a request to one
    of `hosts` (or a subdomain), stopped there; or until it rests elsewhere, or `timeout_s` passes."""
    hop = Hop()
    context = page.context
    last_answer = [0.0]

    def wanted(url: str) -> bool:
        name = host(url) or ""
        return any(name == wanted or name.endswith("." + wanted) for wanted in hosts)

    def walk(route: Route) -> None:
        """Never lets an error escape: a route left unanswered would leave the navigation hanging."""
        try:
            follow(route)
        except Error as error:  # the page or its context closed meanwhile: nothing left to answer
            hop.landed, hop.error = hop.landed or route.request.url, str(error).splitlines()[0][:120]
            last_answer[0] = time.monotonic()
        except Exception as error:  # noqa: BLE001 - a fault of the walk: the hop fails, naming the URL
            hop.landed, hop.error = hop.landed or route.request.url, f"{type(error).__name__}: {error}"[:120]
            last_answer[0] = time.monotonic()
            with contextlib.suppress(Error):
                route.abort()

    def follow(route: Route) -> None:
        request = route.request
        if hop.reached or not _main_frame_navigation(request):
            route.fallback()
            return
        url, method = request.url, None
        for _ in range(MAX_HOPS):
            if parsed(url) is None:
                hop.unopenable = hop.landed = url
                last_answer[0] = time.monotonic()
                route.abort()
                return
            if wanted(url):
                hop.reached = url
                route.abort()
                return
            hop.chain.append(url)
            hop.landed, hop.status, hop.title, hop.error = url, None, "", ""
            try:
                response = route.fetch(url=url, method=method, max_redirects=0)
            except Error as error:  # the hop leads to a host that does not answer
                hop.error = str(error).splitlines()[0].removeprefix("Route.fetch: ")[:120]
                last_answer[0] = time.monotonic()
                route.abort()
                return
            location = response.headers.get("location")
            if not (300 <= response.status < 400 and location):
                hop.status = response.status
                hop.title = _title_of(response.text()) if "html" in response.headers.get("content-type", "") else ""
                last_answer[0] = time.monotonic()
                route.fulfill(response=response)
                return
            url, method = joined(url, location), "GET"
        last_answer[0] = time.monotonic()
        route.abort()

    with allure.step(step):
        context.route("**/*", walk)
        try:
            click()
            deadline = time.monotonic() + timeout_s
            while not hop.reached and not hop.unopenable and time.monotonic() < deadline:
                if last_answer[0] and time.monotonic() - last_answer[0] > SETTLE_S:
                    break
                page.wait_for_timeout(POLL_MS)
        finally:
            context.unroute("**/*", walk)
    return hop
