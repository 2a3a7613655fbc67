"""`{code, message, details}`: the status as a string; violations in `details.violations`."""

from __future__ import annotations

from typing import Any

from keywright.errors import ApiError
from keywright_models.proxy_keys import Error


class ProxyKeysEnvelope:
    def body(self, error: ApiError, status: int) -> Any:
        details = None
        if error.violations:
            details = {
                "violations": [{"path": v.path, "message": v.message} for v in error.violations]
            }
        model = Error(code=str(status), message=error.message, details=details)
        return model.model_dump(mode="json", exclude_none=True)
