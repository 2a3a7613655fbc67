"""A SQLite store: WAL, full fsync, every write in its own savepoint of a group commit
(`commits`), so an acknowledged key survives a crash and a crash never leaves half a key."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from datetime import datetime
from pathlib import Path

from keywright.server.store.base import (
    AccessKeyRecord,
    AlreadyExists,
    ApiKeyRecord,
    IdempotencyRecord,
    LimitReached,
    ProxyKeyRecord,
)
from keywright.server.store.commits import GroupCommit, unavailable

SCHEMA = """
CREATE TABLE IF NOT EXISTS proxy_keys (
    account TEXT NOT NULL,
    identifier TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    organizations TEXT NOT NULL,
    key_digest TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (account, identifier)
);
CREATE TABLE IF NOT EXISTS access_keys (
    access_key_id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL,
    display_name TEXT NOT NULL,
    secret_digest TEXT NOT NULL,
    create_time TEXT NOT NULL,
    update_time TEXT NOT NULL,
    UNIQUE (project_id, display_name)
);
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


class SqliteStore:
    def __init__(self, path: str | Path, *, busy_timeout: float = 10.0) -> None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        writer = sqlite3.connect(
            path, isolation_level=None, check_same_thread=False, timeout=busy_timeout
        )
        writer.execute("PRAGMA journal_mode=WAL")
        writer.execute("PRAGMA synchronous=FULL")
        writer.executescript(SCHEMA)
        self._lock_file = os.open(f"{path}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        self._commits = GroupCommit(writer, self._lock_file)
        # Reads have their own connection: in WAL mode they see the last commit and never
        # wait for the committer's transaction.
        self._read_lock = threading.Lock()
        self._reader = sqlite3.connect(path, check_same_thread=False, timeout=busy_timeout)

    def _query(self, sql: str, *params: object) -> tuple | None:
        with self._read_lock:
            try:
                return self._reader.execute(sql, params).fetchone()
            except sqlite3.OperationalError as exc:
                raise unavailable(exc) from None

    async def _insert_unique(self, table: str, row: tuple[object, ...], key: object) -> None:
        """Insert `row`; AlreadyExists(key) when it clashes with a stored one."""
        sql = f"INSERT INTO {table} VALUES ({', '.join('?' * len(row))})"
        try:
            await self._commits.write(lambda db: db.execute(sql, row))
        except sqlite3.IntegrityError as exc:
            raise AlreadyExists(key) from exc

    async def add_proxy_key(self, record: ProxyKeyRecord) -> None:
        row = (
            record.account,
            record.identifier,
            record.name,
            record.description,
            json.dumps(record.organizations),
            record.key_digest,
            record.created_at.isoformat(),
        )
        await self._insert_unique("proxy_keys", row, (record.account, record.identifier))

    def proxy_key(self, account: str, identifier: str) -> ProxyKeyRecord | None:
        row = self._query(
            "SELECT * FROM proxy_keys WHERE account = ? AND identifier = ?", account, identifier
        )
        if row is None:
            return None
        account, identifier, name, description, organizations, digest, created_at = row
        return ProxyKeyRecord(
            account,
            identifier,
            name,
            description,
            json.loads(organizations),
            digest,
            datetime.fromisoformat(created_at),
        )

    async def add_access_key(self, record: AccessKeyRecord, limit: int) -> None:
        row = (
            record.access_key_id,
            record.project_id,
            record.display_name,
            record.secret_digest,
            record.create_time.isoformat(),
            record.update_time.isoformat(),
        )

        def write(db: sqlite3.Connection) -> None:
            (held,) = db.execute(
                "SELECT COUNT(*) FROM access_keys WHERE project_id = ?", (record.project_id,)
            ).fetchone()
            exists = db.execute(
                "SELECT 1 FROM access_keys WHERE project_id = ? AND display_name = ?",
                (record.project_id, record.display_name),
            ).fetchone()
            if exists is None and held >= limit:
                raise LimitReached(record.project_id)
            db.execute("INSERT INTO access_keys VALUES (?, ?, ?, ?, ?, ?)", row)

        try:
            await self._commits.write(write)
        except sqlite3.IntegrityError as exc:
            raise AlreadyExists((record.project_id, record.display_name)) from exc

    def access_key(self, access_key_id: str) -> AccessKeyRecord | None:
        row = self._query("SELECT * FROM access_keys WHERE access_key_id = ?", access_key_id)
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

    async def add_api_key(
        self, record: ApiKeyRecord, idempotency: IdempotencyRecord | None = None
    ) -> IdempotencyRecord | None:
        def write(db: sqlite3.Connection) -> IdempotencyRecord | None:
            if idempotency is not None:
                existing = _idempotency_row(
                    db, idempotency.owner, idempotency.key, record.created_at
                )
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

        return await self._commits.write(write)

    def api_key(self, key_id: str) -> ApiKeyRecord | None:
        return _api_key(self._query("SELECT * FROM api_keys WHERE id = ?", key_id))

    def api_key_by_digest(self, key_digest: str) -> ApiKeyRecord | None:
        return _api_key(self._query("SELECT * FROM api_keys WHERE key_digest = ?", key_digest))

    def idempotency_record(self, owner: str, key: str, now: datetime) -> IdempotencyRecord | None:
        with self._read_lock:
            return _idempotency_row(self._reader, owner, key, now)

    def close(self) -> None:
        self._commits.close()
        with self._read_lock:
            self._reader.close()
        os.close(self._lock_file)


def _api_key(row: tuple | None) -> ApiKeyRecord | None:
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


def _idempotency_row(
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
