"""The database keeps its promises: a failed write leaves nothing, data survives reopening, a
locked database is unavailable (and recovers) rather than a crash."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from keywright.server.storage import AlreadyExists, Database, StorageUnavailable

pytestmark = pytest.mark.anyio

TABLES = "CREATE TABLE IF NOT EXISTS keys (name TEXT PRIMARY KEY, note TEXT);"


def _insert(name: str, note: str = "") -> object:
    return lambda db: db.execute("INSERT INTO keys VALUES (?, ?)", (name, note))


async def _names(database: Database) -> set[str]:
    return await database.read(lambda db: {row[0] for row in db.execute("SELECT name FROM keys")})


async def test_a_write_that_fails_halfway_leaves_nothing_behind(tmp_path: Path) -> None:
    database = Database(tmp_path / "kw.db", [TABLES])
    await database.write(_insert("a"))

    def two_rows(db: sqlite3.Connection) -> None:
        db.execute("INSERT INTO keys VALUES ('b', '')")
        db.execute("INSERT INTO keys VALUES ('a', 'clash')")

    with pytest.raises(AlreadyExists):
        await database.write(two_rows)
    assert await _names(database) == {"a"}, "'b' went with the failed write"
    database.close()


async def test_data_survives_reopening(tmp_path: Path) -> None:
    database = Database(tmp_path / "kw.db", [TABLES])
    await database.write(_insert("a"))
    database.close()
    reopened = Database(tmp_path / "kw.db", [TABLES])
    assert await _names(reopened) == {"a"}
    reopened.close()


async def test_a_throwaway_database_is_gone_when_closed() -> None:
    database = Database(":memory:", [TABLES])
    await database.write(_insert("a"))
    assert await _names(database) == {"a"}
    folder = database.path.parent
    database.close()
    assert not folder.exists()


async def test_a_locked_database_is_unavailable_then_recovers(tmp_path: Path) -> None:
    path = tmp_path / "kw.db"
    database = Database(path, [TABLES], busy_timeout=0.05)
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StorageUnavailable, match="retry later"):
            await database.write(_insert("a"))
        assert await _names(database) == set(), "in WAL mode, reads go on"
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    await database.write(_insert("a"))
    assert await _names(database) == {"a"}
    database.close()
