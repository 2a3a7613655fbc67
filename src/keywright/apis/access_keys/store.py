"""Access keys: a digest of each secret, never the secret; at most a limit per project."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from keywright.server.storage import Database

TABLES = """
CREATE TABLE IF NOT EXISTS access_keys (
    access_key_id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL,
    display_name TEXT NOT NULL,
    secret_digest TEXT NOT NULL,
    create_time TEXT NOT NULL,
    update_time TEXT NOT NULL,
    UNIQUE (project_id, display_name)
);
CREATE TABLE IF NOT EXISTS access_key_counts (
    project_id TEXT PRIMARY KEY,
    held INTEGER NOT NULL
);
INSERT OR IGNORE INTO access_key_counts
    SELECT project_id, COUNT(*) FROM access_keys GROUP BY project_id;
"""
"""Each project's count is kept beside its keys, in the same transaction: checking the limit
costs one lookup, however many keys a project holds."""


class LimitReached(Exception):
    """The project already holds as many keys as it may; nothing was stored."""


@dataclass(frozen=True)
class AccessKeyRecord:
    access_key_id: str
    project_id: str
    display_name: str
    secret_digest: str
    create_time: datetime
    update_time: datetime


class AccessKeyStore:
    def __init__(self, database: Database) -> None:
        self.database = database

    async def add(self, record: AccessKeyRecord, limit: int) -> None:
        """Raises AlreadyExists when the project has a key with this display name, and
        LimitReached when it already holds `limit` keys (checked in the same transaction)."""

        def write(db: sqlite3.Connection) -> None:
            count = db.execute(
                "SELECT held FROM access_key_counts WHERE project_id = ?", (record.project_id,)
            ).fetchone()
            exists = db.execute(
                "SELECT 1 FROM access_keys WHERE project_id = ? AND display_name = ?",
                (record.project_id, record.display_name),
            ).fetchone()
            if exists is None and count is not None and count[0] >= limit:
                raise LimitReached(record.project_id)
            db.execute(
                "INSERT INTO access_keys VALUES (?, ?, ?, ?, ?, ?)",
                (
                    record.access_key_id,
                    record.project_id,
                    record.display_name,
                    record.secret_digest,
                    record.create_time.isoformat(),
                    record.update_time.isoformat(),
                ),
            )
            db.execute(
                "INSERT INTO access_key_counts VALUES (?, 1) "
                "ON CONFLICT (project_id) DO UPDATE SET held = held + 1",
                (record.project_id,),
            )

        await self.database.write(write)

    async def get(self, access_key_id: str) -> AccessKeyRecord | None:
        def read(db: sqlite3.Connection) -> AccessKeyRecord | None:
            row = db.execute(
                "SELECT * FROM access_keys WHERE access_key_id = ?", (access_key_id,)
            ).fetchone()
            if row is None:
                return None
            key_id, project, name, digest, created, updated = row
            return AccessKeyRecord(
                key_id,
                project,
                name,
                digest,
                datetime.fromisoformat(created),
                datetime.fromisoformat(updated),
            )

        return await self.database.read(read)
