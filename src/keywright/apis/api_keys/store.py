"""API keys and idempotency records: digests of key values only, replays encrypted."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from keywright.server.storage import Database

TABLES = """
CREATE TABLE IF NOT EXISTS api_keys (
    id TEXT PRIMARY KEY,
    key_digest TEXT NOT NULL UNIQUE,
    scopes TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT,
    created_by TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS idempotency (
    owner TEXT NOT NULL,
    key TEXT NOT NULL,
    request_digest TEXT NOT NULL,
    response BLOB NOT NULL,
    expires_at TEXT NOT NULL,
    PRIMARY KEY (owner, key)
);
"""


@dataclass(frozen=True)
class ApiKeyRecord:
    id: str
    key_digest: str
    scopes: tuple[str, ...]
    created_at: datetime
    expires_at: datetime | None
    created_by: str


@dataclass(frozen=True)
class IdempotencyRecord:
    """The encrypted response to a request made with an idempotency key, until it expires."""

    owner: str
    key: str
    request_digest: str
    response: bytes
    expires_at: datetime


class ApiKeyStore:
    def __init__(self, database: Database) -> None:
        self.database = database

    async def add(
        self, record: ApiKeyRecord, idempotency: IdempotencyRecord | None = None
    ) -> IdempotencyRecord | None:
        """Store the key (and its idempotency record), unless a live record for the same owner
        and idempotency key exists: then store nothing and return that record."""

        def write(db: sqlite3.Connection) -> IdempotencyRecord | None:
            if idempotency is not None:
                existing = _idempotency(db, idempotency.owner, idempotency.key, record.created_at)
                if existing is not None:
                    return existing
                db.execute(
                    "INSERT OR REPLACE INTO idempotency VALUES (?, ?, ?, ?, ?)",
                    (
                        idempotency.owner,
                        idempotency.key,
                        idempotency.request_digest,
                        idempotency.response,
                        idempotency.expires_at.isoformat(),
                    ),
                )
            db.execute(
                "INSERT INTO api_keys VALUES (?, ?, ?, ?, ?, ?)",
                (
                    record.id,
                    record.key_digest,
                    json.dumps(record.scopes),
                    record.created_at.isoformat(),
                    record.expires_at.isoformat() if record.expires_at else None,
                    record.created_by,
                ),
            )
            return None

        return await self.database.write(write)

    async def by_digest(self, *key_digests: str) -> ApiKeyRecord | None:
        """The key stored under any of `key_digests` (a key value's digests under each
        configured secret key: a key made before a rotation is stored under an older one)."""

        def read(db: sqlite3.Connection) -> ApiKeyRecord | None:
            marks = ", ".join("?" * len(key_digests))
            row = db.execute(f"SELECT * FROM api_keys WHERE key_digest IN ({marks})", key_digests)
            return _api_key(row.fetchone())

        return await self.database.read(read)

    async def idempotency(self, owner: str, key: str, now: datetime) -> IdempotencyRecord | None:
        """The live (unexpired) record, if any."""
        return await self.database.read(lambda db: _idempotency(db, owner, key, now))


def _api_key(row: tuple[str, ...] | None) -> ApiKeyRecord | None:
    if row is None:
        return None
    key_id, digest, scopes, created_at, expires_at, created_by = row
    return ApiKeyRecord(
        key_id,
        digest,
        tuple(json.loads(scopes)),
        datetime.fromisoformat(created_at),
        datetime.fromisoformat(expires_at) if expires_at else None,
        created_by,
    )


def _idempotency(
    db: sqlite3.Connection, owner: str, key: str, now: datetime
) -> IdempotencyRecord | None:
    row = db.execute(
        "SELECT request_digest, response, expires_at FROM idempotency WHERE owner = ? AND key = ?",
        (owner, key),
    ).fetchone()
    if row is None:
        return None
    digest, response, expires_at = row
    expires = datetime.fromisoformat(expires_at)
    if expires <= now:
        return None
    return IdempotencyRecord(owner, key, digest, bytes(response), expires)
