"""Which API owns a request path, and how that API answers a failure: for what no operation
matched (an unknown path, a refused request) there is no operation to ask, only the path."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from keywright.errors.envelope import Envelope, status_for
from keywright.errors.failure import ApiError


class Owners:
    """Each API's base path, envelope and documented statuses; the longest base path wins."""

    def __init__(self, apis: Sequence[tuple[str, Envelope, frozenset[int]]]) -> None:
        self.apis = sorted(apis, key=lambda entry: len(entry[0]), reverse=True)

    def answer(self, path: str, error: ApiError) -> tuple[int, Any] | None:
        """The status and body for `error` in the envelope of the API owning `path`, or None
        when no API owns it."""
        for base_path, envelope, documented in self.apis:
            if path == base_path or path.startswith(base_path + "/"):
                status = status_for(error, documented)
                return status, envelope.body(error, status)
        return None
