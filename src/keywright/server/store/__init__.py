"""Where the reference server keeps what it issued: one small interface, two implementations."""

from keywright.server.store.base import (
    AccessKeyRecord,
    AlreadyExists,
    ApiKeyRecord,
    IdempotencyRecord,
    LimitReached,
    ProxyKeyRecord,
    Store,
)
from keywright.server.store.memory import MemoryStore
from keywright.server.store.sqlite import SqliteStore


def open_store(db: str) -> Store:
    """`:memory:` for a throwaway in-memory store, otherwise a SQLite file (created on first use)."""
    return MemoryStore() if db == ":memory:" else SqliteStore(db)


__all__ = [
    "AccessKeyRecord",
    "AlreadyExists",
    "ApiKeyRecord",
    "IdempotencyRecord",
    "LimitReached",
    "MemoryStore",
    "ProxyKeyRecord",
    "SqliteStore",
    "Store",
    "open_store",
]
