"""Both stores keep the same promises: uniqueness, atomic writes, live idempotency records."""

from __future__ import annotations

import asyncio
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from keywright.errors import ApiError, Kind
from keywright.server.store import (
    AccessKeyRecord,
    AlreadyExists,
    ApiKeyRecord,
    IdempotencyRecord,
    LimitReached,
    ProxyKeyRecord,
    SqliteStore,
    Store,
)

pytestmark = pytest.mark.anyio  # writes are awaited: they return once committed to disk

NOW = datetime(2026, 1, 1, tzinfo=UTC)
API_KEY = ApiKeyRecord("id-1", "digest-1", ("pci:tokens:read",), NOW, None, "admin")
IDEMPOTENCY = IdempotencyRecord(
    "admin", "k", "body-digest", b"encrypted", NOW + timedelta(hours=24)
)


async def test_proxy_key_identifier_is_unique_per_account(store: Store) -> None:
    record = ProxyKeyRecord("acct", "id", "name", None, {"o": {}}, "d1", NOW)
    await store.add_proxy_key(record)
    with pytest.raises(AlreadyExists):
        await store.add_proxy_key(replace(record, key_digest="d2"))
    await store.add_proxy_key(replace(record, account="other", key_digest="d3"))
    assert store.proxy_key("acct", "id") == record


async def test_access_key_display_name_is_unique_per_project(store: Store) -> None:
    record = AccessKeyRecord("ak_1", "p", "CI", "d", NOW, NOW)
    await store.add_access_key(record, limit=10)
    with pytest.raises(AlreadyExists):
        await store.add_access_key(replace(record, access_key_id="ak_2"), limit=10)
    assert store.access_key("ak_1") == record
    assert store.access_key("ak_2") is None


async def test_a_project_at_its_limit_takes_no_more_keys_even_concurrently(store: Store) -> None:
    records = [AccessKeyRecord(f"ak_{n}", "p", f"key {n}", "d", NOW, NOW) for n in range(8)]
    outcomes = await asyncio.gather(
        *(store.add_access_key(record, limit=3) for record in records), return_exceptions=True
    )
    assert sum(outcome is None for outcome in outcomes) == 3
    assert all(isinstance(o, LimitReached) for o in outcomes if o is not None)
    stored = [r for r in records if store.access_key(r.access_key_id) is not None]
    assert len(stored) == 3
    other = AccessKeyRecord("ak_other", "q", "key 0", "d", NOW, NOW)
    await store.add_access_key(other, limit=3)


async def test_api_key_with_idempotency_record(store: Store) -> None:
    assert await store.add_api_key(API_KEY, IDEMPOTENCY) is None
    assert store.api_key_by_digest("digest-1") == API_KEY
    assert store.idempotency_record("admin", "k", NOW) == IDEMPOTENCY
    second = replace(API_KEY, id="id-2", key_digest="digest-2")
    assert await store.add_api_key(second, IDEMPOTENCY) == IDEMPOTENCY
    assert store.api_key("id-2") is None, "the losing request must store nothing"


async def test_expired_idempotency_records_are_gone_and_replaced(store: Store) -> None:
    await store.add_api_key(API_KEY, IDEMPOTENCY)
    later = IDEMPOTENCY.expires_at + timedelta(seconds=1)
    assert store.idempotency_record("admin", "k", later) is None
    second = replace(API_KEY, id="id-2", key_digest="digest-2", created_at=later)
    fresh = replace(IDEMPOTENCY, expires_at=later + timedelta(hours=24))
    assert await store.add_api_key(second, fresh) is None
    assert store.idempotency_record("admin", "k", later) == fresh


async def test_a_failed_write_leaves_nothing_behind(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = SqliteStore(tmp_path / "kw.db")
    await store.add_api_key(API_KEY)
    clash = replace(API_KEY, key_digest="digest-2")  # same id: the api_keys insert fails
    other_idempotency = replace(IDEMPOTENCY, key="other")
    with pytest.raises(Exception):  # noqa: B017 - sqlite's IntegrityError
        await store.add_api_key(clash, other_idempotency)
    assert store.idempotency_record("admin", "other", NOW) is None
    store.close()


async def test_data_survives_reopening(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = SqliteStore(tmp_path / "kw.db")
    await store.add_api_key(API_KEY, IDEMPOTENCY)
    store.close()
    reopened = SqliteStore(tmp_path / "kw.db")
    assert reopened.api_key("id-1") == API_KEY
    assert reopened.idempotency_record("admin", "k", NOW) == IDEMPOTENCY
    reopened.close()


async def test_a_locked_database_is_unavailable_not_a_crash(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "kw.db"
    store = SqliteStore(path, busy_timeout=0.05)
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(ApiError) as raised:
            await store.add_api_key(API_KEY)
        assert raised.value.kind is Kind.UNAVAILABLE
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    await store.add_api_key(API_KEY)  # and it recovers
    assert store.api_key("id-1") == API_KEY
    store.close()
