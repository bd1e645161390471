"""What a check looks for on a page, as a parent perceives it: an element found in one or more ways
(by its accessible name, its label, its rendered text; B2C's standard ids last), and what the page
offered instead when none of them found it exactly once.

The ways are tried together (one locator, their union): a page that marks an element up in any of
them passes, and an element found in two ways is still one element. Two elements are a failure.
Only what is shown counts, in every way (ids and names too): a hidden copy of a control (a help
form, a session-timeout form) is neither the element nor a second one. Texts are matched as the
browser renders them for a person (`rendered_text`): a title and a line break before a sentence
are two lines, not one glued word.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol

from playwright.sync_api import Error, Locator, Page, Playwright

from monitor.core.browser_calls import evaluate
from monitor.core.redact import STUDENT_DATA_REMOVED
from monitor.core.verdicts import PRODUCT, CheckFailure
from monitor.core.wording import Wording

# How an element was found, best first: what a person perceives, then B2C's standard markup.
NAME, LABEL, TEXT, ID = "name", "label", "text", "id"
MAX_CANDIDATES = 10
STRICT = "strict mode violation"
PRIVATE_MARK = "data-monitor-private"
# A selector engine: the smallest elements whose rendered text (innerText: line breaks and blocks
# separate words, hidden text left out) matches a pattern. Playwright's text engine reads textContent,
# where "<b>Schoology</b><br>Please click here" is the one word "SchoologyPlease".
RENDERED = "rendered-text"
_RENDERED_ENGINE = """{
  queryAll(root, body) {
    const { source, flags } = JSON.parse(body);
    const pattern = new RegExp(source, flags);
    const skipped = new Set(["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT", "HEAD", "TITLE"]);
    const scope = root.nodeType === Node.ELEMENT_NODE ? [root] : [];
    const hits = new Set([...scope, ...root.querySelectorAll("*")].filter(
      (el) => !skipped.has(el.tagName) && pattern.test(el.innerText || "")));
    return [...hits].filter((el) => ![...el.children].some((child) => hits.has(child)));
  }
}"""

# The elements a page offers, by kind: what a person could take for the one that was looked for.
_KINDS = {
    "clickable": "a[href], button, input[type=button], input[type=submit], [role=button], [role=link], "
                 "[role=menuitem]",
    "field": "input:not([type=hidden]):not([type=button]):not([type=submit]):not([type=checkbox])"
             ":not([type=radio]), textarea, [role=textbox]",
    "dropdown": "select, [role=combobox], [role=listbox], [aria-haspopup]",
    "option": "option, [role=option], [role=menuitem], [role=menuitemradio]",
    "text": "h1, h2, h3, h4, h5, h6, [role=heading], legend, label, p, a[href], button, [role=link]",
    "message": "[role=alert], [role=status], [aria-live], .error, [class*=rror], [class*=essage], "
               ".verificationInfoText, .verificationSuccessText, .verificationErrorText",
}
# Runs in the page: each visible element of a kind with its role, accessible name (the usual
# sources, in ARIA's order: labelledby, aria-label, <label>, alt/title/placeholder, text, value) and id.
_OFFERED = """([selector, privateMark, messagesOnly]) => {
  const implicit = (el) => {
    const tag = el.tagName.toLowerCase(), type = (el.getAttribute("type") || "").toLowerCase();
    if (tag === "a") return "link";
    if (tag === "button" || (tag === "input" && ["button", "submit", "image"].includes(type))) return "button";
    if (tag === "select") return el.multiple || el.size > 1 ? "listbox" : "combobox";
    if (tag === "input") return type === "password" ? "password field" : "textbox";
    if (tag === "textarea") return "textbox";
    if (/^h[1-6]$/.test(tag)) return "heading";
    return { option: "option", p: "paragraph", label: "label", legend: "legend" }[tag] || tag;
  };
  const clean = (text) => (text || "").replace(/\\s+/g, " ").trim();
  const rendered = (el) => (el ? el.innerText ?? el.textContent : "");  // what a person reads
  const name = (el) => {
    const ids = el.getAttribute("aria-labelledby");
    if (ids) {
      const text = ids.split(/\\s+/).map((id) => rendered(document.getElementById(id))).join(" ");
      if (clean(text)) return clean(text);
    }
    if (clean(el.getAttribute("aria-label"))) return clean(el.getAttribute("aria-label"));
    const label = (el.id && document.querySelector(`label[for="${CSS.escape(el.id)}"]`)) || el.closest("label");
    if (label && label !== el && clean(rendered(label))) return clean(rendered(label));
    for (const attribute of ["alt", "title", "placeholder"]) {
      if (clean(el.getAttribute(attribute))) return clean(el.getAttribute(attribute));
    }
    if (el.tagName === "SELECT") return "";
    return clean(rendered(el)) || clean(el.value);
  };
  const shown = (el) => el.tagName === "OPTION" || el.checkVisibility();
  const hidden = `[${privateMark}], [aria-hidden=true]`;
  return [...document.querySelectorAll(selector)]
    .filter((el) => shown(el) && !el.closest(hidden) && !el.querySelector(`[${privateMark}]`))
    .filter((el) => !messagesOnly || !el.querySelector("input, button, select"))  // a message, not a form
    .map((el) => ({ role: el.getAttribute("role") || implicit(el), name: name(el).slice(0, 120), id: el.id }));
}"""
_MARK_PRIVATE = "(elements, mark) => elements.forEach((element) => element.setAttribute(mark, ''))"


def see_as_rendered(playwright: Playwright) -> None:
    """Teach this Playwright the rendered-text engine (once; before or after pages are opened)."""
    try:
        playwright.selectors.register(RENDERED, _RENDERED_ENGINE)
    except Error as error:
        if "already registered" not in str(error):
            raise


def rendered_text(scope: Page | Locator, pattern: re.Pattern[str]) -> Locator:
    """The elements in `scope` whose text, as rendered for a person, matches `pattern` (the smallest ones)."""
    flags = "i" if pattern.flags & re.IGNORECASE else ""
    return scope.locator(f"{RENDERED}={json.dumps({'source': pattern.pattern, 'flags': flags})}")


def union(locators: list[Locator]) -> Locator:
    """One locator for the elements any of them matches (at least one)."""
    joined = locators[0]
    for locator in locators[1:]:
        joined = joined.or_(locator)
    return joined


@dataclass(frozen=True)
class Way:
    how: str  # NAME, LABEL, TEXT or ID
    locator: Locator


@dataclass(frozen=True)
class Element:
    """Something a check relies on: what it is to a parent, the kind of thing it is, the ways it is
    found, and the texts it should carry (they rank what the page offered instead by likeness)."""

    key: str
    description: str
    kind: str
    ways: tuple[Way, ...]
    wanted: tuple[str, ...] = ()

    @property
    def anywhere(self) -> Locator:
        """Every way together, shown or not (calibration tells "hidden" from "missing" with it)."""
        return union([way.locator for way in self.ways])

    @property
    def locator(self) -> Locator:
        """What the checks use: every way together, shown elements only."""
        return self._counted(self.anywhere)

    def _counted(self, locator: Locator) -> Locator:
        # A native drop-down's options are never "shown" until it opens: their ways look inside a
        # shown drop-down instead (and a menu's items are filtered as shown where they are found).
        return locator if self.kind == "option" else locator.filter(visible=True)

    @property
    def page(self) -> Page:
        return self.ways[0].locator.page

    def found_by(self) -> str | None:
        """The first way that finds it shown (calibration says which), None if none does."""
        return next((way.how for way in self.ways if self._counted(way.locator).count()), None)


class PageObject(Protocol):
    def elements(self) -> tuple[Element, ...]:
        """Every element the page object finds."""


def text_element(page: Page, texts: Wording, key: str, description: str, kind: str = "text",
                 name: str | None = None) -> Element:
    """A text a parent reads (a heading, a sentence, a message), in the target's wording: a heading
    by its name, anything else by its rendered text. `name`: the element's, if not the text's."""
    pattern = texts.pattern(key)
    return Element(name or key, f"{description} ({texts.quote(key)})", kind, (
        Way(NAME, page.get_by_role("heading", name=pattern)),
        Way(TEXT, rendered_text(page, pattern)),
    ), texts.accepted(key))


@dataclass(frozen=True)
class Offered:
    role: str
    name: str
    id: str

    def __str__(self) -> str:
        return f"{self.role} \"{self.name}\"" + (f" #{self.id}" if self.id else "")


def offered_instead(element: Element, private_locators: tuple[str, ...] = ()) -> list[Offered]:
    """The page's elements of the same kind, most like the one wanted first (at most ten), leaving out
    every element that identifies a student or a parent (the target's private locators)."""
    page = element.page
    private = [page.locator(selector) for selector in private_locators]
    texts = private_texts(page, private_locators)
    for locator in private:
        locator.evaluate_all(_MARK_PRIVATE, PRIVATE_MARK)
    found = evaluate(page, _OFFERED, [_KINDS[element.kind], PRIVATE_MARK, element.kind == "message"])
    offered = []
    for item in found:
        name = item["name"]
        name = without_private_texts(name, texts)
        offered.append(Offered(item["role"], name, item["id"]))
    unique = list(dict.fromkeys(offered))
    unique.sort(key=lambda candidate: _likeness(candidate, element.wanted), reverse=True)
    return unique[:MAX_CANDIDATES]


def private_texts(page: Page, private_locators: tuple[str, ...]) -> list[str]:
    """What identifies a student or a parent, as text that may be shown elsewhere too (a student's name in
    a menu): every line of two or more words in the target's private locators, the longest first."""
    return sorted({line.strip() for selector in private_locators for text in page.locator(selector).all_inner_texts()
                   for line in text.splitlines() if len(line.split()) >= 2}, key=len, reverse=True)


def without_private_texts(text: str, texts: list[str]) -> str:
    for private in texts:
        text = text.replace(private, STUDENT_DATA_REMOVED)
    return text


def _likeness(candidate: Offered, wanted: tuple[str, ...]) -> float:
    name = candidate.name.lower()
    return max((difflib.SequenceMatcher(None, name, text.lower()).ratio() for text in wanted), default=0.0)


def summary(element: Element, offered: list[Offered]) -> str:
    """The failure message's last line."""
    if not offered:
        return f"Instead of {element.description}, the page offered no {element.kind} at all."
    return f"Instead of {element.description}, the page offered: " + "; ".join(str(item) for item in offered)


@contextmanager
def about(*elements: Element) -> Iterator[None]:
    """The expectations inside are about these elements: their failure is the product's (unless it
    says otherwise) and names them, so that the report can add what the page offered instead. A
    locator that matched more than one thing is such a failure too, not a defect of the monitor."""
    try:
        yield
    except CheckFailure as failure:
        failure.about = failure.about or elements
        raise
    except (AssertionError, Error) as error:  # expect() says a strict mode violation as an AssertionError
        text = str(error)
        if STRICT in text:
            described = " / ".join(element.description for element in elements)
            where = next(line for line in text.splitlines() if STRICT in line)
            raise CheckFailure(PRODUCT, f"More than one thing on the page looks like {described} ({where})",
                               elements) from None
        if not isinstance(error, AssertionError):
            raise
        raise CheckFailure(PRODUCT, text, elements) from None
