"""What a page did while a check ran: console errors, failed requests, and how long each page took,
as the monitor saw its document requests and as the browser's own Performance APIs measured it
(navigation timing, largest contentful paint, cumulative layout shift)."""

from __future__ import annotations

import contextlib
import json
import math
import secrets
import time
from dataclasses import asdict, dataclass, field

from playwright.sync_api import ConsoleMessage, Error, Page, Request

from monitor.core.addresses import parsed, shown
from monitor.core.browser_calls import evaluate

# How a document's figures reach the monitor: a console line of their own (a debug message). A page
# binding did it for 60-80 ms of every check (the binding's setup and a reply to each call); a console
# message is one event. The line starts with a word of the watch's own, which only the script below
# knows (no page script can read it); what follows is read as data all the same (figures_in).
FIGURES_LINE = "focus-monitor-figures"
MAX_FIGURES_LINE = 2000  # a real line is about 300 characters
MAX_DOCUMENTS = 256  # a check's documents with figures: a flow has a handful
# Runs in every document the page loads: observes LCP and CLS from the start (buffered), and reports
# the document's figures to the monitor once loaded and again when it is left (the top document's only).
PERFORMANCE_SCRIPT = """((prefix) => {
  const seen = {lcp: null, cls: 0};
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) seen.lcp = e.startTime; })
      .observe({type: "largest-contentful-paint", buffered: true});
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) seen.cls += e.value;
    }).observe({type: "layout-shift", buffered: true});
  } catch (error) { /* a browser without these entry types: figures stay null */ }
  const figures = () => {
    const nav = performance.getEntriesByType("navigation")[0];
    const at = (value) => (nav && value > 0 ? Math.round(value * 10) / 10 : null);
    return {url: location.href, started: performance.timeOrigin, ttfb_ms: at(nav && nav.responseStart),
            dom_content_loaded_ms: at(nav && nav.domContentLoadedEventEnd), load_ms: at(nav && nav.loadEventEnd),
            lcp_ms: seen.lcp === null ? null : Math.round(seen.lcp * 10) / 10,
            cls: Math.round(seen.cls * 10000) / 10000};
  };
  Object.defineProperty(window, "__focusMonitorFigures", {value: figures});
  const say = console.debug.bind(console);  // the browser's own, taken before any page script can wrap it
  const send = () => { if (window.top === window) say(prefix + JSON.stringify(figures())); };
  addEventListener("load", () => setTimeout(send, 0));
  addEventListener("pagehide", send);
})(PREFIX);"""
# The page's own clock (epoch ms): two readings in two documents of one flow can be subtracted.
PAGE_CLOCK = "() => performance.timeOrigin + performance.now()"
# A document's navigation starts (timeOrigin) before its request does (the browser's clock, epoch ms,
# for both): a little room for the two clocks' rounding.
CLOCK_SLACK_MS = 100


def page_label(url: str) -> str:
    """Host and path: what a person calls the page (the query may carry tokens)."""
    parts = parsed(url)
    return f"{parts.hostname}{parts.path}" if parts else shown(url)


@dataclass
class PageTiming:
    url: str
    seconds: float
    finished: bool  # False: still loading when the check ended
    # The browser's own figures for the document (milliseconds from its navigation start).
    ttfb_ms: float | None = None
    dom_content_loaded_ms: float | None = None
    load_ms: float | None = None
    lcp_ms: float | None = None
    cls: float | None = None
    # When the browser started its request (epoch ms): which of the URL's documents is this visit's.
    started_ms: float | None = None
    redirected: bool = False  # a redirect's hop: no document of its own, so no figures

    @property
    def label(self) -> str:
        return page_label(self.url)

    def as_record(self) -> dict:
        return {"page": self.label, **{key: value for key, value in asdict(self).items()
                                       if key not in ("url", "started_ms", "redirected")}}


