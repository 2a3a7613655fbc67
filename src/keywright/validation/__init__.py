"""Request validation shared by the reference server and the mock.

Every violation is reported with a JSON path, as `ApiError`s; validators are compiled once
per operation at start-up, with a compiled fast path for valid input.
"""

from keywright.validation.body import MAX_BODY_BYTES, JsonBody
from keywright.validation.parameters import Parameters
from keywright.validation.schema import SchemaValidator

__all__ = ["MAX_BODY_BYTES", "JsonBody", "Parameters", "SchemaValidator"]
