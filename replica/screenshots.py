"""python -m replica.screenshots: take the README's screenshots of the replica with Chromium."""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from replica.accounts import PARENT_EMAIL, PARENT_PASSWORD, REGISTERED_EMAIL
from replica.server import Replica

OUT_DIR = Path(__file__).resolve().parent.parent / "docs" / "img"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
VIEWPORT = {"width": 1280, "height": 800}
PHONE = "Pixel 7"


def phone_portal(browser, device: dict, replica: Replica, out_dir: Path) -> Path:
    """The parent portal on a phone (its phone layout), its Menu button opened."""
    emulation = {key: value for key, value in device.items() if key != "default_browser_type"}
    page = browser.new_context(**emulation).new_page()
    accounts = replica.account_values
    page.goto(replica.entry_url)
    page.fill("#signInName", accounts[PARENT_EMAIL])
    page.fill("#password", accounts[PARENT_PASSWORD])
    page.click("#next")
    page.locator("#parent-portal").wait_for()
    page.get_by_role("button", name="Menu").click()
    return save(page, out_dir / "replica-phone-portal.png")


def shoot(out_dir: Path, executable: str) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    shots = []
    with Replica() as replica, sync_playwright() as playwright:
        accounts = replica.account_values
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page: Page = browser.new_page(viewport=VIEWPORT)

        page.goto(replica.entry_url)
        page.locator("#next").wait_for()
        shots.append(save(page, out_dir / "replica-sign-in.png"))

        page.click("#createAccount")
        page.fill("#email", accounts[REGISTERED_EMAIL])
        page.click("#emailVerificationControl_but_send_code")
        page.locator("#claimVerificationServerError").wait_for(state="visible")
        shots.append(save(page, out_dir / "replica-sign-up-error.png"))

        page.context.clear_cookies()
        page.goto(replica.entry_url)
        page.fill("#signInName", accounts[PARENT_EMAIL])
        page.fill("#password", accounts[PARENT_PASSWORD])
        page.click("#next")
        page.locator("#parent-portal").wait_for()
        shots.append(save(page, out_dir / "replica-parent-portal.png"))
        shots.append(phone_portal(browser, playwright.devices[PHONE], replica, out_dir))
        browser.close()
    return shots


def save(page: Page, path: Path) -> Path:
    page.screenshot(path=str(path))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m replica.screenshots", description=__doc__)
    parser.add_argument("--out", type=Path, default=OUT_DIR, help=f"folder for the PNGs (default: {OUT_DIR})")
    parser.add_argument("--chromium", default=CHROMIUM, help="Chromium executable")
    args = parser.parse_args()
    for path in shoot(args.out, args.chromium):
        print(path)


if __name__ == "__main__":
    main()
