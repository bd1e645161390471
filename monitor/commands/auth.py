"""`make auth ACCOUNT=employee TARGET=live`: a person signs in once, the checks reuse the session.

Opens a headed Chrome at the target's entry URL; the person signs in (Microsoft or Google, MFA
included); once the Focus landing page greets them, the browser's storage state is saved to
.auth/<target>-<account>.json (FOCUS_AUTH_DIR: another folder), readable by its owner only. For the
replica, --automate signs the replica's test employee in through the Microsoft stand-in (there is
no person in a test).
"""

from __future__ import annotations

import argparse
import json
import sys

from playwright.sync_api import Error, expect, sync_playwright

from monitor.core.accounts import MissingAccount, load_account
from monitor.core.browsers import executable_for
from monitor.core.exit_codes import MonitorExit
from monitor.core.roles import SESSION_ROLES
from monitor.core.sessions import session_file, write_private
from monitor.core.targets import Target, TargetError, resolve_target, validate_url
from monitor.replica_start import stand_in_accounts
from pages.elements import see_as_rendered
from pages.focus_entry import FocusEntry
from pages.landing_page import LandingPage
from pages.sign_in_page import SignInPage
from pages.social_stand_in import ProviderStandIn

HUMAN_TIMEOUT_MS = 5 * 60 * 1000  # a person, with a phone for the MFA prompt


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="make auth", description=__doc__.splitlines()[0])
    parser.add_argument("--account", required=True, choices=SESSION_ROLES)
    parser.add_argument("--target", default="live")
    parser.add_argument("--replica-url", help="the running replica's entry URL (python -m replica)")
    parser.add_argument("--provider", default="Microsoft", choices=("Microsoft", "Google"))
    parser.add_argument("--automate", action="store_true", help="replica only: sign in without a person")
    return parser.parse_args(argv)


def resolve(args: argparse.Namespace) -> Target:
    target = resolve_target(args.target, None)
    if target.is_replica:
        if not args.replica_url:
            raise TargetError("the replica's sessions live in its process: start `python -m replica` and "
                              "pass --replica-url")
        target = target.with_entry_url(validate_url(args.replica_url))
    elif args.automate:
        raise TargetError("--automate is for the replica only: on a real site a person signs in")
    return target


def save_session(target: Target, role: str, provider: str, automate: bool) -> str:
    account = load_account(target, role, stand_in=stand_in_accounts(target)) if automate else None
    with sync_playwright() as playwright:
        see_as_rendered(playwright)
        executable = executable_for(playwright.chromium.executable_path, None, headless=automate)
        browser = playwright.chromium.launch(headless=automate, executable_path=executable)
        context = browser.new_context()
        page = context.new_page()
        FocusEntry(page, target.entry_url).open()
        if automate:
            SignInPage(page, target.texts).provider_button(provider).locator.click()
            ProviderStandIn(page).sign_in(account)
        else:
            print(f"Sign in as the {role} account in the browser window (with {provider}); waiting up to 5 minutes.")
        signed_in = LandingPage(page, target.texts).signed_in.locator.filter(visible=True).first
        expect(signed_in).to_be_visible(timeout=HUMAN_TIMEOUT_MS if not automate else 30_000)
        path = write_private(session_file(target.name, role), json.dumps(context.storage_state()))
        browser.close()
    return str(path)


def main(argv: list[str]) -> int:
    try:
        args = parse(argv)
        path = save_session(resolve(args), args.account, args.provider, args.automate)
    except (TargetError, MissingAccount) as error:
        print(f"auth: {error}", file=sys.stderr)
        return MonitorExit.BAD_INPUT
    except (Error, AssertionError) as error:
        print(f"auth: no session saved: {str(error).splitlines()[0]}", file=sys.stderr)
        return MonitorExit.SETUP_PROBLEM
    print(f"auth: session saved to {path} (owner-only); the checks for this account now use it")
    return MonitorExit.OK


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
