"""`{error: {code, message, status, details[]}}`: a google.rpc.Status, violations as a
google.rpc.BadRequest in `details`."""

from __future__ import annotations

import json
from typing import Any

from keywright.errors import ApiError
from keywright.errors.envelope import GOOGLE_RPC_CODES
from keywright_models.access_keys import Any as AnyMessage
from keywright_models.access_keys import ErrorResponse, Status

BAD_REQUEST_TYPE = "type.googleapis.com/google.rpc.BadRequest"


class AccessKeysEnvelope:
    def body(self, error: ApiError, status: int) -> Any:
        details = []
        if error.violations:
            violations = [{"field": v.path, "description": v.message} for v in error.violations]
            details.append(
                AnyMessage(
                    type_url=BAD_REQUEST_TYPE, value=json.dumps({"fieldViolations": violations})
                )
            )
        model = ErrorResponse(
            error=Status(
                code=status,
                message=error.message,
                status=error.reason or GOOGLE_RPC_CODES[error.kind],
                details=details,
            )
        )
        return model.model_dump(mode="json", exclude_none=True)
