"""What a page did while a check ran: console errors, failed requests, and how long each page took."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import ConsoleMessage, Page, Request


@dataclass
class PageTiming:
    url: str
    seconds: float
    finished: bool  # False: still loading when the check ended

    @property
    def label(self) -> str:
        parts = urlsplit(self.url)
        return f"{parts.hostname}{parts.path}"


@dataclass
class PageWatch:
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    timings: list[PageTiming] = field(default_factory=list)
    _pending: dict[Request, float] = field(default_factory=dict)

    def attach(self, page: Page) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(f"uncaught: {error}"))
        page.on("request", self._on_request)
        page.on("requestfinished", self._on_finished)
        page.on("requestfailed", self._on_failed)
        page.on("response", self._on_response)

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            self.console_errors.append(f"{message.type}: {message.text}")

    def _on_request(self, request: Request) -> None:
        if request.resource_type == "document":
            self._pending[request] = time.monotonic()

    def _on_finished(self, request: Request) -> None:
        started = self._pending.pop(request, None)
        if started is not None:
            self.timings.append(PageTiming(request.url, time.monotonic() - started, finished=True))

    def _on_failed(self, request: Request) -> None:
        self._pending.pop(request, None)
        self.failed_requests.append(f"{request.method} {request.url}: {request.failure}")

    def _on_response(self, response) -> None:
        if response.status >= 400:
            self.failed_requests.append(f"{response.request.method} {response.url}: HTTP {response.status}")

    def all_timings(self) -> list[PageTiming]:
        """Finished pages and, for pages still loading, how long they have been loading."""
        now = time.monotonic()
        pending = [PageTiming(request.url, now - started, finished=False) for request, started in self._pending.items()]
        return self.timings + pending

    def slowest(self) -> PageTiming | None:
        return max(self.all_timings(), key=lambda timing: timing.seconds, default=None)
