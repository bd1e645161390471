"""The replica's control endpoint (/__replica/...) belongs to the replica and its tests: nothing the
monitor runs against a live site (checks, page objects, fixtures, monitor/, scripts, configuration)
refers to it or to the Python API that drives it. A source scan."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Where the control endpoint may be named: the replica itself, the project's own tests, and the
# README's pictures (docs/screenshots.py: `make screenshots` puts replicas in the states it shows).
ALLOWED = ("replica", "selftest", "docs")
NOT_SOURCE = {".git", ".venv", "node_modules", "reports", "test-results", ".auth", "__pycache__",
              ".pytest_cache", ".ruff_cache", ".hypothesis", "build"}  # build, *.egg-info: what pip install leaves
# Documentation may describe the replica's endpoint; images and binaries are not code.
NOT_CODE_SUFFIXES = (".md", ".png", ".jpg", ".jpeg", ".svg", ".webm", ".zip", ".pyc")
# The endpoint's path, and the names through which Python code reaches it.
CONTROL_WORDS = ("__replica", "CONTROL_PREFIX", "control_url", "set_scenario", "revoke_sessions")


def code_files(root: Path) -> list[Path]:
    files = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [name for name in subfolders if name not in NOT_SOURCE and not name.endswith(".egg-info")]
        files += [Path(folder, name) for name in names if not name.lower().endswith(NOT_CODE_SUFFIXES)]
    return sorted(files)


def references(files: list[Path]) -> list[str]:
    found = []
    for path in files:
        text = path.read_bytes().decode("utf-8", "replace")
        found += [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
                  for number, line in enumerate(text.splitlines(), 1) if any(word in line for word in CONTROL_WORDS)]
    return found


def test_nothing_outside_the_replica_and_its_tests_refers_to_the_control_endpoint() -> None:
    outside = [path for path in code_files(ROOT) if path.relative_to(ROOT).parts[0] not in ALLOWED]
    scanned = {path.relative_to(ROOT).parts[0] for path in outside}
    assert {"tests", "pages", "fixtures", "monitor", "conftest.py", "pytest.ini", "targets.toml"} <= scanned, scanned
    assert references(outside) == []


def test_the_scan_finds_the_endpoint_where_it_is() -> None:
    """The words are the right ones: the replica's control endpoint is found by the same scan."""
    found = references(code_files(ROOT / "replica"))
    assert any("/__replica/scenario" in line for line in found), found
    assert any("revoke_sessions" in line for line in found), found
