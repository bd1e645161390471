"""The Focus landing page after sign-in, with its profile drop-down at the upper right (Figure 6).

Focus mixes native drop-downs with custom menus, and how its profile switcher is marked up is not
public: a native <select>, or a button that opens a menu of profiles. Either way a parent clicks it
open, then clicks "Parent"; so does the check (through the browser's hit-testing: a page covered by
something a parent cannot close stops it too)."""

from __future__ import annotations

import re

import allure
from playwright.sync_api import Page

from monitor.core.wording import Wording
from pages.actions import needs
from pages.elements import ID, LABEL, NAME, TEXT, Element, Way

# The profile drop-down is the one named for profiles or roles, or the one that offers profiles:
# districts name them ("Parent/Guardian", "School Administrator"), the school-year one offers years.
PROFILE_DROPDOWN = re.compile(r"profile|role", re.I)
PROFILE_WORDS = re.compile(r"\b(parent|guardian|teacher|student|administrator|staff|guidance|counselor)\b", re.I)
# On a narrow screen, responsive pages fold the header's controls behind a button a parent knows as the
# menu ("Menu", "Open menu", "Toggle navigation"); it is closed while aria-expanded is false.
MENU_BUTTON = re.compile(r"^\s*((open|show|toggle)\s+)?(the\s+)?(main\s+)?(menu|navigation)\s*$", re.I)
# A custom switcher: a button that opens a menu (aria-haspopup), its items menu items, options or links.
MENU_OF_CHOICES = "[role=menu], [role=listbox]"
CHOICE_ROLES = ("menuitem", "menuitemradio", "option", "link", "button")


class LandingPage:
    def __init__(self, page: Page, texts: Wording) -> None:
        self.page = page
        self.texts = texts
        # Signed in, by what a person sees (any one will do): the greeting at the start of a text, or a
        # visible control that signs out; the address is the third sign (signed_in_by).
        self.welcome = page.get_by_text(re.compile(rf"^\s*{texts.pattern('signed_in').pattern}", re.I))
        sign_out = texts.pattern("sign_out")
        self.sign_out = page.get_by_role("link", name=sign_out).or_(page.get_by_role("button", name=sign_out))
        self.signed_in = Element("signed_in", f"the greeting ({texts.quote('signed_in')}) or a "
                                              f"{texts.quote('sign_out')} control", "clickable", (
            Way(TEXT, self.welcome),
            Way(NAME, self.sign_out),
        ), (*texts.accepted("signed_in"), *texts.accepted("sign_out")))
        parent = texts.pattern("parent_profile")
        combobox = page.get_by_role("combobox")
        opens_a_menu = page.locator("[aria-haspopup]:not([aria-haspopup=false])")
        self.profile_dropdown = Element("profile_dropdown", "the profile drop-down at the upper right", "dropdown", (
            Way(LABEL, page.get_by_role("combobox", name=PROFILE_DROPDOWN)),
            Way(LABEL, page.get_by_role("button", name=PROFILE_DROPDOWN).and_(opens_a_menu)),
            Way(TEXT, combobox.filter(has=page.get_by_role("option", name=parent))),
            Way(TEXT, combobox.filter(has=page.get_by_role("option", name=PROFILE_WORDS))),
            # A switcher button shows the current profile ("Teacher", "BCPS Parent").
            Way(TEXT, page.get_by_role("button", name=PROFILE_WORDS).and_(opens_a_menu)),
            Way(ID, page.locator("select[name=role]")),  # Focus's own name for it (public pages)
        ), ("Profile", "Role"))
        dropdown = self.profile_dropdown.locator
        menus = page.locator(MENU_OF_CHOICES).filter(visible=True)
        in_menu = menus.get_by_role(CHOICE_ROLES[0], name=parent)
        for role in CHOICE_ROLES[1:]:
            in_menu = in_menu.or_(menus.get_by_role(role, name=parent))
        self.parent_option = Element(
            "parent_profile", f"the {texts.quote('parent_profile')} profile in the drop-down", "option", (
                Way(NAME, dropdown.get_by_role("option", name=parent)),  # a native drop-down's, once it shows
                Way(NAME, in_menu.filter(visible=True)),  # an opened menu's
            ), texts.accepted("parent_profile"))
        # What the drop-down shows as chosen: a native one's selected option, or the switcher button's text.
        self.selected_profile = dropdown.locator("option:checked").or_(dropdown.and_(page.locator(":not(select)")))
        self.closed_menu = page.get_by_role("button", name=MENU_BUTTON, expanded=False).filter(visible=True)

    def elements(self) -> tuple[Element, ...]:
        """Every element the page object finds (the calibration looks for each)."""
        return self.signed_in, self.profile_dropdown, self.parent_option

    def signed_in_by(self, portal_address: str) -> str | None:
        """What shows the user is signed in now: "greeting", "sign-out control" or "address" (None: nothing)."""
        if self.welcome.filter(visible=True).count():
            return "greeting"
        if self.sign_out.filter(visible=True).count():
            return "sign-out control"
        return "address" if portal_address in self.page.url else None

    def reveal_header_controls(self) -> None:
        """A parent on a phone opens the menu to reach the drop-down at the upper right; where it is in
        sight (a desktop window), or there is no closed menu, there is nothing to do."""
        if self.profile_dropdown.locator.count() or not self.closed_menu.count():
            return
        with allure.step("Open the menu: on a narrow screen the header's controls are behind it"):
            self.closed_menu.first.click()

    def _is_native(self) -> bool:
        return self.profile_dropdown.locator.evaluate("element => element.tagName === 'SELECT'")

    def open_profile_choices(self) -> None:
        """Click the drop-down open, as a parent does. (A native drop-down's list is the browser's own
        window, which a click would leave open: the click is only aimed, through the same hit-testing.)"""
        self.reveal_header_controls()
        dropdown = self.profile_dropdown.locator
        with allure.step("Open the profile drop-down at the upper right"), \
                needs("A parent cannot open the profile drop-down at the upper right", self.profile_dropdown):
            if self._is_native():
                dropdown.click(trial=True)
            elif dropdown.get_attribute("aria-expanded") != "true":
                dropdown.click()

    def choose_parent_profile(self) -> None:
        parent = self.texts.quote("parent_profile")
        self.open_profile_choices()
        native = self._is_native()
        with allure.step(f"Choose {parent} in the drop-down at the upper right"), \
                needs(f"Choosing {parent} in the profile drop-down did not open the {parent} profile"), \
                self.page.expect_navigation(), \
                needs(f"The profile drop-down does not let the user choose {parent}", self.parent_option):
            option = self.parent_option.locator
            if native:
                self.profile_dropdown.locator.select_option(option.evaluate("option => option.value"))
            else:
                option.click()

        self.reveal_header_controls()  # the new page's menu is closed again: the parent looks at the choice
