"""What storage says when it cannot do what it was asked: its own errors, mapped to HTTP by
the dispatch (`TemporarilyUnavailable` → 503 or 500 with `Retry-After`), never HTTP itself."""

from __future__ import annotations

from keywright.errors.failure import TemporarilyUnavailable


class StorageUnavailable(TemporarilyUnavailable):
    """The database is locked or failing: nothing was stored; the client may retry."""


class AlreadyExists(Exception):
    """A uniqueness rule would be broken; nothing was stored."""
