"""Access keys: a display name once per project, and never more keys than the limit."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from keywright.apis.access_keys.store import AccessKeyRecord, AccessKeyStore, LimitReached
from keywright.server import open_database
from keywright.server.storage import AlreadyExists, Database
from tests.catalog import CATALOG

pytestmark = pytest.mark.anyio

NOW = datetime(2026, 1, 1, tzinfo=UTC)


async def test_a_display_name_is_unique_per_project(database: Database) -> None:
    store = AccessKeyStore(database)
    record = AccessKeyRecord("ak_1", "p", "CI", "d", NOW, NOW)
    await store.add(record, limit=10)
    with pytest.raises(AlreadyExists):
        await store.add(replace(record, access_key_id="ak_2"), limit=10)
    assert await store.get("ak_1") == record
    assert await store.get("ak_2") is None
    await store.add(replace(record, access_key_id="ak_3", project_id="q"), limit=10)


async def test_a_project_at_its_limit_takes_no_more_keys_even_concurrently(
    database: Database,
) -> None:
    store = AccessKeyStore(database)
    records = [AccessKeyRecord(f"ak_{n}", "p", f"key {n}", "d", NOW, NOW) for n in range(8)]
    outcomes = await asyncio.gather(
        *(store.add(record, limit=3) for record in records), return_exceptions=True
    )
    assert [o for o in outcomes if o is not None] == [outcomes[n] for n in range(3, 8)]
    assert all(isinstance(o, LimitReached) for o in outcomes[3:])
    found = [await store.get(r.access_key_id) for r in records]
    assert sum(record is not None for record in found) == 3
    await store.add(AccessKeyRecord("ak_other", "q", "key 0", "d", NOW, NOW), limit=3)


async def test_a_refused_duplicate_does_not_count_towards_the_limit(database: Database) -> None:
    store = AccessKeyStore(database)
    record = AccessKeyRecord("ak_1", "p", "CI", "d", NOW, NOW)
    await store.add(record, limit=2)
    with pytest.raises(AlreadyExists):
        await store.add(replace(record, access_key_id="ak_2"), limit=2)
    await store.add(AccessKeyRecord("ak_3", "p", "other", "d", NOW, NOW), limit=2)
    with pytest.raises(LimitReached):
        await store.add(AccessKeyRecord("ak_4", "p", "third", "d", NOW, NOW), limit=2)


async def test_a_database_from_before_the_counts_keeps_its_limit(tmp_path: Path) -> None:
    """The counts are rebuilt from the keys when a database without them is opened."""
    path = tmp_path / "old.db"
    database = open_database(str(path), CATALOG)
    store = AccessKeyStore(database)
    for n in range(3):
        await store.add(AccessKeyRecord(f"ak_{n}", "p", f"key {n}", "d", NOW, NOW), limit=3)
    await database.write(lambda db: db.execute("DROP TABLE access_key_counts"))
    database.close()
    reopened = open_database(str(path), CATALOG)
    try:
        with pytest.raises(LimitReached):
            await AccessKeyStore(reopened).add(
                AccessKeyRecord("ak_9", "p", "one more", "d", NOW, NOW), limit=3
            )
    finally:
        reopened.close()
