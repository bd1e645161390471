"""The layers point one way (README, "Layout"): a module imports only its own layer and those below
it, and the monitor and the replica know nothing of each other except at monitor/replica_start.py,
which starts the replica and hands its accounts over. Read from the source (ast): no import runs."""

from __future__ import annotations

import ast
from pathlib import Path

from monitor.core.paths import ROOT

# What each layer may import; a layer missing from a set is above it (or, for the replica, apart).
ALLOWED: dict[str, set[str]] = {
    "core": {"core"},
    "data": {"core", "data"},
    "pages": {"core", "pages"},
    "probes": {"core", "data", "probes"},
    "readers": {"core", "data", "probes", "readers"},
    # The checks' pytest plugin: it looks at the site (probes, pages), writes the record (data) and, at
    # the end of the session, the report's context and the console table (readers).
    "fixtures": {"core", "data", "probes", "readers", "pages", "fixtures"},
    "tests": {"core", "data", "probes", "readers", "pages", "fixtures", "tests"},
    # The commands start pytest as a process: they never import the fixtures or the checks.
    "commands": {"core", "data", "probes", "readers", "pages", "commands"},
    "replica": {"replica"},
}
REPLICA_STARTER = "monitor.replica_start"
SOURCES = ("monitor", "pages", "fixtures", "tests", "replica")
PROBES = ("probes", "accessibility", "maintenance")
READERS = ("reporting", "notify", "release")


def layer(module: str) -> str | None:
    """The layer of a project module; None for the standard library and third-party packages."""
    parts = module.split(".")
    if parts[0] in ("replica", "pages", "fixtures", "tests"):
        return parts[0]
    if parts[0] != "monitor":
        return None
    if parts[-1] == "__main__" or parts[1:2] == ["commands"]:
        return "commands"
    if len(parts) == 1 or parts[1] == "core":
        return "core"
    if parts[1] == "data":
        return "data"
    if parts[1] in PROBES or module == REPLICA_STARTER:
        return "probes"
    if parts[1] in READERS:
        return "readers"
    raise AssertionError(f"{module}: no layer (add it to test_layers.py and to the README's Layout)")


def is_module(name: str, root: Path) -> bool:
    path = root.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imported(source: str, root: Path) -> set[str]:
    """The project modules a source imports, anywhere in it (functions included)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            # `from monitor import maintenance` imports the module monitor.maintenance.
            names |= {f"{node.module}.{alias.name}" if is_module(f"{node.module}.{alias.name}", root)
                      else node.module for alias in node.names}
    return {name for name in names if name.split(".")[0] in SOURCES}


def violations(sources: dict[str, str], root: Path = ROOT) -> list[str]:
    """`path: imports module (layer A may not import layer B)` for each import against the layers."""
    found = []
    for path, source in sorted(sources.items()):
        module = path.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
        own = layer(module)
        for name in sorted(imported(source, root)):
            other = layer(name)
            if other in ALLOWED[own] or (module == REPLICA_STARTER and other == "replica"):
                continue
            found.append(f"{path}: imports {name} (layer {own} may not import layer {other})")
    return found


def project_sources() -> dict[str, str]:
    return {str(path.relative_to(ROOT)): path.read_text(encoding="utf-8")
            for folder in SOURCES for path in sorted((ROOT / folder).rglob("*.py"))}


def test_the_layers_point_one_way() -> None:
    assert violations(project_sources()) == []


def test_an_upward_or_replica_import_is_found() -> None:
    assert violations({
        "monitor/core/targets.py": "from monitor.commands import cli\nimport monitor.data.record",
        "monitor/data/record.py": "def f():\n    from replica import Replica",
        "replica/accounts.py": "from monitor.core.roles import ROLES",
        "pages/b2c.py": "from fixtures.options import configured_target",
        "monitor/replica_start.py": "from replica import Replica",
    }) == [
        "monitor/core/targets.py: imports monitor.commands.cli (layer core may not import layer commands)",
        "monitor/core/targets.py: imports monitor.data.record (layer core may not import layer data)",
        "monitor/data/record.py: imports replica (layer data may not import layer replica)",
        "pages/b2c.py: imports fixtures.options (layer pages may not import layer fixtures)",
        "replica/accounts.py: imports monitor.core.roles (layer replica may not import layer core)",
    ]
