"""A local, fault-injectable replica of the Focus parent portal and its Azure AD B2C sign-in."""

from replica.dialects import DIALECTS
from replica.scenarios import SCENARIOS
from replica.server import Replica

__all__ = ["DIALECTS", "SCENARIOS", "Replica"]
