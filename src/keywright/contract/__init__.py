"""Contract testing with schemathesis: our servers in-process, or any deployment by URL."""

from keywright.contract.config import Credentials, schemathesis_config
from keywright.contract.idempotency import fresh_idempotency_key

__all__ = ["Credentials", "fresh_idempotency_key", "schemathesis_config"]
