"""The verdicts: the categories of failure the monitor can report, one table, from which the Allure categories, the
console summary, the JUnit properties, the run record, alerts and the exit code all derive (each
verdict's exit code names its run outcome: monitor/core/outcomes.py).

Checks and page objects say which verdict a failure is (`fail`, `CheckFailure`); a
plain failed assertion of a check is the product's fault. Only errors that come from outside
(Playwright, the network) are sorted by their text, as a last resort (`verdict_of`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from monitor.core import outcomes
from monitor.core.exit_codes import MonitorExit


@dataclass(frozen=True)
class Verdict:
    key: str  # stable id: run records, alerts and the release comparison store it
    category: str  # what Allure, the console and alerts call it
    exit_code: MonitorExit
    explanation: str  # one line for QA: what it means and who should act

    @property
    def severity(self) -> int:
        """Which wins when a run has several: its run outcome's severity (monitor/core/outcomes.py)."""
        return outcomes.severity(self.exit_code)

    @property
    def tag(self) -> str:
        """How a failure message starts: the category, in brackets (Allure files it by this)."""
        return f"[{self.category}]"


FORMER_LOGIN_PAGE = Verdict(
    "former_login_page", "Former login page served", MonitorExit.PRODUCT_FAILURE,
    "Parents are shown the old Focus login form: caching or a rollback on the district side.")
UNREACHABLE = Verdict(
    "unreachable", "Site or identity provider unreachable", MonitorExit.SITE_UNREACHABLE,
    "Infrastructure: DNS, network or an outage of Focus or its identity provider.")
CERTIFICATE = Verdict(
    "certificate", "Certificate expired or invalid", MonitorExit.PRODUCT_FAILURE,
    "A host's TLS certificate is expired, not yet valid, for another host or not trusted: parents see a browser "
    "warning instead of the page. The district's IT renews or fixes it.")
SLOW = Verdict(
    "slow", "Too slow", MonitorExit.PRODUCT_FAILURE,
    "A page answered, but slower than the target's fail threshold.")
DID_NOT_FINISH = Verdict(
    "did_not_finish", "Did not finish", MonitorExit.DID_NOT_FINISH,
    "The site held a check past the run's bound (a page or a redirect that never answers): the run was stopped "
    "there so that it has a verdict. Look at the check's page and network in its trace.")
SIGN_IN_REJECTED = Verdict(
    "sign_in_rejected", "Sign-in rejected", MonitorExit.PRODUCT_FAILURE,
    "The account's credentials were refused: an expired password or a broken sign-in.")
PRODUCT = Verdict(
    "product", "Missing or wrong element", MonitorExit.PRODUCT_FAILURE,
    "Something a parent relies on is missing, hidden, wrong or leads to the wrong place.")
ACCESSIBILITY = Verdict(
    "accessibility", "Accessibility regression", MonitorExit.PRODUCT_FAILURE,
    "A page a parent meets breaks a WCAG 2.1 AA rule that its target's policy does not accept.")
SETUP_PROBLEM = Verdict(
    "setup_problem", "Test setup problem", MonitorExit.SETUP_PROBLEM,
    "The monitor's own setup (a saved session, an account, the browser) needs attention, not the product.")
MONITOR_DEFECT = Verdict(
    "monitor_defect", "Monitor defect", MonitorExit.MONITOR_DEFECT,
    "The check itself broke on an error in the monitor's own code: fix the monitor.")

# Allure files a failure under the first category whose pattern matches: the specific ones first.
VERDICTS: tuple[Verdict, ...] = (FORMER_LOGIN_PAGE, UNREACHABLE, CERTIFICATE, SLOW, DID_NOT_FINISH, SIGN_IN_REJECTED,
                                 SETUP_PROBLEM, ACCESSIBILITY, PRODUCT, MONITOR_DEFECT)
BY_KEY = {verdict.key: verdict for verdict in VERDICTS}

# Errors from outside the monitor, recognised by their text (the last resort).
_EXTERNAL = (
    (re.compile(r"net::ERR_|ECONNREFUSED|ECONNRESET"), UNREACHABLE),
    (re.compile(r"Target crashed|Browser closed|browser has been closed|Target page, context or browser"),
     SETUP_PROBLEM),
)


class CheckFailure(AssertionError):
    """A check's failure with its verdict. An AssertionError: Allure shows it as failed, and no
    retry (they are for infrastructure errors only) runs it again."""

    def __init__(self, verdict: Verdict, message: str, about: tuple[object, ...] = ()) -> None:
        super().__init__(message)
        self.verdict = verdict
        # What the failure is about (the page objects' elements): the report adds what the page
        # offered instead of each.
        self.about = about


def fail(verdict: Verdict, message: str) -> None:
    raise CheckFailure(verdict, message)


def verdict_of(error: BaseException) -> Verdict:
    """The verdict of whatever ended a check: its own word, a failed assertion (the product), an
    outside error by its text, else a defect of the monitor."""
    if isinstance(error, CheckFailure):
        return error.verdict
    if isinstance(error, AssertionError):
        return PRODUCT
    text = f"{type(error).__name__}: {error}"
    for pattern, verdict in _EXTERNAL:
        if pattern.search(text):
            return verdict
    return MONITOR_DEFECT


def tagged(verdict: Verdict, message: str) -> str:
    """The message as every reader shows it: starting with its category."""
    return message if message.startswith(verdict.tag) else f"{verdict.tag} {message}"


def run_verdict(verdicts: Iterable[Verdict]) -> Verdict | None:
    """The run's verdict: the highest-ranked of its checks' (None: nothing failed)."""
    return max(verdicts, key=lambda verdict: verdict.severity, default=None)


def exit_code(verdicts: Iterable[Verdict]) -> MonitorExit:
    verdict = run_verdict(verdicts)
    return verdict.exit_code if verdict else MonitorExit.OK


def allure_categories() -> list[dict]:
    """Allure's categories.json: each verdict by its tag; an untagged failure (never expected) last.
    Allure matches the whole "ExceptionType: message": the tag must start the message, so that a tag
    quoted in the page's words further on never files a failure elsewhere."""
    categories = [{"name": verdict.category, "matchedStatuses": ["failed", "broken"],
                   "messageRegex": rf"(?s)(?:[\w.]+: )?{re.escape(verdict.tag)}.*", "description": verdict.explanation}
                  for verdict in VERDICTS]
    return categories + [{"name": MONITOR_DEFECT.category, "matchedStatuses": ["failed", "broken"],
                          "messageRegex": "(?s).*", "description": MONITOR_DEFECT.explanation}]
