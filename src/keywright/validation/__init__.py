"""Request validation shared by the reference server and the mock.

Connexion's own validators stop at the first error, rebuild a JSON-schema
validator on every request and let some malformed input escape as a 500. These
report every violation with a JSON path, as `ApiError`s, and compile once.
"""

from connexion.datastructures import MediaTypeDict

from keywright.validation.body import MAX_BODY_BYTES, JsonBodyValidator
from keywright.validation.parameters import ParameterValidator

VALIDATOR_MAP = {
    "parameter": ParameterValidator,
    "body": MediaTypeDict({"*/*json": JsonBodyValidator}),
}

__all__ = ["MAX_BODY_BYTES", "VALIDATOR_MAP", "JsonBodyValidator", "ParameterValidator"]
