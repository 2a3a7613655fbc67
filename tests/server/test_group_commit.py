"""Writes that wait together are committed together, and each succeeds or fails on its own."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from keywright.server.store.commits import GroupCommit


@pytest.fixture
def db(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(tmp_path / "kw.db", isolation_level=None, check_same_thread=False)
    connection.execute("CREATE TABLE keys (name TEXT PRIMARY KEY)")
    yield connection
    connection.close()


def test_waiting_writes_share_one_commit_and_a_clash_fails_alone(
    db: sqlite3.Connection, tmp_path: Path
) -> None:
    commits: list[str] = []
    db.set_trace_callback(lambda sql: commits.append(sql) if sql == "COMMIT" else None)
    lock_file = os.open(tmp_path / "kw.lock", os.O_RDWR | os.O_CREAT)
    group = GroupCommit(db, threading.Lock(), lock_file)
    outcomes: list[tuple[str, str]] = []
    in_first_write, go_on = threading.Event(), threading.Event()

    def slow_first(connection: sqlite3.Connection) -> None:
        in_first_write.set()
        go_on.wait(timeout=10)
        connection.execute("INSERT INTO keys VALUES ('first')")

    def insert(name: str) -> None:
        try:
            group.write(lambda c: c.execute("INSERT INTO keys VALUES (?)", (name,)))
            outcomes.append((name, "stored"))
        except sqlite3.IntegrityError:
            outcomes.append((name, "clash"))

    first = threading.Thread(target=group.write, args=(slow_first,))
    first.start()
    in_first_write.wait(timeout=10)
    names = ["a", "b", "c", "a", "d"]  # the second "a" clashes with the first
    threads = [threading.Thread(target=insert, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    _wait_until(lambda: group._queue.qsize() == len(names))  # all queued behind "first"
    go_on.set()
    for thread in [first, *threads]:
        thread.join(timeout=10)

    assert len(commits) == 2  # "first" alone, then the five that queued behind it, together
    assert sorted(outcomes) == sorted(
        [("a", "stored"), ("a", "clash"), ("b", "stored"), ("c", "stored"), ("d", "stored")]
    )
    stored = {row[0] for row in db.execute("SELECT name FROM keys")}
    assert stored == {"first", "a", "b", "c", "d"}
    group.close()
    os.close(lock_file)


def test_nothing_is_acknowledged_before_it_is_committed(
    db: sqlite3.Connection, tmp_path: Path
) -> None:
    lock_file = os.open(tmp_path / "kw.lock", os.O_RDWR | os.O_CREAT)
    group = GroupCommit(db, threading.Lock(), lock_file)
    group.write(lambda c: c.execute("INSERT INTO keys VALUES ('a')"))
    other = sqlite3.connect(tmp_path / "kw.db")  # another connection sees only committed data
    assert other.execute("SELECT name FROM keys").fetchall() == [("a",)]
    other.close()
    group.close()
    os.close(lock_file)


def _wait_until(condition, timeout: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)
