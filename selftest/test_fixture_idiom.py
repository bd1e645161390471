"""The fixture modules keep the run's state as pytest's plugins do: on a plugin object registered at
pytest_configure (fixtures/reporting.py's RunReporter), never in a module's globals; and every stash
key is defined once, in fixtures/stash_keys.py, one key per value."""

from __future__ import annotations

import ast

from monitor.core.paths import ROOT

FIXTURES = sorted((ROOT / "fixtures").glob("*.py"))


def test_no_fixture_module_rebinds_a_global() -> None:
    rebinding = [f"{path.name}:{node.lineno}" for path in FIXTURES for node in ast.walk(ast.parse(path.read_text()))
                 if isinstance(node, ast.Global)]
    assert rebinding == []


def test_stash_keys_are_defined_in_one_module_each_once() -> None:
    defined = [(path.name, target.id) for path in FIXTURES for node in ast.walk(ast.parse(path.read_text()))
               if isinstance(node, ast.Assign) and "StashKey" in ast.unparse(node.value)
               for target in node.targets if isinstance(target, ast.Name)]
    assert {module for module, _ in defined} == {"stash_keys.py"}
    names = [name for _, name in defined]
    assert len(names) == len(set(names))
