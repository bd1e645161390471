"""Markup mutation testing, a fixed sample (make mutate runs many seeds): a mutated healthy site
raises no alarm, the faults on it are caught by exactly their checks with their category, and the
calibration agrees with the checks."""

from __future__ import annotations

import random
from pathlib import Path

from monitor.commands.calibrate import Row
from replica.mutations import FAMILIES, Mutation
from selftest.monitor_runs import CheckOutcome, MonitorRun
from selftest.mutation import held_to_checks, main, run_seed

# A seed whose families rewrite every page a check visits: the portal note (title-br, launcher, hidden
# copy), the landing page's drop-down (a button with a menu, behind a folded header, beside a hidden
# select[name=role]), the sign-in page (a hidden copy of its form), and the faults of where those
# controls lead or what they do.
SAMPLE_SEED, SAMPLE_FAULTS = 41, ("schoology-link-broken", "profile-switch-broken")


def test_a_seed_names_its_families_and_rewrites_a_page_the_same_way_every_time() -> None:
    assert Mutation.of(SAMPLE_SEED).describe() == Mutation.of(SAMPLE_SEED).describe()
    assert set(Mutation.of(SAMPLE_SEED).families) >= {"title-br", "launcher", "hidden-copies", "profile-menu"}
    page = '<p><a id="schoology-link" href="https://bcps.schoology.com">Please click here to access Schoology</a></p>'
    first, second = Mutation.of(SAMPLE_SEED), Mutation.of(SAMPLE_SEED)
    assert first.apply(page, "/portal") == second.apply(page, "/portal") != page
    assert first.applied_text().startswith(f"seed {SAMPLE_SEED}: title-br on the portal note; launcher on")


def test_every_family_says_what_real_pages_it_follows() -> None:
    for name, family in FAMILIES.items():
        assert family.__doc__ and any(char.isdigit() for char in family.__doc__), name  # a section of the reference
        assert family("<html><body>nothing of the replica</body></html>", random.Random(0)) is None, name


def test_a_mutated_site_raises_no_alarm_and_its_faults_are_caught(tmp_path) -> None:
    result = run_seed(SAMPLE_SEED, tmp_path, SAMPLE_FAULTS)
    assert {"profile switcher as a button with a menu", "title-br on the portal note",
            "hidden copy of select[name=role]"} <= set(result.applied.split("; ")), result.applied
    assert result.ok, result


def test_the_calibration_is_held_to_the_checks_element_by_element() -> None:
    def run(status: str, message: str = "") -> MonitorRun:
        check = CheckOutcome("schoology", "Schoology", status, message, [], {})
        return MonitorRun(0 if status == "passed" else 1, "", 1.0, Path("."), {"schoology": check})

    link, sentence = "the Schoology link", 'the sentence "Please click here to access Schoology"'
    found = [Row("portal", "schoology_sentence", "yes", "text", 1, description=sentence),
             Row("portal", "schoology_link", "yes", "name", 1, description=link)]
    missed = [found[0], Row("portal", "schoology_link", "no", description=link)]
    named = run("failed", f"The portal has no link\nInstead of {link}, the page offered: link \"Log Out\"")
    assert held_to_checks("site", found, run("passed")) == held_to_checks("site", missed, named) == []
    assert held_to_checks("site", found, named) == [
        f"site: schoology failed on {link}, which the calibration found exactly once"]
    assert held_to_checks("site", missed, run("passed")) == [
        "site: the calibration did not find schoology_link exactly once, and every check passed"]
    # A failure about where the link leads names no element the calibration could miss: no disagreement.
    assert held_to_checks("site", found, run("failed", "does not lead to bcps.schoology.com")) == []


def test_a_seed_count_that_is_no_number_is_one_line_and_exit_4(capsys) -> None:
    assert main(["--seeds", "many"]) == 4
    assert capsys.readouterr().err.count("\n") == 1
