"""The Focus landing page after sign-in, with its profile drop-down at the upper right (Figure 6)."""

from __future__ import annotations

import re

import allure
from playwright.sync_api import Page

from pages.actions import needs

# The drop-down is the one that offers Focus profiles (the school-year one offers years).
PROFILE_NAMES = re.compile(r"^\s*(Parent|Teacher|Student|Administrator|Staff)\s*$")


class LandingPage:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.welcome = page.get_by_text(re.compile(r"^\s*Welcome,"))
        self.profile_dropdown = page.get_by_role("combobox").filter(
            has=page.get_by_role("option", name=PROFILE_NAMES)
        )
        self.selected_profile = self.profile_dropdown.locator("option:checked")

    def profile_option(self, profile: str):
        return self.profile_dropdown.get_by_role("option", name=profile, exact=True)

    def choose_profile(self, profile: str) -> None:
        with allure.step(f"Choose \"{profile}\" in the drop-down at the upper right"), \
                needs(f"Choosing {profile} in the profile drop-down did not open the {profile} profile"), \
                self.page.expect_navigation(), \
                needs(f"The profile drop-down does not let the user choose {profile}"):
            self.profile_dropdown.select_option(label=profile)
