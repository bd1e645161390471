"""The Focus parent portal (support page, Figure 8)."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from monitor.core.wording import Wording
from pages.elements import NAME, TEXT, Element, Way, text_element


class ParentPortal:
    def __init__(self, page: Page, texts: Wording) -> None:
        self.page = page
        # The sentence a parent reads ("Please click here to access Schoology"), and the link they click:
        # the whole sentence, a part of it ("Please <a>click here</a> to access Schoology"), or around it.
        self.schoology_sentence = text_element(page, texts, "schoology_link", "the Schoology sentence",
                                               name="schoology_sentence")
        pattern = texts.pattern("schoology_link")
        sentence_text = page.get_by_text(pattern)
        self.schoology_links = Element("schoology_link", f"the link of {texts.quote('schoology_link')}", "clickable", (
            Way(NAME, page.get_by_role("link", name=pattern)),
            Way(TEXT, sentence_text.get_by_role("link")),
            Way(TEXT, page.get_by_role("link").filter(has=sentence_text)),
        ), texts.accepted("schoology_link"))

    def schoology_link(self, schoology_host: str) -> Locator:
        """The sentence's link; of several, the one that leads to Schoology (once the sentence shows)."""
        links = self.schoology_links.locator
        to_schoology = links.and_(self.page.locator(f"[href*='{schoology_host}']"))
        return to_schoology if links.count() > 1 and to_schoology.count() else links
