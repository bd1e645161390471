"""targets.toml is input: every key is checked by kind and range, an unknown one is named with the
nearest known key, and a target's name (a folder of reports/) may only be letters, digits, - and _."""

from __future__ import annotations

import pytest

from monitor.core.targets import TargetError, load_targets, resolve_target
from selftest.monitor_runs import SELFTEST_TARGETS

TEXT = SELFTEST_TARGETS.read_text(encoding="utf-8")


def targets_with(tmp_path, old: str, new: str):
    assert old in TEXT
    path = tmp_path / "targets.toml"
    path.write_text(TEXT.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(("old", "new", "error"), [
    ("fail_after_s = 6.0", "fail_after_s = 0", "needs 'fail_after_s' (a number above 0)"),
    ("fail_after_s = 6.0", "fail_after_s = -1.5", "needs 'fail_after_s' (a number above 0)"),
    ("degraded_after_s = 2.5", "degraded_after_s = true", "needs 'degraded_after_s' (a number above 0)"),
    ("connect_timeout_s = 3.0", "connect_timeout_s = nan", "needs 'connect_timeout_s' (a number above 0)"),
    ('google_hosts = ["google.localhost"]', "google_hosts = [1]", "needs 'google_hosts' (a list of strings)"),
    ("fail_after_s = 6.0", "fail_after_s = 6.0\nfail_afer_s = 3", "[defaults]: unknown key 'fail_afer_s'; did you "
     "mean `fail_after_s`?"),
    ('entry_url = ""\n', 'entry_url = ""\ndegraded_after = 1\n', "[targets.replica]: unknown key 'degraded_after'; "
     "did you mean `degraded_after_s`?"),
    ("[targets.live]", "[target.x]\n[targets.live]", "the file: unknown key 'target'; did you mean `targets`?"),
    ("[targets.live]", "[targets.'..']\n[targets.live]", "target name '..' may only have letters, digits, - and _"),
    ("[targets.live]", "[targets.'a/b']\n[targets.live]", "target name 'a/b' may only have letters, digits, - and _"),
    ('entry_url = "https://baltimore', 'entry_url = "  "\n# "https://baltimore', "malformed URL '  '"),
], ids=["zero", "negative", "boolean", "nan", "list-of-numbers", "misspelled-default", "misspelled-target-key",
        "unknown-table", "dot-dot-name", "slash-name", "blank-entry-url"])
def test_a_bad_key_or_name_is_one_line(tmp_path, old, new, error) -> None:
    with pytest.raises(TargetError) as raised:
        load_targets(targets_with(tmp_path, old, new))
    assert error in str(raised.value)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize("url", ["", "   "])
def test_an_empty_base_url_is_bad_input_never_the_replica(url) -> None:
    with pytest.raises(TargetError, match="malformed URL"):
        resolve_target(None, url, SELFTEST_TARGETS)


def test_a_base_urls_credentials_are_not_in_the_runs_name() -> None:
    target = resolve_target("live", "https://qa:Hunter2-secret@focus-test.example.org:8443/focus", SELFTEST_TARGETS)
    assert target.name == "live@focus-test.example.org:8443"
    assert "Hunter2" not in target.description and "qa:" not in target.description
    assert target.entry_url == "https://qa:Hunter2-secret@focus-test.example.org:8443/focus"  # the browser's


@pytest.mark.parametrize("name", ["..", ".", "a/../..", "/tmp", ""])
def test_a_target_folder_never_leads_outside_reports_targets(tmp_path, name) -> None:
    """A target named `..` cleared the whole reports folder, history included."""
    from monitor.commands.targets_run import target_folder

    with pytest.raises(ValueError, match="is not a folder name"):
        target_folder(name, tmp_path)
    assert target_folder("staging-2_b", tmp_path) == (tmp_path / "targets" / "staging-2_b").resolve()


def test_the_docs_table_of_keys_is_the_declaration() -> None:
    """docs/running.md lists every key of a target as monitor/core/target_keys.py declares it (regenerate
    it with `python -m monitor.core.target_keys`)."""
    from monitor.core.paths import ROOT
    from monitor.core.target_keys import markdown

    assert markdown() in (ROOT / "docs" / "running.md").read_text(encoding="utf-8")


def test_a_key_left_out_takes_its_declared_default(tmp_path) -> None:
    from monitor.core.target_keys import BY_NAME

    live = load_targets(SELFTEST_TARGETS)["live"]
    assert "timezone" not in TEXT and live.timezone == BY_NAME["timezone"].default
    assert live.devices == tuple(BY_NAME["devices"].default) and live.description
