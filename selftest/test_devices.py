"""Devices: the names and their emulation, a target's `devices`, and the device as part of a
check's identity in the record, the history, the tables, alerts and the release comparison. The runs
on a phone are the detection matrix's (test_detection_matrix.py: test_the_checks_work_on_a_phone)."""

from __future__ import annotations

import dataclasses
import json
from types import SimpleNamespace

import jsonschema
import pytest

from fixtures.devices import check_id
from monitor.core.browsers import (
    DEFAULT_DEVICE,
    LOCALE,
    VIEWPORT,
    context_args,
    device_descriptors,
    device_problem,
    devices_given,
)
from monitor.core.targets import TargetError, load_targets
from monitor.data.record import RUN_RECORD_SCHEMA, RunRecord
from monitor.notify.config import NotifyConfig
from monitor.notify.decision import decide
from monitor.notify.message import body
from monitor.release.compare import REGRESSION, compare
from monitor.reporting import console, job_summary
from selftest.monitor_runs import SELFTEST_TARGETS
from selftest.notify_helpers import run_record

PHONE = "Pixel 7"


def on_devices(record: RunRecord, failing_on_phone: set[int] = frozenset()) -> RunRecord:
    """The record's checks on the desktop and on a phone, the phone's `failing_on_phone` failed."""
    phone = [dataclasses.replace(check, device=PHONE) for check in record.checks]
    for index in failing_on_phone:
        phone[index] = dataclasses.replace(phone[index], status="failed", category="Missing or wrong element",
                                           verdict="product", message="[Missing or wrong element] the menu is gone")
    desktop = [dataclasses.replace(check, device=DEFAULT_DEVICE) for check in record.checks]
    return dataclasses.replace(record, checks=desktop + phone, exit_code=1 if failing_on_phone else record.exit_code,
                               outcome="failed" if failing_on_phone else record.outcome)


def test_the_desktop_keeps_its_window_and_a_phone_takes_chromiums_part_of_its_descriptor() -> None:
    assert context_args(DEFAULT_DEVICE, {}) == {"viewport": VIEWPORT, "locale": LOCALE}
    phone = context_args(PHONE, device_descriptors())
    assert set(phone) == {"viewport", "device_scale_factor", "is_mobile", "has_touch", "user_agent", "locale"}
    assert phone["is_mobile"] and phone["has_touch"] and phone["viewport"]["width"] < 500
    assert "iPhone" in context_args("iPhone 15", device_descriptors())["user_agent"]


def test_an_unknown_device_is_one_line_with_the_nearest_and_a_few_known() -> None:
    assert device_problem([DEFAULT_DEVICE, PHONE, "iPhone 15"]) is None
    problem = device_problem(["Pixle 7"])
    assert problem.startswith("unknown device 'Pixle 7'; did you mean 'Pixel 7'? Known devices include Desktop "
                              "Chrome, Pixel 7, iPhone 15"), problem
    assert "\n" not in problem


def test_every_device_of_a_command_line_is_taken_once_in_order() -> None:
    args = ["-k", "x", "--device", "Pixel 7", "--device=iPhone 15", "--device", "Pixel 7"]
    assert devices_given(args) == ["Pixel 7", "iPhone 15"]
    assert devices_given(["--target=live"]) == []


@pytest.mark.parametrize(("value", "error"), [
    ('"Pixel 7"', "'devices' must be a list of strings"),
    ("[]", "devices must list at least one device name"),
    ('["Pixel 7", "Pixel 7"]', "devices names a device twice"),
    ('["Desktop Chrome", "Pixle 7"]', "unknown device 'Pixle 7'; did you mean 'Pixel 7'?"),
])
def test_a_targets_devices_are_checked(value, error, tmp_path) -> None:
    path = tmp_path / "targets.toml"
    with_devices = f"[targets.replica]\ndevices = {value}\n"
    path.write_text(SELFTEST_TARGETS.read_text().replace("[targets.replica]\n", with_devices))
    with pytest.raises(TargetError, match="malformed targets file") as raised:
        load_targets(path)
    assert error in str(raised.value)


