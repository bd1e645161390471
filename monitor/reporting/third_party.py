"""What in an HTML file the project writes would load something from elsewhere: a script, style sheet,
font, image or frame with an http(s):// address. The report and the status page may show a parent's
portal or be published: opening them must tell no one (an analytics service, a font host) about it.

A plain scan of the markup and its inline CSS: Allure's single file embeds its own scripts and data,
so anything that names another host in one of these places is a request the file would make.
"""

from __future__ import annotations

import re
from pathlib import Path

# Put first in a page the project keeps (a failure's page HTML, opened later from the report): the
# snapshot shows the page's markup and inline styles, and loads and runs nothing (the site's scripts,
# its analytics, a provider's CDN).
KEPT_PAGE_POLICY = ('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
                    'style-src \'unsafe-inline\'; img-src data:">')
_HEAD = re.compile(r"<head\b[^>]*>", re.I)

# <script src>, <link href> (style sheets, fonts, icons, preloads), <img>/<iframe>/<frame>/<embed>/
# <source>/<video>/<audio>/<input type=image> src, <object data>, and srcset.
_ELEMENT = re.compile(
    r"""<(?P<tag>script|link|img|iframe|frame|embed|source|video|audio|track|object|input|image|use)\b"""
    r"""[^>]*?\b(?:src|href|data|srcset|xlink:href|poster)\s*=\s*["']?\s*(?P<url>(?:https?:)?//[^"'\s>]+)""",
    re.I)
# CSS: url(...) and @import, in <style> or style="..." (fonts come this way).
_CSS = re.compile(r"""(?:url\(\s*["']?|@import\s+["']?)\s*(?P<url>(?:https?:)?//[^"')\s;]+)""", re.I)


def third_party(markup: str) -> list[str]:
    """Every address outside the file that the markup would load, in order, once each."""
    found = [match.group("url") for pattern in (_ELEMENT, _CSS) for match in pattern.finditer(markup)]
    return list(dict.fromkeys(found))


def third_party_in(path: Path) -> list[str]:
    return third_party(path.read_text(encoding="utf-8", errors="replace"))


def loading_nothing(markup: str) -> str:
    """A kept copy of a page that, opened, requests nothing: the policy goes before anything else in it."""
    head = _HEAD.search(markup)
    if head:
        return markup[:head.end()] + KEPT_PAGE_POLICY + markup[head.end():]
    return KEPT_PAGE_POLICY + markup
