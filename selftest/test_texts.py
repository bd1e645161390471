"""Expectations per target: the texts the checks look for come from targets.toml, a target that
rewords them passes on a site with that wording, its failures quote it, and bad texts are bad input.
And the calibration run that shows, before the first night on a new site, what the checks find."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from monitor.core.catalogue import PAGES, elements_on
from monitor.core.exit_codes import MonitorExit
from monitor.core.targets import TargetError, load_targets
from monitor.core.wording import words_pattern
from replica import Replica
from selftest.matrix import PAGE_CHECKS, selecting
from selftest.monitor_runs import ROOT, SELFTEST_TARGETS, run_checks

# A district that words its pages otherwise (the replica's wording, and the target's texts for it).
REWORDED = {
    "mybcps_section": "Sign in with your district account",
    "sign_up_link": "Create an account",
    "send_code_button": "Email me a code",
    "already_exists": "This e-mail address is already registered.",
    "parent_profile": "Guardian",
    "schoology_link": "Open Schoology in a new tab",
}
# The elements the calibration looks for: every one a check relies on, on every page.
ELEMENTS = sum(len(elements_on(page)) for page in PAGES)
REWORDED_TARGET = "\n[targets.replica.texts]\n" + "".join(f'{key} = "{text}"\n' for key, text in REWORDED.items())


def _targets_file(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "targets.toml"
    path.write_text(SELFTEST_TARGETS.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return path


def test_a_text_is_found_by_its_words_in_any_case_and_not_inside_a_longer_word() -> None:
    google, parent = words_pattern(["Google"]), words_pattern(["Parent"])
    assert google.search("Sign in with Google") and google.search("GOOGLE")
    assert not google.search("Sign in with your social account")
    assert parent.search("Parent/Guardian") and not parent.search("Parenthood")
    assert words_pattern(["Send verification code"]).search("Send Verification  Code")
    assert words_pattern(["Please click here to access Schoology"]).search("Please click here to access Schoology.")


@pytest.mark.parametrize(("extra", "error"), [
    ('\n[targets.replica.texts]\ngoogle_buton = "Google"\n', "texts names unknown keys ['google_buton']"),
    ('\n[targets.replica.texts]\nparent_profile = " "\n', "texts.parent_profile has an empty text"),
    ('\n[targets.replica.texts]\nschoology_link = []\n', "texts.schoology_link must be a string or a list"),
    ('\n[targets.replica.texts]\nalready_exists = 3\n', "texts.already_exists must be a string or a list"),
], ids=["unknown-key", "empty-text", "empty-list", "not-a-text"])
def test_bad_texts_are_bad_input(extra, error, tmp_path) -> None:
    with pytest.raises(TargetError, match=error.replace("[", r"\[").replace("]", r"\]")):
        load_targets(_targets_file(tmp_path, extra))


def test_a_bad_text_stops_the_monitor_with_one_line(tmp_path) -> None:
    targets = _targets_file(tmp_path, '\n[targets.replica.texts]\nmybcps_section = ""\n')
    run = run_checks(None, tmp_path / "allure-results", env={}, targets_file=targets, module="monitor")
    assert run.exit_code == MonitorExit.BAD_INPUT, run.output[-2000:]
    assert [line for line in run.output.splitlines() if "texts.mybcps_section has an empty text" in line], run.output
    assert "Traceback" not in run.output


def test_a_target_passes_on_a_site_in_its_own_wording_and_its_failures_quote_it(tmp_path) -> None:
    with Replica(dialect="user-flow", wording=REWORDED) as replica:
        reworded = run_checks(replica.entry_url, tmp_path / "own" / "allure-results", *selecting(PAGE_CHECKS),
                              targets_file=_targets_file(tmp_path, REWORDED_TARGET))
        reworded.assert_completed(MonitorExit.OK, checks=PAGE_CHECKS)
        assert reworded.failing() == set()
        # The support page's wording, on that site: the reworded elements are missing, in those words.
        default = run_checks(replica.entry_url, tmp_path / "default" / "allure-results",
                             *selecting(frozenset({"schoology", "sign_up"})))
    default.assert_completed(MonitorExit.PRODUCT_FAILURE, checks={"schoology", "sign_up"})
    schoology, sign_up = default.checks["schoology"], default.checks["sign_up"]
    assert '("Please click here to access Schoology") is missing or hidden' in schoology.message
    assert 'link "Open Schoology in a new tab"' in schoology.message.splitlines()[-1]  # what it offered instead
    # "Sign up now" and "Send verification code" are still found by B2C's ids (the fallbacks): the message is not.
    assert '("A user with the specified ID already exists") is missing or hidden' in sign_up.message
    assert '"This e-mail address is already registered."' in sign_up.message.splitlines()[-1]


def _calibrate(replica: Replica, tmp_path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "monitor.commands.calibrate", "--targets-file", str(SELFTEST_TARGETS),
                           "--replica-url", replica.entry_url, "--output", str(tmp_path / "calibration.md")],
                          cwd=ROOT, capture_output=True, text=True, timeout=180)


def test_calibration_finds_every_element_once_on_every_dialect_page(tmp_path) -> None:
    with Replica(dialect="custom-policy") as replica:
        run = _calibrate(replica, tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert f"{ELEMENTS} of {ELEMENTS} elements found exactly once." in run.stdout
    assert "| landing | signed_in | yes | greeting | 1 |" in run.stdout  # which sign of being signed in it found
    assert (tmp_path / "calibration.md").read_text(encoding="utf-8") in run.stdout


def test_calibration_shows_a_miss_with_what_the_page_offered_and_no_student_data(tmp_path) -> None:
    with Replica(dialect="custom-policy", scenario="schoology-link-missing") as replica:
        run = _calibrate(replica, tmp_path)
        students = [student for email in replica.directory.emails()
                    for student in replica.directory.find(email).students]
    assert run.returncode == 1, run.stdout + run.stderr
    rows = {line.split(" | ")[1]: line for line in run.stdout.splitlines() if line.startswith("| portal |")}
    assert "| no |" in rows["schoology_sentence"] and "| no |" in rows["schoology_link"]
    assert 'link "Log Out" #logout' in rows["schoology_link"]  # the candidates
    assert f"{ELEMENTS - 2} of {ELEMENTS} elements found exactly once." in run.stdout
    for student in students:
        assert student.name not in run.stdout and student.school not in run.stdout


def test_calibration_of_an_empty_replica_url_is_bad_input_never_a_replica_it_starts(tmp_path) -> None:
    run = subprocess.run([sys.executable, "-m", "monitor.commands.calibrate", "--targets-file", str(SELFTEST_TARGETS),
                          "--replica-url", "", "--output", str(tmp_path / "calibration.md")],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == MonitorExit.BAD_INPUT, run.stdout + run.stderr
    assert run.stderr.strip() == "ERROR: malformed URL '': expected http(s)://host/path" and not run.stdout
