"""The monitor runs where QA works (Windows and macOS laptops too): nothing on its path (monitor/,
fixtures/, pages/, tests/, the replica it starts) imports a POSIX-only module or calls a POSIX-only
function unless guarded (by os.name, sys.platform or hasattr, or an ImportError it handles). Read from
the source (ast): no import runs. The workflow `portable.yml` runs the fast self-tests on Windows and
macOS themselves."""

from __future__ import annotations

import ast
from pathlib import Path

from monitor.core.paths import ROOT

SOURCES = ("monitor", "fixtures", "pages", "tests", "replica", "conftest.py")
POSIX_MODULES = {"fcntl", "termios", "tty", "pty", "pwd", "grp", "resource", "posix", "crypt", "spwd", "syslog",
                 "readline", "posix_ipc"}
POSIX_CALLS = {("os", "killpg"), ("os", "getuid"), ("os", "geteuid"), ("os", "getpgid"), ("os", "setsid"),
               ("os", "fork"), ("os", "mkfifo"), ("os", "getpgrp"), ("signal", "SIGKILL"), ("signal", "SIGUSR1"),
               ("signal", "pthread_kill"), ("signal", "SIGHUP"), ("signal", "alarm"), ("signal", "setitimer")}
GUARD_WORDS = ("os.name", "sys.platform", "hasattr", "getattr", "platform.system")


def _guarded(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        parent = parents[node]
        if isinstance(parent, (ast.If, ast.IfExp, ast.While)) and any(
                word in ast.unparse(parent.test) for word in GUARD_WORDS):
            return True
        if isinstance(parent, ast.Try) and node in parent.body and any(
                handler.type is not None and any(name in ast.unparse(handler.type)
                                                 for name in ("ImportError", "AttributeError", "ModuleNotFoundError"))
                for handler in parent.handlers):
            return True
        node = parent
    return False


def posix_only_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name.split(".")[0] for alias in node.names if alias.name.split(".")[0] in POSIX_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in POSIX_MODULES:
            names = [node.module]
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and (node.value.id, node.attr) in POSIX_CALLS:
            names = [f"{node.value.id}.{node.attr}"]
        if names and not _guarded(node, parents):
            found += [f"{path.relative_to(ROOT)}:{node.lineno}: {name}" for name in names]
    return found


def test_nothing_on_the_monitors_path_is_posix_only_unguarded() -> None:
    files = [path for source in SOURCES for path in ((ROOT / source).rglob("*.py") if (ROOT / source).is_dir()
                                                     else [ROOT / source])]
    assert len(files) > 50
    assert [use for path in sorted(files) for use in posix_only_uses(path)] == []


def test_the_scan_finds_an_unguarded_use_and_accepts_a_guarded_one(tmp_path) -> None:
    sample = ROOT / "selftest" / "data" / "portable-sample.py"
    sample.write_text("import fcntl\nimport os\nif os.name == 'posix':\n    import termios\n"
                      "uid = os.getuid() if hasattr(os, 'getuid') else 0\nos.killpg(1, 9)\n", encoding="utf-8")
    try:
        assert posix_only_uses(sample) == ["selftest/data/portable-sample.py:1: fcntl",
                                           "selftest/data/portable-sample.py:6: os.killpg"]
    finally:
        sample.unlink()
