"""Contract testing with schemathesis: our servers in-process, or any deployment by URL,
always judged by our specs."""

from keywright.contract.config import schemathesis_config
from keywright.contract.credentials import Credentials
from keywright.contract.fresh import freshen
from keywright.contract.suite import Suite

__all__ = ["Credentials", "Suite", "freshen", "schemathesis_config"]
