"""Student privacy in what a run keeps: the student-identifying parts of Focus's pages (the target's
private_locators) are solid boxes in every screenshot and blanked in the page HTML of a failure."""

from __future__ import annotations

import json
import secrets

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
    student = f"Zelda Canary{secrets.token_hex(4)}"  # made up for this run: found only where it leaked
    with Replica(student_name=student) as replica:
        replica.set_scenario("schoology-link-missing")  # a failure on the portal: its HTML is attached
        run = run_checks(replica.entry_url, tmp_path / "allure-results", "-k", "test_parent_portal_links_to_schoology")
    run.assert_completed(MonitorExit.PRODUCT_FAILURE, checks={"schoology"})
    attachments = {}
    for path in run.results_dir.glob("*-result.json"):
        for attachment in json.loads(path.read_text(encoding="utf-8")).get("attachments", []):
            attachments[attachment["name"]] = run.results_dir / attachment["source"]
    html = attachments["Page HTML"].read_text(encoding="utf-8")
    assert STUDENT_DATA_REMOVED in html and "Dumbarton Middle School" not in html
    leaked = [path.name for path in run.results_dir.iterdir() if student.encode() in path.read_bytes()]
    assert leaked == []
    for name in SCREENSHOTS:
        with Image.open(attachments[name]) as image:
            masked = sum(1 for pixel in image.convert("RGB").get_flattened_data() if _is_mask(pixel))
        assert masked >= MIN_MASKED_PIXELS, f"{name}: only {masked} masked pixels"


def _is_mask(pixel: tuple[int, int, int]) -> bool:
    return all(abs(channel - mask) <= MASK_TOLERANCE for channel, mask in zip(pixel, MASK_COLOUR, strict=True))
