"""The one place the monitor starts the replica: a target without an entry URL (the replica target)
is checked against a replica started on free local ports for as long as the caller needs it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from monitor.targets import Target


@contextmanager
def reachable(target: Target) -> Iterator[Target]:
    """The target with an entry URL: its own, or that of a replica started for it."""
    if target.entry_url:
        yield target
        return
    from replica import Replica  # only when the replica is the target

    with Replica() as replica:
        yield target.with_entry_url(replica.entry_url)
