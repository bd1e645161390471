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


def test_the_plugins_phases_are_each_in_one_place() -> None:
    """Configure, collection and the report are each one hook of fixtures/pipeline.py, an ordered list of
    steps: no other fixture module implements them (their order was tryfirst/trylast and comments)."""
    phases = {"pytest_configure", "pytest_collection_modifyitems", "pytest_runtest_makereport"}
    elsewhere = [f"{path.name}: {node.name}" for path in FIXTURES if path.name != "pipeline.py"
                 for node in ast.walk(ast.parse(path.read_text())) if isinstance(node, ast.FunctionDef)
                 and node.name in phases]
    assert elsewhere == []
    pipeline = ast.parse((ROOT / "fixtures" / "pipeline.py").read_text())
    assert {node.name for node in pipeline.body if isinstance(node, ast.FunctionDef)} == phases
