"""`python -m monitor.commands.calibrate --target NAME` (make calibrate TARGET=NAME): before the first night
on a new site, walk every page the checks visit, with the accounts the target has and the checks' own
actions, on each of the target's devices, and say for each element the checks rely on whether it was
found with the checks' own locator (every way together, shown elements only), how (name, label, text,
or an id fallback), how many shown things matched, and, where not exactly one, what the page offered
instead. What it reports found exactly once, the checks find exactly once on the same site.

Prints the table and writes it to reports/calibration.md, redacted as everything else (passwords,
cookies, tokens; nothing that identifies a student). Exit 0: every element found exactly once; 1:
some were not (change the target's texts in targets.toml, see docs/calibration.md); 4: bad input; 10: the
site cannot be reached.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Error, Page, sync_playwright

from monitor.core import page_text
from monitor.core.accounts import Account, MissingAccount, load_account, secrets_of
from monitor.core.browsers import context_args, executable_for
from monitor.core.catalogue import elements_on
from monitor.core.exit_codes import MonitorExit
from monitor.core.paths import REPORTS, TARGETS_FILE
from monitor.core.redact import Redactor
from monitor.core.secret_shapes import secret_problems
from monitor.core.targets import Target, TargetError, at_replica_url, resolve_target
from monitor.core.verdicts import CheckFailure
from monitor.core.wording import Wording
from monitor.probes.certificates import trusting_args
from monitor.probes.preflight import check_reachable
from monitor.replica_start import reachable, stand_in_accounts
from pages.elements import Element, PageObject, offered_instead, see_as_rendered
from pages.focus_entry import FocusEntry
from pages.landing_page import LandingPage
from pages.parent_portal import ParentPortal
from pages.sign_in_page import SignInPage
from pages.sign_up_page import SignUpPage

OUTPUT = REPORTS / "calibration.md"
# The page objects of the pages whose elements the checks rely on (the catalogue's pages).
PAGE_OBJECTS: dict[str, Callable[[Page, Wording], PageObject]] = {
    "sign-in": SignInPage, "sign-up": SignUpPage, "landing": LandingPage, "portal": ParentPortal}


@dataclass
class Row:
    page: str
    element: str
    found: str  # "yes", "no", "hidden", "N matches", or why it was not looked for
    how: str = "-"
    matches: int = 0
    candidates: list[str] = field(default_factory=list)
    # The element's description, as a check's failure names it ("Instead of <description>, ...").
    description: str = ""

    @property
    def ok(self) -> bool:
        return self.found == "yes"


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m monitor.commands.calibrate", description=__doc__.splitlines()[0])
    parser.add_argument("--target", default=None, help="a target of targets.toml (default: replica)")
    parser.add_argument("--base-url", default=None, help="any URL, with the expectations of --target (or live)")
    parser.add_argument("--targets-file", default=str(TARGETS_FILE), help="another targets file")
    parser.add_argument("--replica-url", default=None, help="a replica already running (python -m replica)")
    parser.add_argument("--output", default=str(OUTPUT), help="where the table goes (default: reports/calibration.md)")
    return parser.parse_args(argv)


def look(page_name: str, element: Element, target: Target, wait: bool = True) -> Row:
    """One element: waits for it as a check would, then counts what the check's own locator finds (every
    way together, shown elements only), and which way found it."""
    locator = element.locator
    if wait:
        with contextlib.suppress(Error):  # not there: counted as none below
            locator.first.wait_for(state="attached", timeout=target.timeout_ms)
    shown = locator.count()
    row = Row(page_name, element.key, "yes" if shown == 1 else f"{shown} matches" if shown else
              "hidden" if element.anywhere.count() else "no", element.found_by() or "-", shown,
              description=element.description)
    if not row.ok:
        row.candidates = [str(item) for item in offered_instead(element, target.private_locators)]
    return row


def walk(target: Target, new_page: Callable[[], Page]) -> list[Row]:
    """Every page a check visits, each in a fresh context as the checks open it; on each, the elements
    the checks rely on (the catalogue's), each after what a parent does before it shows."""
    texts, rows = target.texts, []
    page = new_page()
    FocusEntry(page, target.entry_url).open()
    sign_in = SignInPage(page, texts)
    rows += look_all("sign-in", sign_in, target)
    registered = _account(target, "registered")
    sign_up = SignUpPage(page, texts)
    if _found(rows, "sign-in", "sign_up_link") and (stopped := _stopped(sign_in.start_sign_up)) is None:

        def send_code(rows: list[Row]) -> str | None:
            if registered is None:
                return _why_not(registered, "registered")
            if not (_found(rows, "sign-up", "email") and _found(rows, "sign-up", "send_code_button")):
                return "not reached (the sign-up form is incomplete)"
            stopped = _stopped(sign_up.sign_up, registered.email)
            return f"not reached ({stopped})" if stopped else None

        rows += look_all("sign-up", sign_up, target, before={"already_exists": send_code})
    else:
        why = stopped if _found(rows, "sign-in", "sign_up_link") else "no sign-up link"
        rows += _not_looked_for("sign-up", f"not reached ({why})")
    page.context.close()
    rows += _signed_in(target, new_page, "employee", "landing", before={
        # As the check does: on a narrow screen (or a folded header) the drop-down is behind the menu,
        "profile_dropdown": lambda page, rows: LandingPage(page, target.texts).reveal_header_controls(),
        # and a parent clicks the drop-down open before the Parent profile can show.
        "parent_profile": lambda page, rows: _open_profile_choices(page, target, rows)})
    rows += _signed_in(target, new_page, "parent", "portal")
    return rows


def look_all(page_name: str, page_object: PageObject, target: Target,
             before: Mapping[str, Callable[[list[Row]], str | None]] | None = None,
             judged: Mapping[str, Row] | None = None) -> list[Row]:
    """The elements the checks rely on, on one page, in the page object's order. The first is waited for
    as a check waits, and so is one that `before` shows (what a parent does first: None when done, else
    why the element is not looked for); the others are on the page by then. `judged`: rows already known."""
    rows: list[Row] = []
    relied_on = elements_on(page_name)
    for element in (element for element in page_object.elements() if element.key in relied_on):
        action = (before or {}).get(element.key)
        why_not = action(rows) if action else None
        if element.key in (judged or {}):
            rows.append(judged[element.key])
        elif why_not:
            rows.append(Row(page_name, element.key, why_not))
        else:
            rows.append(look(page_name, element, target, wait=not rows or action is not None))
    return rows


def _found(rows: list[Row], page_name: str, key: str) -> bool:
    return any(row.ok for row in rows if (row.page, row.element) == (page_name, key))


def _open_profile_choices(page: Page, target: Target, rows: list[Row]) -> None:
    if _found(rows, "landing", "profile_dropdown"):
        with contextlib.suppress(CheckFailure):  # it could not be opened: the option is then not found
            LandingPage(page, target.texts).open_profile_choices()


def _signed_in(target: Target, new_page: Callable[[], Page], role: str, page_name: str,
               before: Mapping[str, Callable[[Page, list[Row]], None]] | None = None) -> list[Row]:
    account = _account(target, role)
    if account is None or account.password is None:
        return _not_looked_for(page_name, _why_not(account, role))
    page = new_page()
    FocusEntry(page, target.entry_url).open()
    sign_in = SignInPage(page, target.texts)
    stopped = _stopped(sign_in.sign_in, account)
    if stopped:
        page.context.close()
        return _not_looked_for(page_name, f"not reached ({stopped})")
    landing = LandingPage(page, target.texts)
    with contextlib.suppress(Error):  # no greeting or sign-out control: the address may still say it
        sign_in.left.locator(landing.signed_in.locator).filter(visible=True).first.wait_for(timeout=target.timeout_ms)
    how = landing.signed_in_by(target.portal_address)
    if how is None:
        rows = _not_looked_for(page_name, f"not reached (the {role} account did not reach Focus)")
    else:
        # Which sign of being signed in the landing page gave: the greeting, a sign-out control, or the address.
        judged = {"signed_in": Row(page_name, "signed_in", "yes", how, 1)}
        actions = {key: _acting(action, page) for key, action in (before or {}).items()}
        rows = look_all(page_name, PAGE_OBJECTS[page_name](page, target.texts), target, actions, judged)
    page.context.close()
    return rows


def _acting(action: Callable[[Page, list[Row]], None], page: Page) -> Callable[[list[Row]], None]:
    return lambda rows: action(page, rows)


def _not_looked_for(page_name: str, why: str) -> list[Row]:
    """A row for each element the checks rely on on a page the walk could not look at, and why."""
    return [Row(page_name, key, why) for key in elements_on(page_name)]


def _stopped(action: Callable[..., None], *args: object) -> str | None:
    """A page-object action the page stopped, as it stops a check: its first line (in a parent's words)."""
    try:
        action(*args)
    except CheckFailure as failure:
        return str(failure).splitlines()[0]
    return None


def _account(target: Target, role: str) -> Account | None:
    try:
        return load_account(target, role, stand_in=stand_in_accounts(target))
    except MissingAccount:
        return None


def _why_not(account: Account | None, role: str) -> str:
    return f"not looked for (no {role} account)" if account is None else f"not looked for (the {role} account " \
        "has only a saved session)"


def table(target: Target, rows: list[Row]) -> str:
    lines = [f"# Calibration of {target.name} ({target.shown_url})", "",
             "| page | element | found | by | matches | what the page offered instead |",
             "| --- | --- | --- | --- | ---: | --- |"]
    for row in rows:
        # What the page offered is the page's own text: each an inert code span, one line, bounded.
        offered = "; ".join(map(page_text.markdown_cell, row.candidates)) if row.candidates else "-"
        lines.append(f"| {row.page} | {row.element} | {row.found} | {row.how} | {row.matches} | {offered} |")
    missed = [row for row in rows if not row.ok]
    lines += ["", f"{len(rows) - len(missed)} of {len(rows)} elements found exactly once."]
    return "\n".join(lines) + "\n"


def measure(target: Target) -> list[Row]:
    """The walk on each of the target's devices (the checks run on each: so does this), in a browser
    of its own; the target is reachable."""
    with sync_playwright() as playwright:
        see_as_rendered(playwright)
        executable = executable_for(playwright.chromium.executable_path, None, headless=True)
        browser = playwright.chromium.launch(headless=True, executable_path=executable,
                                             args=trusting_args(target.ca_bundle_path))
        rows = []
        for device in target.devices:

            def new_page(device: str = device) -> Page:
                context = browser.new_context(**context_args(device, playwright.devices))
                context.set_default_timeout(target.timeout_ms)
                return context.new_page()

            walked = walk(target, new_page)
            if len(target.devices) > 1:
                for row in walked:
                    row.page = f"{row.page} ({device})"
            rows += walked
        browser.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    try:
        target = resolve_target(args.target, args.base_url, Path(args.targets_file))
        target = at_replica_url(target, args.replica_url)
    except TargetError as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return MonitorExit.BAD_INPUT
    problems = secret_problems(target, stand_in=stand_in_accounts(target))  # the table is redacted with them
    if problems:
        print(f"ERROR: {problems[0]}", file=sys.stderr)
        return MonitorExit.BAD_INPUT
    with reachable(target) as target:
        preflight = check_reachable(target.entry_url, target.connect_timeout_s, 2 * target.fail_after_s)
        if not preflight.ok:
            print(f"ERROR: {preflight.message}", file=sys.stderr)
            return MonitorExit.SITE_UNREACHABLE
        rows = measure(target)
    text = Redactor(secrets_of(target, stand_in=stand_in_accounts(target))).text(table(target, rows))
    print(text, end="")
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    print(f"written to {output}")
    return MonitorExit.OK if all(row.ok for row in rows) else MonitorExit.PRODUCT_FAILURE


if __name__ == "__main__":
    sys.exit(main())
