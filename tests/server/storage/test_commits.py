"""Writes that wait together are committed together, and each succeeds or fails on its own."""

from __future__ import annotations

import asyncio
import gc
import os
import sqlite3
import threading
import weakref
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from keywright.server.storage import AlreadyExists
from keywright.server.storage.commits import GroupCommit

pytestmark = pytest.mark.anyio


@pytest.fixture
def db(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(tmp_path / "kw.db", isolation_level=None, check_same_thread=False)
    connection.execute("CREATE TABLE keys (name TEXT PRIMARY KEY)")
    yield connection
    connection.close()


@pytest.fixture
def group(db: sqlite3.Connection, tmp_path: Path) -> Iterator[GroupCommit]:
    lock_file = os.open(tmp_path / "kw.lock", os.O_RDWR | os.O_CREAT)
    group = GroupCommit(db, lock_file)
    yield group
    group.close()
    os.close(lock_file)


@asynccontextmanager
async def committer_busy(group: GroupCommit) -> AsyncIterator[None]:
    """Keeps the committer inside a first write (which inserts 'first') until the block ends."""
    in_first_write, go_on = threading.Event(), threading.Event()

    def slow_first(connection: sqlite3.Connection) -> None:
        in_first_write.set()
        go_on.wait(timeout=10)
        connection.execute("INSERT INTO keys VALUES ('first')")

    first = asyncio.ensure_future(group.write(slow_first))
    await asyncio.to_thread(in_first_write.wait, 10)
    try:
        yield
    finally:
        go_on.set()
        await first


def stored(tmp_path: Path) -> set[str]:
    """What another connection sees: only committed data."""
    check = sqlite3.connect(tmp_path / "kw.db")
    try:
        return {row[0] for row in check.execute("SELECT name FROM keys")}
    finally:
        check.close()


async def test_waiting_writes_share_one_commit_and_a_clash_fails_alone(
    group: GroupCommit, db: sqlite3.Connection, tmp_path: Path
) -> None:
    commits: list[str] = []
    db.set_trace_callback(lambda sql: commits.append(sql) if sql == "COMMIT" else None)

    async def insert(name: str) -> tuple[str, str]:
        try:
            await group.write(lambda c: c.execute("INSERT INTO keys VALUES (?)", (name,)))
        except AlreadyExists:
            return name, "clash"
        return name, "stored"

    names = ["a", "b", "c", "a", "d"]  # the second "a" clashes with the first
    async with committer_busy(group):
        writes = [asyncio.ensure_future(insert(name)) for name in names]
        while group._queue.empty():  # the five, handed over together, wait behind "first"
            await asyncio.sleep(0.005)
    outcomes = await asyncio.gather(*writes)

    assert len(commits) == 2  # "first" alone, then the five that queued behind it, together
    assert sorted(outcomes) == sorted(
        [("a", "stored"), ("a", "clash"), ("b", "stored"), ("c", "stored"), ("d", "stored")]
    )
    assert stored(tmp_path) == {"first", "a", "b", "c", "d"}


async def test_nothing_is_acknowledged_before_it_is_committed(
    group: GroupCommit, tmp_path: Path
) -> None:
    await group.write(lambda c: c.execute("INSERT INTO keys VALUES ('a')"))
    assert stored(tmp_path) == {"a"}


async def test_a_write_whose_caller_gave_up_is_not_made(group: GroupCommit, tmp_path: Path) -> None:
    async with committer_busy(group):
        abandoned = asyncio.ensure_future(
            group.write(lambda c: c.execute("INSERT INTO keys VALUES ('abandoned')"))
        )
        await asyncio.sleep(0.01)
        abandoned.cancel()
    later = group.write(lambda c: c.execute("INSERT INTO keys VALUES ('later')"))
    await asyncio.wait_for(later, timeout=5)  # the committer is still working
    assert stored(tmp_path) == {"first", "later"}


async def test_writers_on_several_event_loops_each_get_their_own_answers(
    group: GroupCommit, tmp_path: Path
) -> None:
    """The committer answers each loop for its own writes (a test client runs its app on a
    loop of its own, beside the server's)."""

    def on_its_own_loop(names: list[str]) -> list[str]:
        async def insert_all() -> list[str]:
            async def insert(name: str) -> str:
                await group.write(lambda c: c.execute("INSERT INTO keys VALUES (?)", (name,)))
                return name

            loop = asyncio.get_running_loop()
            started = loop.time()
            # answers that did not wake this loop would sit here until the timeout woke it
            answers = await asyncio.wait_for(asyncio.gather(*map(insert, names)), timeout=3)
            assert loop.time() - started < 2
            return list(answers)

        return asyncio.run(insert_all())

    left = [f"left-{n}" for n in range(20)]
    right = [f"right-{n}" for n in range(20)]
    async with committer_busy(group):
        both = asyncio.gather(
            asyncio.to_thread(on_its_own_loop, left), asyncio.to_thread(on_its_own_loop, right)
        )
        while group._queue.qsize() < 2:  # both loops' writes wait, to be committed together
            await asyncio.sleep(0.005)
    answers = await both

    assert answers == [left, right]
    assert stored(tmp_path) == {"first", *left, *right}


def test_a_loop_closed_before_its_turn_ended_is_not_kept(
    group: GroupCommit, tmp_path: Path
) -> None:
    """A test client's loop can close with a write gathered but not yet handed over: that
    write is never made (nobody awaits it), and the loop is not kept alive by it."""
    loop = asyncio.new_event_loop()
    lost = loop.create_task(group.write(lambda c: c.execute("INSERT INTO keys VALUES ('lost')")))
    loop.call_soon(loop.stop)  # stops at the end of the turn in which the write was gathered
    loop.run_forever()
    loop.close()
    closed = weakref.ref(loop)
    del loop, lost

    asyncio.run(group.write(lambda c: c.execute("INSERT INTO keys VALUES ('later')")))
    gc.collect()

    assert closed() is None
    assert stored(tmp_path) == {"later"}
