"""The catalogue of checks (monitor/core/catalogue.py) is the one list of them: the checks in tests/ are
its entries, the elements it names are the page objects', every element a page object finds is relied on
by a check (and so looked for by the calibration's walk), and the README's table of checks is its own."""

from __future__ import annotations

import ast
from unittest.mock import MagicMock

from monitor.commands.calibrate import PAGE_OBJECTS
from monitor.core.catalogue import CATALOGUE, PAGES, elements_on, markdown
from monitor.core.paths import ROOT
from monitor.core.targets import load_targets
from pages.elements import Element
from selftest.monitor_runs import SELFTEST_TARGETS

TEXTS = load_targets(SELFTEST_TARGETS)["replica"].texts


def test_the_checks_are_the_catalogues_entries() -> None:
    functions = {node.name for path in (ROOT / "tests").glob("test_*.py")
                 for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                 if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")}
    assert functions == {check.test for check in CATALOGUE}
    assert len({check.name for check in CATALOGUE}) == len({check.id for check in CATALOGUE}) == len(CATALOGUE)


def test_every_element_of_a_page_object_is_relied_on_by_a_check_and_so_calibrated() -> None:
    assert list(PAGE_OBJECTS) == list(PAGES)
    page = MagicMock()  # the page objects only build their locators: nothing is looked for
    for name, page_object in PAGE_OBJECTS.items():
        built = page_object(page, TEXTS)
        found = [element.key for element in built.elements()]
        unlisted = [key for key, value in vars(built).items() if isinstance(value, Element) and value.key not in found]
        assert not unlisted, f"{name}: the page object's elements() leaves out {unlisted}"
        unwalked = [key for key in found if key not in elements_on(name)]
        assert not unwalked, f"{name}: no check relies on {unwalked}, so the calibration never looks for them"
        unknown = [key for key in elements_on(name) if key not in found]
        assert not unknown, f"the catalogue names elements the {name} page object does not have: {unknown}"
    assert all(element.split(".")[0] in PAGES for check in CATALOGUE for element in check.relies_on)


def test_the_readme_shows_the_catalogues_table_of_checks() -> None:
    """`python -m monitor.core.catalogue` prints it."""
    assert markdown() in (ROOT / "README.md").read_text(encoding="utf-8")