@dataclass
class PageWatch:
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    timings: list[PageTiming] = field(default_factory=list)
    # The flow's own moments, in ms (see milestone()).
    milestones: dict[str, float] = field(default_factory=dict)
    # What the flow met and dealt with on the way, as the report says it ("A notice covered ...; closed").
    notices: list[str] = field(default_factory=list)
    _pending: dict[Request, float] = field(default_factory=dict)
    _redirects: set[Request] = field(default_factory=set)  # document requests answered with a redirect
    # Each document's figures, by its navigation start (a document reports again when it is left).
    _figures: dict[float, dict] = field(default_factory=dict)
    _prefix: str = field(default_factory=lambda: f"{FIGURES_LINE} {secrets.token_hex(8)} ")

    def attach(self, page: Page) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(f"uncaught: {error}"))
        page.on("request", self._on_request)
        page.on("requestfinished", self._on_finished)
        page.on("requestfailed", self._on_failed)
        page.on("response", self._on_response)
        page.add_init_script(PERFORMANCE_SCRIPT.replace("PREFIX", json.dumps(self._prefix)))

    def _on_figures(self, figures: dict | None) -> None:
        if figures is not None and (figures["started"] in self._figures or len(self._figures) < MAX_DOCUMENTS):
            self._figures[figures["started"]] = figures

    def read_figures(self, page: Page) -> None:
        """The current document's figures now (its LCP and CLS go on until it is left)."""
        with contextlib.suppress(Error):  # a closed or crashed page keeps the figures it sent
            self._on_figures(checked_figures(evaluate(page, "() => window.__focusMonitorFigures && "
                                                            "window.__focusMonitorFigures()")))

    def page_clock(self, page: Page) -> float:
        return float(evaluate(page, PAGE_CLOCK))

    def milestone(self, page: Page, name: str, since: float | None = None) -> float:
        """A moment of the flow by the page's own clock: ms since `since` (a page_clock() reading), or
        since the current document's navigation started (the entry URL's, through its redirects)."""
        value = self.page_clock(page) - since if since is not None else float(evaluate(page, "() => performance.now()"))
        self.milestones[name] = round(value, 1)
        return value

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "debug" and message.text.startswith(self._prefix):
            self._on_figures(figures_in(message.text[len(self._prefix):]))
        elif message.type in ("error", "warning"):
            self.console_errors.append(f"{message.type}: {message.text}")

    def _on_request(self, request: Request) -> None:
        if request.resource_type == "document":
            self._pending[request] = time.monotonic()

    def _on_finished(self, request: Request) -> None:
        started = self._pending.pop(request, None)
        if started is not None:
            self.timings.append(PageTiming(request.url, time.monotonic() - started, finished=True,
                                           started_ms=_request_start(request),
                                           redirected=request in self._redirects))

    def _on_failed(self, request: Request) -> None:
        self._pending.pop(request, None)
        self.failed_requests.append(f"{request.method} {request.url}: {request.failure}")

    def _on_response(self, response) -> None:
        if 300 <= response.status < 400:
            self._redirects.add(response.request)
        if response.status >= 400:
            self.failed_requests.append(f"{response.request.method} {response.url}: HTTP {response.status}")

    def all_timings(self) -> list[PageTiming]:
        """Finished pages and, for pages still loading, how long they have been loading; each with
        the browser's figures where its document reported them."""
        now = time.monotonic()
        pending = [PageTiming(request.url, now - started, finished=False, started_ms=_request_start(request))
                   for request, started in self._pending.items()]
        timings = []
        for timing in self.timings + pending:
            figures = {} if timing.redirected else self._document_of(timing)
            timings.append(PageTiming(timing.url, round(timing.seconds, 3), timing.finished,
                                      **{key: figures.get(key) for key in _FIGURES}, started_ms=timing.started_ms,
                                      redirected=timing.redirected))
        return timings

    def _document_of(self, timing: PageTiming) -> dict:
        """The figures of the document this visit loaded: of the documents at its URL, the last one
        whose navigation started before its request (a URL visited twice has two documents)."""
        url = _without_fragment(timing.url)
        candidates = [(started, figures) for started, figures in self._figures.items()
                      if _without_fragment(str(figures.get("url", ""))) == url
                      and (timing.started_ms is None or started <= timing.started_ms + CLOCK_SLACK_MS)]
        return max(candidates, key=lambda candidate: candidate[0], default=(0, {}))[1]

    def slowest(self) -> PageTiming | None:
        return max(self.all_timings(), key=lambda timing: timing.seconds, default=None)


_FIGURES = ("ttfb_ms", "dom_content_loaded_ms", "load_ms", "lcp_ms", "cls")


def figures_in(text: str) -> dict | None:
    """A document's figures from its console line (after its prefix); None for anything else."""
    if len(text) > MAX_FIGURES_LINE:
        return None
    try:
        return checked_figures(json.loads(text))
    except (ValueError, RecursionError):  # not JSON, or nested past the parser's depth
        return None


def checked_figures(value: object) -> dict | None:
    """The figures as the script sends them (an address, a start time, each figure a finite number or none);
    None otherwise: what a page hands the monitor is data, and nothing it sends may break the check."""
    if not isinstance(value, dict) or not isinstance(value.get("url"), str):
        return None
    figures: dict = {"url": value["url"]}
    for key in ("started", *_FIGURES):
        number = value.get(key)
        if number is not None and (isinstance(number, bool) or not isinstance(number, int | float)):
            return None
        try:
            figures[key] = None if number is None else float(number)  # a page's huge integer overflows here
        except OverflowError:
            return None
        if figures[key] is not None and not math.isfinite(figures[key]):
            return None
    return figures if figures["started"] is not None else None


def _without_fragment(url: str) -> str:
    return url.split("#", 1)[0]


def _request_start(request: Request) -> float | None:
    """The browser's start time of the request (epoch ms), once it has a response."""
    started = request.timing.get("startTime", 0)
    return started if started > 0 else None
