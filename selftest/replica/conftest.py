"""One replica for the whole run (on free ports, default accounts), reset to healthy before each test."""

from __future__ import annotations

import pytest
from replica_helpers import Client

from replica import Replica
from replica.accounts import default_accounts


@pytest.fixture(scope="session")
def replica():
    # accounts={} -> the documented defaults, whatever the environment holds.
    with Replica(accounts={}) as running:
        yield running


@pytest.fixture(autouse=True)
def healthy(replica):
    replica.set_scenario("healthy")
    yield
    replica.set_scenario("healthy")


@pytest.fixture
def accounts() -> dict[str, str]:
    return default_accounts()


@pytest.fixture
def client(replica) -> Client:
    return Client(replica)
