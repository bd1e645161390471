"""A violation in a parent's (and a tester's) words: which element, what is wrong with it.

axe gives each offending element as a CSS selector and an HTML snippet; the snippet says what the
element is to a person ("the Password field", the "Sign in" button)."""

from __future__ import annotations

from html.parser import HTMLParser

from monitor.accessibility.scan import Node, Violation

NO_NAME = "has no accessible name"
# What each common rule means for the element; any other rule is named by axe's own help text.
PHRASES = {
    "label": NO_NAME,
    "button-name": NO_NAME,
    "input-button-name": NO_NAME,
    "link-name": NO_NAME,
    "select-name": NO_NAME,
    "aria-input-field-name": NO_NAME,
    "image-alt": "has no text alternative",
    "html-has-lang": "has no language (no lang attribute on <html>)",
    "html-lang-valid": "has an invalid language (lang attribute)",
    "document-title": "has no title",
}
FIELDS = {"input", "select", "textarea"}
MAX_TEXT = 40


class _FirstElement(HTMLParser):
    """The snippet's outer element: its tag, its attributes and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.tag: str | None = None
        self.attributes: dict[str, str] = {}
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.tag is None:
            self.tag, self.attributes = tag, {name: value or "" for name, value in attrs}

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def element_name(node: Node) -> str:
    parsed = _FirstElement()
    parsed.feed(node.html)
    tag, attributes = parsed.tag or "", parsed.attributes
    text = " ".join(" ".join(parsed.text).split())[:MAX_TEXT]
    role = attributes.get("role", "")
    if tag == "html":
        return "the page"
    if tag in FIELDS and attributes.get("type") not in ("submit", "button", "reset"):
        name = attributes.get("placeholder") or attributes.get("name") or attributes.get("id")
        kind = "drop-down" if tag == "select" else "field"
        return f"the {name} {kind}" if name else f"a {kind} ({node.selector})"
    if tag == "button" or role == "button" or attributes.get("type") in ("submit", "button"):
        label = text or attributes.get("value") or attributes.get("title")
        return f"the \"{label}\" button" if label else f"an icon-only button ({node.selector})"
    if tag == "a" or role == "link":
        return f"the \"{text}\" link" if text else f"a link without text ({node.selector})"
    if tag == "img":
        return f"an image ({node.selector})"
    return f"the text \"{text}\"" if text else f"the element {node.selector}"


def problem(violation: Violation, node: Node) -> str:
    if violation.rule == "color-contrast" and node.contrast is not None:
        return f"has text contrast of {node.contrast:.2f}:1, below {node.expected_contrast or '4.5:1'}"
    return PHRASES.get(violation.rule, f"breaks \"{violation.help}\" ({violation.rule})")


def sentence(violation: Violation, node: Node, page_label: str) -> str:
    """E.g. 'the Password field has no accessible name (WCAG 4.1.2), sign-in page'."""
    wcag = f" (WCAG {', '.join(violation.criteria)})" if violation.criteria else ""
    return f"{element_name(node)} {problem(violation, node)}{wcag}, {page_label}"
