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


# What every address the patterns find has just before it: the two slashes come after "=" (an
# attribute), "(" (url) or "import", with the spaces, one quote and a scheme the patterns allow between.
_SCHEME_BEFORE = re.compile(r"https?:\Z", re.I)
_OPENER_BEFORE = re.compile(r"(?:[=(]|import)\Z", re.I)


def _could_load(markup: str) -> bool:
    """False when no address can be there: the patterns find none then. A report's single file is
    megabytes of embedded scripts that the patterns walk through character by character (a fifth of a
    second of every build); its double slashes are a few hundred, each looked at here from its end."""
    slashes = markup.find("//")
    while slashes != -1:
        scheme = _SCHEME_BEFORE.search(markup, max(0, slashes - 6), slashes)
        for end in {slashes, scheme.start() if scheme else slashes}:
            end = _before_spaces(markup, end)
            if end and markup[end - 1] in "\"'":
                end = _before_spaces(markup, end - 1)
            if _OPENER_BEFORE.search(markup, max(0, end - 6), end):
                return True
        slashes = markup.find("//", slashes + 1)
    return False


def _before_spaces(markup: str, end: int) -> int:
    while end and markup[end - 1].isspace():
        end -= 1
    return end


def third_party(markup: str) -> list[str]:
    """Every address outside the file that the markup would load, in order, once each."""
    if not _could_load(markup):
        return []
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
