"""Student privacy in what a run keeps: the student-identifying parts of Focus's pages (the target's
private_locators) are solid boxes in every screenshot and blanked in the page HTML of a failure."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

from PIL import Image

from monitor.core.exit_codes import MonitorExit
from monitor.core.redact import STUDENT_DATA_REMOVED
from replica import Replica
from selftest.monitor_runs import run_checks

MASK_COLOUR = (255, 0, 255)  # Playwright's default mask colour
MASK_TOLERANCE = 40  # a JPEG screenshot ("What the parent saw") shifts each channel a little
SCREENSHOTS = ("What the parent saw", "Full page at the failure")
# At least a student card's area (about 300 x 100 px) of mask, per screenshot.
MIN_MASKED_PIXELS = 20_000


def test_a_student_name_is_in_no_attachment_and_masked_in_screenshots(tmp_path) -> None:
    """And after a release renames the student card's class (its private locator, which matched on
    the portal in the first run, matches nothing): the allow-list still hides the card, the pictures of
    the page are withheld, and the report and the console say why."""
    student = f"Zelda Canary{secrets.token_hex(4)}"  # made up for this run: found only where it leaked
    with Replica(student_name=student) as replica:
        replica.set_scenario("schoology-link-missing")  # a failure on the portal: its HTML is attached
        run = run_checks(replica.entry_url, tmp_path / "allure-results", "-k", "test_parent_portal_links_to_schoology")
        _first_run_is_masked(run, student)
        replica.set_student_card_class("card pupil")  # the next night, same history
        renamed = run_checks(replica.entry_url, tmp_path / "allure-results", "-k",
                             "test_parent_portal_links_to_schoology")
    renamed.assert_completed(MonitorExit.PRODUCT_FAILURE, checks={"schoology"})
    attachments = _attachments(renamed)
    assert not set(SCREENSHOTS) & set(attachments), sorted(attachments)
    said = attachments["Screenshots withheld"].read_text(encoding="utf-8")
    assert "private locator(s) .card.student matched on this page before and match nothing now" in said
    assert "Screenshots of this signed-in page withheld" in renamed.output  # the console's warnings summary
    html = attachments["Page HTML"].read_text(encoding="utf-8")
    assert 'class="card pupil"' in html and "Dumbarton Middle School" not in html
    kept = [*renamed.results_dir.iterdir(), *(tmp_path / "test-results").rglob("*")]
    leaked = [path.name for path in kept if path.is_file() and student.encode() in path.read_bytes()]
    assert leaked == []


def _first_run_is_masked(run, student: str) -> None:
    run.assert_completed(MonitorExit.PRODUCT_FAILURE, checks={"schoology"})
    attachments = _attachments(run)
    html = attachments["Page HTML"].read_text(encoding="utf-8")
    assert STUDENT_DATA_REMOVED in html and "Dumbarton Middle School" not in html
    leaked = [path.name for path in run.results_dir.iterdir() if student.encode() in path.read_bytes()]
    assert leaked == []
    for name in SCREENSHOTS:
        with Image.open(attachments[name]) as image:
            masked = sum(1 for pixel in image.convert("RGB").get_flattened_data() if _is_mask(pixel))
        assert masked >= MIN_MASKED_PIXELS, f"{name}: only {masked} masked pixels"


def _attachments(run) -> dict[str, Path]:
    attachments = {}
    for path in run.results_dir.glob("*-result.json"):
        for attachment in json.loads(path.read_text(encoding="utf-8")).get("attachments", []):
            attachments[attachment["name"]] = run.results_dir / attachment["source"]
    return attachments


def _is_mask(pixel: tuple[int, int, int]) -> bool:
    return all(abs(channel - mask) <= MASK_TOLERANCE for channel, mask in zip(pixel, MASK_COLOUR, strict=True))
