"""One axe-core run over a page, as the parent sees it, at the WCAG 2.0/2.1 A and AA rules.

axe-core comes inside the axe-playwright-python wheel: no network is needed, on any target."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the violations' data is read by commands that never open a page (the cli's start)
    from playwright.sync_api import Page

WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": list(WCAG_TAGS)}, "resultTypes": ["violations"]}
# axe's tag for a success criterion: wcag143 is 1.4.3, wcag1412 is 1.4.12.
_CRITERION = re.compile(r"^wcag(\d)(\d)(\d{1,2})$")


@dataclass(frozen=True)
class Node:
    """One offending element."""

    selector: str
    html: str
    summary: str  # axe's "Fix any of the following: ..."
    contrast: float | None = None  # color-contrast: the measured ratio
    expected_contrast: str | None = None


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    help_url: str
    criteria: tuple[str, ...]
    nodes: tuple[Node, ...]


@dataclass(frozen=True)
class ScanResult:
    violations: tuple[Violation, ...]
    raw: dict  # axe's own result, attached to the report as it is
    seconds: float

    @property
    def engine(self) -> str:
        engine = self.raw.get("testEngine", {})
        return f"{engine.get('name', 'axe-core')} {engine.get('version', '?')}"


def scan(page: Page) -> ScanResult:
    # Its style sheets and scripts in place: a half-styled page would show contrasts no parent sees.
    page.wait_for_load_state("load")
    started = time.monotonic()
    from axe_playwright_python.sync_playwright import Axe

    raw = Axe().run(page, options=AXE_OPTIONS).response
    return ScanResult(violations_of(raw), raw, time.monotonic() - started)


def violations_of(raw: dict) -> tuple[Violation, ...]:
    """The violations of an axe result (also of one saved to a file)."""
    return tuple(
        Violation(
            rule=item["id"],
            impact=item.get("impact") or "minor",
            help=item.get("help", ""),
            help_url=item.get("helpUrl", ""),
            criteria=criteria(item.get("tags", [])),
            nodes=tuple(_node(node) for node in item.get("nodes", [])),
        )
        for item in raw.get("violations", [])
    )


def criteria(tags: list[str]) -> tuple[str, ...]:
    return tuple(".".join(match.groups()) for tag in tags if (match := _CRITERION.match(tag)))


def _node(node: dict) -> Node:
    # A target is a CSS selector; inside frames or shadow roots, a list of them.
    selector = " >> ".join(part if isinstance(part, str) else " >>> ".join(part) for part in node.get("target", []))
    data = next((check.get("data") for check in node.get("any", []) if isinstance(check.get("data"), dict)), {})
    ratio = data.get("contrastRatio")
    return Node(selector=selector, html=node.get("html", ""), summary=node.get("failureSummary", ""),
                contrast=float(ratio) if isinstance(ratio, int | float) else None,
                expected_contrast=data.get("expectedContrastRatio"))
