"""Proxy keys: a digest of each key, never the key; an identifier once per account."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from keywright.server.storage import Database

TABLES = """
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
"""


@dataclass(frozen=True)
class ProxyKeyRecord:
    account: str
    identifier: str
    name: str
    description: str | None
    organizations: dict[str, Any]
    key_digest: str
    created_at: datetime


class ProxyKeyStore:
    def __init__(self, database: Database) -> None:
        self.database = database

    async def add(self, record: ProxyKeyRecord) -> None:
        """Raises AlreadyExists when the account has a key with this identifier."""
        row = (
            record.account,
            record.identifier,
            record.name,
            record.description,
            json.dumps(record.organizations),
            record.key_digest,
            record.created_at.isoformat(),
        )
        await self.database.write(
            lambda db: db.execute("INSERT INTO proxy_keys VALUES (?, ?, ?, ?, ?, ?, ?)", row)
        )
