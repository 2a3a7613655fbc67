"""Proxy keys: an identifier once per account."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from keywright.apis.proxy_keys.store import ProxyKeyRecord, ProxyKeyStore
from keywright.server.storage import AlreadyExists, Database

pytestmark = pytest.mark.anyio

NOW = datetime(2026, 1, 1, tzinfo=UTC)


async def test_an_identifier_is_unique_per_account(database: Database) -> None:
    store = ProxyKeyStore(database)
    record = ProxyKeyRecord("acct", "id", "name", None, {"o": {}}, "d1", NOW)
    await store.add(record)
    with pytest.raises(AlreadyExists):
        await store.add(replace(record, key_digest="d2"))
    await store.add(replace(record, account="other", key_digest="d3"))
    rows = await database.read(
        lambda db: db.execute("SELECT account, key_digest FROM proxy_keys").fetchall()
    )
    assert sorted(rows) == [("acct", "d1"), ("other", "d3")]
