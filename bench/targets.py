"""Replica-like targets for the growth runs: each its own replica, in a temporary targets file with
the replica target's expectations, the accounts given through the environment (as CI gives a real
target's)."""

from __future__ import annotations

import contextlib
import tomllib
from collections.abc import Iterator
from pathlib import Path

from monitor.core.paths import TARGETS_FILE
from replica import Replica
from replica.accounts import default_accounts

# The replica target's own keys (targets.toml), under another name, with a fixed entry URL.
REPLICA_KEYS = ("google_hosts", "microsoft_hosts", "degraded_after_s", "fail_after_s", "connect_timeout_s",
                "private_locators", "cert_skip_hosts")


def _toml(value: object) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    return repr(value)


def _table(name: str, values: dict) -> str:
    lines = [f"[{name}]"] + [f"{key} = {_toml(value)}" for key, value in values.items() if not isinstance(value, dict)]
    tables = [_table(f"{name}.{key}", value) for key, value in values.items() if isinstance(value, dict)]
    return "\n".join([*lines, "", *tables])


def targets_file(path: Path, entry_urls: dict[str, str]) -> Path:
    """The project's [defaults], then one block a target."""
    data = tomllib.loads(TARGETS_FILE.read_text(encoding="utf-8"))
    replica = data["targets"]["replica"]
    blocks = [_table("defaults", data.get("defaults", {}))]
    for name, url in entry_urls.items():
        blocks.append(_table(f"targets.{name}", {"entry_url": url, **{key: replica[key] for key in REPLICA_KEYS
                                                                      if key in replica}}))
    path.write_text("\n".join(blocks), encoding="utf-8")
    return path


@contextlib.contextmanager
def replica_targets(folder: Path, count: int) -> Iterator[tuple[Path, list[str]]]:
    """`count` replicas on their own ports; yields the targets file and the targets' names."""
    with contextlib.ExitStack() as stack:
        replicas = {f"bench{index + 1}": stack.enter_context(Replica()) for index in range(count)}
        path = targets_file(folder / "bench-targets.toml", {name: r.entry_url for name, r in replicas.items()})
        yield path, list(replicas)


def account_environment() -> dict[str, str]:
    return default_accounts()
