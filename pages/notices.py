"""What a district puts over a page after sign-in: a notice a parent reads and closes (Close, OK,
Dismiss, Continue, ×), or terms the account must accept (Accept, I agree, I acknowledge, Sign)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import allure
from playwright.sync_api import Locator, Page

from monitor.core import page_text
from monitor.core.wording import Wording

# The controls that close a notice, by their accessible name ("×" alone, or "Close" as its aria-label).
CLOSE = re.compile(r"^\W*(close|ok|okay|dismiss|continue)\b[\w\s]*$|^\s*[×✕✖]\s*$", re.I)
# The controls that accept terms on the account's behalf: never pressed unless the target names one.
ACCEPT = re.compile(r"^\W*(accept|i\s+agree|i\s+acknowledge|sign(?!\s*(in|out|up|off)\b))\b", re.I)
# A notice's title, as a person reads it: its label, its first heading, or its first line.
_TITLE = """(dialog) => {
  const clean = (text) => (text || "").replace(/\\s+/g, " ").trim();
  const ids = dialog.getAttribute("aria-labelledby");
  const labelled = ids && ids.split(/\\s+/).map((id) => document.getElementById(id)?.textContent).join(" ");
  const heading = dialog.querySelector("h1, h2, h3, h4, [role=heading]");
  const line = (dialog.innerText || "").split("\\n").map(clean).find((text) => text && !/^[×✕✖]$/.test(text));
  return (clean(labelled) || clean(dialog.getAttribute("aria-label")) || clean(heading?.textContent) || line
          || "(untitled)").slice(0, 120);
}"""


@dataclass(frozen=True)
class Notice:
    """One notice over the page: the dialog, its title, and the controls a person could press."""

    dialog: Locator
    title: str

    def controls(self, name: re.Pattern[str]) -> Locator:
        return self.dialog.get_by_role("button", name=name).or_(self.dialog.get_by_role("link", name=name)).filter(
            visible=True)

    @property
    def accept(self) -> Locator:
        return self.controls(ACCEPT)

    @property
    def close(self) -> Locator:
        return self.controls(CLOSE)


class Notices:
    def __init__(self, page: Page, texts: Wording) -> None:
        self.page = page
        self.texts = texts
        # A dialog over the page (Focus's notices and terms are modal dialogs; an overlay is one too).
        self.shown = page.get_by_role("dialog").or_(page.get_by_role("alertdialog")).or_(
            page.locator("[aria-modal=true]")).filter(visible=True)

    def current(self) -> list[Notice]:
        """The notices over the page now, each with its title."""
        return [Notice(dialog, dialog.evaluate(_TITLE)) for dialog in self.shown.all()]

    def accept_named(self, notice: Notice) -> Locator | None:
        """The control the target allows the monitor to press on the account's behalf (accept_notice)."""
        named = self.texts.pattern_or_none("accept_notice")
        return notice.controls(named) if named else None

    def close(self, notice: Notice) -> None:
        """Close it as a parent would: a click that goes through the browser's hit-testing."""
        with allure.step(f"Close the notice {page_text.line(notice.title)!r}"):
            notice.close.first.click()

    def accept(self, notice: Notice, control: Locator) -> None:
        said = page_text.line(control.first.inner_text())
        with allure.step(f"Accept {page_text.line(notice.title)!r} with {said!r} (the target allows it)"):
            control.first.click()
