"""Markup mutation testing, a fixed sample (make mutate runs many seeds): a mutated healthy site
raises no alarm, the faults on it are caught by exactly their checks with their category, and the
calibration agrees with the checks."""

from __future__ import annotations

import random

from replica.mutations import FAMILIES, Mutation
from selftest.mutation import main, run_seed

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


def test_a_seed_count_that_is_no_number_is_one_line_and_exit_4(capsys) -> None:
    assert main(["--seeds", "many"]) == 4
    assert capsys.readouterr().err.count("\n") == 1
