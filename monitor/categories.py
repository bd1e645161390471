"""Failure categories: one list, used for Allure's categories.json and for the console summary.

Allure takes the first category whose statuses and message pattern match (Java's full match),
so the specific ones come first and the two catch-alls (product regression, test defect) last.
"""

from __future__ import annotations

import re

FORMER_LOGIN_PAGE = "Former login page served"
UNREACHABLE = "Site or identity provider unreachable"
SLOW = "Slow (degraded)"
SIGN_IN_REJECTED = "Sign-in rejected"
SETUP_PROBLEM = "Test setup problem"
PRODUCT_REGRESSION = "Missing or hidden element"
TEST_DEFECT = "Test defect"

# (name, statuses, message pattern, what it means for QA)
CATEGORIES = (
    (FORMER_LOGIN_PAGE, ("failed", "broken"), r"(?s).*former login page.*",
     "Parents are shown the old Focus login form: caching or a rollback on the district side."),
    (UNREACHABLE, ("failed", "broken"), r"(?s).*(Site|Identity provider) unreachable.*",
     "Infrastructure: DNS, network or an outage of Focus or its identity provider."),
    (SLOW, ("failed", "broken"), r"(?s).*Slow:.*",
     "A page answered, but slower than the target's fail threshold."),
    (SIGN_IN_REJECTED, ("failed",), r"(?s).*Sign-in rejected.*",
     "The account's credentials were refused: an expired password or a broken sign-in."),
    (SETUP_PROBLEM, ("failed", "broken"), r"(?s).*(saved session expired|account is not configured).*",
     "The monitor's own setup: an account or saved session needs attention, not the product."),
    (PRODUCT_REGRESSION, ("failed",), r"(?s).*",
     "Something a parent relies on is missing, hidden, wrong or leads to the wrong place."),
    (TEST_DEFECT, ("broken",), r"(?s).*",
     "The check itself broke (an unexpected error, not an assertion): fix the monitor."),
)


def allure_categories() -> list[dict]:
    return [
        {"name": name, "matchedStatuses": list(statuses), "messageRegex": pattern, "description": meaning}
        for name, statuses, pattern, meaning in CATEGORIES
    ]


def classify(status: str, message: str) -> str | None:
    """The category of a failed or broken check, as Allure will show it."""
    for name, statuses, pattern, _ in CATEGORIES:
        if status in statuses and re.fullmatch(pattern, message or ""):
            return name
    return None
