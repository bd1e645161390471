"""`make screenshots` (python -m docs.screenshots): every picture in docs/img from the current code,
against replicas started here: the replica's pages, and the monitor's own output from real runs (the
report's overview, a failed check, the trend, the report by target, an accessibility failure), each
masked as the product masks it. Takes a few minutes: several runs of the checks, one at a time."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from monitor.core.browsers import executable_for
from monitor.core.paths import ROOT, TARGETS_FILE
from replica import Replica
from replica.accounts import default_accounts
from replica.screenshots import shoot

OUT = ROOT / "docs" / "img"
REPORT_VIEWPORT = {"width": 1400, "height": 1250}
QUICK = ("--video=off", "--tracing=off", "-p", "no:cacheprovider")
# The runs behind the trend, oldest first: the last one's failure is the failed check's picture.
NIGHTS = ("healthy", "slow", "healthy", "schoology-link-missing")


def targets_file(folder: Path, urls: dict[str, str]) -> Path:
    """The project's targets file with one district a replica, each a copy of the replica target."""
    text = TARGETS_FILE.read_text(encoding="utf-8")
    replica_block = "[targets.replica]" + text.split("[targets.replica]", 1)[1].split("\n[targets.", 1)[0]
    blocks = [replica_block.replace("[targets.replica]", f"[targets.{name}]", 1)
              .replace('entry_url = ""', f'entry_url = "{url}"', 1) for name, url in urls.items()]
    path = folder / "targets.toml"
    path.write_text(text + "\n" + "\n".join(blocks), encoding="utf-8")
    return path


def monitor(reports: Path, targets: Path, *args: str) -> None:
    env = {**os.environ, **default_accounts(), "FOCUS_REPORTS_DIR": str(reports)}
    run = subprocess.run([sys.executable, "-m", "monitor", f"--targets-file={targets}", *QUICK, *args], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=900)
    if not (reports / "allure-report" / "index.html").is_file():
        raise SystemExit(f"screenshots: no report built (exit {run.returncode}):\n{run.stdout[-3000:]}{run.stderr}")


def open_failed_check(page: Page, reports: Path) -> None:
    """The run's first failed check in the report's Suites tree, found by the run record's words."""
    record = json.loads((reports / "run.json").read_text(encoding="utf-8"))
    check = next(check for check in record["checks"] if check["status"] in ("failed", "broken"))
    open_report(page, reports, "#suites")
    # The tree's levels: the target (parent suite), the check's module, the check.
    levels = [record["target"], Path(check["id"].split("::")[0]).stem, check["title"]]
    for name, below in zip(levels, levels[1:], strict=False):
        if not page.get_by_text(below, exact=True).first.is_visible():  # this node is closed
            page.get_by_text(name, exact=True).first.click()
    page.get_by_text(check["title"], exact=True).first.click()


def open_report(page: Page, reports: Path, route: str = "") -> None:
    """The single-file report (the folder's index.html needs a web server: browsers load no data from file://)."""
    page.goto("about:blank")  # else a new report at the same path, only the #route changed, is not loaded
    page.goto((reports / "focus-login-monitor.html").as_uri() + route)
    # Allure's app is drawn once its side menu is (waiting for the network to idle can time out on
    # a file:// page that embeds every attachment).
    page.get_by_text("Overview", exact=True).first.wait_for()
    page.wait_for_timeout(500)  # its charts animate in


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        executable = executable_for(pw.chromium.executable_path, None, headless=True)
    for path in shoot(OUT, executable):  # the replica's own pages (replica/screenshots.py)
        print(path)
    with tempfile.TemporaryDirectory() as tmp, Replica() as first, Replica() as second, sync_playwright() as pw:
        folder = Path(tmp)
        targets = targets_file(folder, {"district-a": first.entry_url, "district-b": second.entry_url})
        browser = pw.chromium.launch(**({"executable_path": executable} if executable else {}))
        page = browser.new_page(viewport=REPORT_VIEWPORT)
        reports = folder / "reports"
        # Nights of one target: the trend, the overview and a failed check from the last one.
        for scenario in NIGHTS:
            first.set_scenario(scenario)
            monitor(reports, targets, "--target=district-a")
        first.set_scenario("healthy")
        shutil.copy(reports / "trend.svg", OUT / "trend.svg")
        open_report(page, reports)
        save(page, "report-overview.png")
        open_failed_check(page, reports)
        expand(page, "Full page at the failure")
        save(page, "report-failed-check.png")
        # An accessibility failure, with the violations table attached to it.
        first.set_scenario("a11y-unlabeled-password")
        shutil.rmtree(reports)
        monitor(reports, targets, "--target=district-a", "-m", "a11y")
        first.set_scenario("healthy")
        open_failed_check(page, reports)
        expand(page, "Accessibility violations")
        save(page, "report-accessibility.png")
        # Two targets, one report: grouped by target.
        shutil.rmtree(reports)
        monitor(reports, targets, "--target=district-a", "--target=district-b", "-m", "smoke")
        open_report(page, reports, "#suites")
        save(page, "report-by-target.png")
        browser.close()


def expand(page: Page, attachment: str) -> None:
    """Open an attachment of the check shown, and bring it into view."""
    row = page.get_by_text(attachment, exact=True).first
    row.click()
    row.scroll_into_view_if_needed()


def save(page: Page, name: str) -> None:
    page.wait_for_timeout(500)  # Allure's panels slide in
    page.screenshot(path=str(OUT / name))
    print(OUT / name)


if __name__ == "__main__":
    main()
