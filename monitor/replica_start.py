"""The one place the monitor knows the replica: a target without an entry URL (the replica target)
is checked against a replica started on free local ports for as long as the caller needs it, with
the replica's own test accounts for the variables that are not set."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from monitor.core.targets import Target


@contextmanager
def reachable(target: Target) -> Iterator[Target]:
    """The target with an entry URL: its own, or that of a replica started for it."""
    if target.entry_url:
        yield target
        return
    from replica import Replica  # only when the replica is the target

    with Replica() as replica:
        yield target.with_entry_url(replica.entry_url)


def stand_in_accounts(target: Target) -> dict[str, str]:
    """The replica's documented test accounts (by variable) for the replica target; none for a real site."""
    if not target.is_replica:
        return {}
    from replica.accounts import default_accounts

    return default_accounts()
