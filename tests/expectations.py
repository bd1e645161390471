"""An expectation about one element, said once: the element brings its description (the page object's),
the check says where a parent looks for it and, if it helps, what its absence costs them. The failure
message is written from both ("The Password field is missing or hidden in the myBCPS section"), and
the failure is the product's, about that element (the report adds what the page offered instead)."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Locator, expect

from pages.elements import Element, about


@dataclass(frozen=True)
class ElementExpectation:
    element: Element
    where: str
    consequence: str
    locator: Locator

    def message(self, problem: str) -> str:
        said = f"{self.element.description} {problem}" + (f" {self.where}" if self.where else "")
        said = said[:1].upper() + said[1:]
        return f"{said}: {self.consequence}" if self.consequence else said

    def to_be_visible(self) -> None:
        """Shown, exactly once (an option of a native drop-down is never "shown": there, once)."""
        with about(self.element):
            if self.element.kind == "option":
                expect(self.locator, self.message("is missing, or there more than once")).to_have_count(1)
            else:
                expect(self.locator, self.message("is missing or hidden")).to_be_visible()

    def to_be_enabled(self) -> None:
        """Shown, and a parent can use it."""
        self.to_be_visible()
        with about(self.element):
            expect(self.locator, self.message("is disabled")).to_be_enabled()


def expect_element(element: Element, where: str = "", consequence: str = "",
                   locator: Locator | None = None) -> ElementExpectation:
    """`where`: where a parent looks for it ("on the login page"); `consequence`: what they cannot do
    without it; `locator`: the element's locator as the check narrows it (of several links, the one to
    Schoology), the element's own by default."""
    return ElementExpectation(element, where, consequence, element.locator if locator is None else locator)
