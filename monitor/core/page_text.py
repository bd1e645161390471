"""Text that came from a site (what a page said, an element's name or id, a URL, a title, a browser's
error message, a header) is data, never markup or a command. Each output takes it through one of
these, made for what that output is:

- `recorded`: the run record, the history and Allure's results: printable (no control, escape or
  direction characters), bounded in length with a visible ellipsis; its line breaks kept.
- `line`: the console, a plain-text title: that, on one line.
- `html`: an HTML page: a line, escaped (no tag or attribute can form).
- `markdown`, `markdown_cell`: an alert's body, a job summary: a line in a code span, so that no
  link, image, mention, emphasis or HTML forms from it (a table cell's `|` escaped as GFM needs).
"""

from __future__ import annotations

import html as _html
import re
import unicodedata

RECORDED_MAX = 2000  # a failure's message in run.json, each history line and Allure: a message, not the page
LINE_MAX = 160  # a line of a table, a tooltip, an alert: what a phone shows
ELLIPSIS = "…"
SHOWN_INSTEAD = "�"  # what stands for a character that is not printable

_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
_SPACES = re.compile(r"\s+")
_BACKTICKS = re.compile(r"`+")
# Cc: control (ESC, BEL, NUL), Cf: format (bidirectional overrides, zero-width), Cs: lone surrogates,
# Co: private use, Cn: unassigned, Zl/Zp: line and paragraph separators.
_UNPRINTABLE = frozenset(("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"))


def _printable(text: str) -> str:
    return "".join(char if char == "\n" or char == " " or unicodedata.category(char) not in _UNPRINTABLE
                   else " " if char == "\t" else SHOWN_INSTEAD for char in text)


def bounded(text: str, limit: int) -> str:
    """At most `limit` characters; a cut one ends with an ellipsis."""
    return text if len(text) <= limit else text[:max(limit - 1, 0)] + ELLIPSIS


def recorded(text: object, limit: int = RECORDED_MAX) -> str:
    """For the record: printable, line breaks normalised to "\\n", bounded."""
    text = "" if text is None else str(text)
    return bounded(_printable(_BREAKS.sub("\n", text[:limit * 2])).strip(), limit)


def line(text: object, limit: int = LINE_MAX, first: bool = False) -> str:
    """One printable line: its whitespace runs (line breaks too) one space; `first`: only its first
    non-empty line."""
    text = recorded(text, max(limit, 1) * 2)
    if first:
        text = next((part for part in text.split("\n") if part.strip()), "")
    return bounded(_SPACES.sub(" ", text).strip(), limit)


def html(text: object, limit: int = LINE_MAX, first: bool = False) -> str:
    """A line for HTML, text or attribute value: escaped, quotes too."""
    return _html.escape(line(text, limit, first), quote=True)


def markdown(text: object, limit: int = LINE_MAX, first: bool = False) -> str:
    """A line as a Markdown code span: nothing in it is markup. The fence is longer than any run of
    backticks inside, and a space on each side keeps a backtick at either end in (CommonMark strips one)."""
    shown = line(text, limit, first)
    if not shown:
        return ""
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(shown)), default=0) + 1)
    return f"{fence} {shown} {fence}"


def markdown_cell(text: object, limit: int = LINE_MAX, first: bool = False) -> str:
    """A code span in a GFM table cell: a `|` inside would end the cell, even in a code span."""
    return markdown(text, limit, first).replace("|", "\\|")
