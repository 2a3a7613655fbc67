"""API keys and their idempotency records: one key per live idempotency record, atomically."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from keywright.apis.api_keys.store import ApiKeyRecord, ApiKeyStore, IdempotencyRecord
from keywright.server.storage import AlreadyExists, Database

pytestmark = pytest.mark.anyio

NOW = datetime(2026, 1, 1, tzinfo=UTC)
API_KEY = ApiKeyRecord("id-1", "digest-1", ("pci:tokens:read",), NOW, None, "admin")
IDEMPOTENCY = IdempotencyRecord(
    "admin", "k", "body-digest", b"encrypted", NOW + timedelta(hours=24)
)


async def test_a_key_with_its_idempotency_record(database: Database) -> None:
    store = ApiKeyStore(database)
    assert await store.add(API_KEY, IDEMPOTENCY) is None
    assert await store.by_digest("digest-1") == API_KEY
    assert await store.idempotency("admin", "k", NOW) == IDEMPOTENCY
    second = replace(API_KEY, id="id-2", key_digest="digest-2")
    assert await store.add(second, IDEMPOTENCY) == IDEMPOTENCY
    assert await store.by_digest("digest-2") is None, "the losing request must store nothing"


async def test_expired_idempotency_records_are_gone_and_replaced(database: Database) -> None:
    store = ApiKeyStore(database)
    await store.add(API_KEY, IDEMPOTENCY)
    later = IDEMPOTENCY.expires_at + timedelta(seconds=1)
    assert await store.idempotency("admin", "k", later) is None
    second = replace(API_KEY, id="id-2", key_digest="digest-2", created_at=later)
    fresh = replace(IDEMPOTENCY, expires_at=later + timedelta(hours=24))
    assert await store.add(second, fresh) is None
    assert await store.idempotency("admin", "k", later) == fresh


async def test_a_clash_stores_neither_the_key_nor_its_record(database: Database) -> None:
    store = ApiKeyStore(database)
    await store.add(API_KEY)
    clash = replace(API_KEY, key_digest="digest-2")  # the same id: the key's insert fails
    with pytest.raises(AlreadyExists, match=r"UNIQUE constraint failed: api_keys\.id"):
        await store.add(clash, replace(IDEMPOTENCY, key="other"))
    assert await store.idempotency("admin", "other", NOW) is None
