"""The Focus parent portal (support page, Figure 8)."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from monitor.core.wording import Wording
from pages.actions import needs
from pages.elements import NAME, TEXT, Element, Way, rendered_text, text_element
from pages.navigation import Hop, follow_click


class ParentPortal:
    def __init__(self, page: Page, texts: Wording) -> None:
        self.page = page
        self.texts = texts
        # The sentence a parent reads ("Please click here to access Schoology"), and the link they click:
        # the whole sentence, a part of it ("Please <a>click here</a> to access Schoology"), or around it.
        # A link or a button: what it is made of does not matter to a parent, where it leads does.
        self.schoology_sentence = text_element(page, texts, "schoology_link", "the Schoology sentence",
                                               name="schoology_sentence")
        pattern = texts.pattern("schoology_link")
        sentence_text = rendered_text(page, pattern)
        self.schoology_links = Element("schoology_link", f"the link of {texts.quote('schoology_link')}", "clickable", (
            Way(NAME, page.get_by_role("link", name=pattern)),
            Way(NAME, page.get_by_role("button", name=pattern)),
            Way(TEXT, sentence_text.get_by_role("link")),
            Way(TEXT, sentence_text.get_by_role("button")),
            Way(TEXT, page.get_by_role("link").filter(has=sentence_text)),
        ), texts.accepted("schoology_link"))

    def elements(self) -> tuple[Element, ...]:
        """Every element the page object finds (the calibration looks for each)."""
        return self.schoology_sentence, self.schoology_links

    def schoology_link(self, schoology_host: str) -> Locator:
        """The sentence's link; of several, the one whose address names Schoology (once the sentence shows)."""
        links = self.schoology_links.locator
        to_schoology = links.and_(self.page.locator(f"[href*='{schoology_host}']"))
        return to_schoology if links.count() > 1 and to_schoology.count() else links

    def follow_schoology_link(self, schoology_host: str, timeout_s: float) -> Hop:
        """Click the link as a parent does and follow where it leads, hop by hop (redirects, a single
        sign-on launcher, an auto-submitting form, a new tab), up to the first request to Schoology,
        which is stopped there: the monitor never signs in to Schoology."""
        sentence = self.texts.quote("schoology_link")
        link = self.schoology_link(schoology_host)
        step = f"Click {sentence} and follow it to {schoology_host} (stopped there, no sign-in)"
        return follow_click(self.page, step, lambda: _click(link, sentence, self.schoology_links),
                            (schoology_host,), timeout_s)


def _click(link: Locator, sentence: str, element: Element) -> None:
    with needs(f"A parent cannot click {sentence}", element):
        link.click()