def test_a_target_runs_on_the_desktop_unless_it_names_devices(tmp_path) -> None:
    assert load_targets(SELFTEST_TARGETS)["replica"].devices == (DEFAULT_DEVICE,)
    path = tmp_path / "targets.toml"
    with_devices = '[targets.replica]\ndevices = ["Desktop Chrome", "Pixel 7"]\n'
    path.write_text(SELFTEST_TARGETS.read_text().replace("[targets.replica]\n", with_devices))
    assert load_targets(path)["replica"].devices == (DEFAULT_DEVICE, PHONE)


def test_a_check_is_the_same_check_on_the_desktop_as_before_devices_and_another_on_a_phone() -> None:
    record = on_devices(run_record())
    desktop, phone = record.checks[0], record.checks[4]
    assert desktop.key == desktop.id and phone.key == f"{phone.id} on Pixel 7"
    assert phone.label == f"{phone.title} on Pixel 7" and desktop.label == desktop.title
    # A record written before devices existed: its checks have no device and keep their keys.
    old = json.loads(run_record().to_json())
    for check in old["checks"]:
        del check["device"]
    assert [check.key for check in RunRecord.from_dict(old).checks] == [check.key for check in record.checks[:4]]
    assert record.check(phone.key) is phone and record.devices == [DEFAULT_DEVICE, PHONE]
    jsonschema.validate(json.loads(record.to_json()), RUN_RECORD_SCHEMA)


def test_the_tables_have_a_device_column_only_when_more_than_one_device_ran() -> None:
    one = run_record()
    assert "Device" not in console.table(one, "report")[0]
    assert "| Check | Status |" in job_summary.render(one, [])
    two = on_devices(one, {1})
    lines = console.table(two, "report")
    assert lines[0].split()[:3] == ["Check", "Device", "Status"], lines[0]
    assert any("Pixel 7" in line and "failed" in line for line in lines)
    summary = job_summary.render(two, [])
    assert "| Check | Device | Status | Time | Category or note |" in summary
    assert "- The Google button leads to its provider on Pixel 7: ` [Missing or wrong element]" in summary
    phone_only = dataclasses.replace(one, checks=two.checks[4:])
    assert any(line.startswith("live on Pixel 7: ok (exit 0)") for line in console.table(phone_only, "report"))


def test_the_alert_says_a_check_fails_on_one_device_only() -> None:
    before = on_devices(run_record(failing={3: "product"}))
    now = on_devices(run_record(failing={3: "product"}, number=2), {1})
    decision = decide([before], now, NotifyConfig())
    assert decision.reason == "failed, other checks: now failing: The Google button leads to its provider on Pixel 7"
    text = body(now, decision)
    assert "**The Google button leads to its provider** (fails on Pixel 7 only): *Missing or wrong element*" in text
    both = on_devices(run_record(failing={1: "product"}, number=3), {1})
    assert "**The Google button leads to its provider** (on every device)" in body(both, decision)
    assert body(both, decision).count("- **The Google button") == 1


def test_the_release_comparison_matches_a_check_on_its_device() -> None:
    comparison = compare(on_devices(run_record()), on_devices(run_record(number=2), {1}))
    [regression] = comparison.regressions()
    assert regression.comparison == REGRESSION
    assert regression.title == "The Google button leads to its provider on Pixel 7"
    assert len(comparison.rows) == 8


def test_a_checks_id_is_its_test_id_without_the_device() -> None:
    def item(nodeid: str, params: dict) -> SimpleNamespace:
        return SimpleNamespace(nodeid=nodeid, callspec=SimpleNamespace(params=params))

    social = "tests/test_social_sign_in.py::test_social_button_leads_to_its_provider"
    assert check_id(item(f"{social}[chromium-Google-Pixel 7]", {"device": PHONE})) == f"{social}[chromium-Google]"
    assert check_id(item(f"{social}[chromium-Google]", {})) == f"{social}[chromium-Google]"
