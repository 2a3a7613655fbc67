"""Group commit: writes that arrive together share one SQLite transaction and one fsync.

Every acknowledged key must be on disk (`synchronous=FULL`), and an fsync per key caps
a server at the disk's fsync rate whatever its CPU. So writers hand their work to one
committer thread and await it; it runs whatever has queued up as one transaction, each
write inside its own savepoint (a write that fails leaves no trace and does not fail
the others), commits once, and only then answers each waiting writer. The event loop
never blocks on the disk.

Crossing between the threads is what costs (waking a thread, then the loop, and the GIL
passed back and forth), so it is done per batch, not per write: a loop hands over the writes
of one turn together, and the committer wakes each loop once with every answer it owes it.
"""

from __future__ import annotations

import asyncio
import fcntl
import queue
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any, NamedTuple, TypeVar

from keywright.server.storage.errors import AlreadyExists, StorageUnavailable

T = TypeVar("T")
Write = Callable[[sqlite3.Connection], Any]
Outcome = tuple[asyncio.Future[Any], Any, BaseException | None]

MAX_BATCH = 128
"""Once a batch holds this many writes, writes handed over later wait for the next commit."""


class _Job(NamedTuple):
    write: Write
    future: asyncio.Future[Any]


class GroupCommit:
    def __init__(self, db: sqlite3.Connection, lock_file: int) -> None:
        """`db` becomes the committer's own; `lock_file` is flock'ed to queue writers in other
        processes (SQLite's busy handler would make them poll with sleeps of up to 100 ms)."""
        self._db = db
        self._lock_file = lock_file
        self._queue: queue.SimpleQueue[list[_Job] | None] = queue.SimpleQueue()
        self._gathering: dict[asyncio.AbstractEventLoop, list[_Job]] = {}
        self._thread = threading.Thread(target=self._run, name="keywright-commit", daemon=True)
        self._thread.start()

    async def write(self, write: Callable[[sqlite3.Connection], T]) -> T:
        """Run `write` in a transaction; return once it is committed to disk."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        gathered = self._gathering.get(loop)
        if gathered is None:
            self._forget_closed_loops()
            gathered = self._gathering[loop] = []
            loop.call_soon(self._hand_over, loop)
        gathered.append(_Job(write, future))
        return await future

    def _hand_over(self, loop: asyncio.AbstractEventLoop) -> None:
        """At the end of the loop's turn: its writes, to the committer, in one wake-up."""
        self._queue.put(self._gathering.pop(loop))

    def _forget_closed_loops(self) -> None:
        """A loop closed before its turn ended never hands over what it gathered: nobody waits
        for those writes any more, and the entry would keep the loop alive. Other loops'
        threads change `_gathering` meanwhile, hence the copy of its keys."""
        for loop in list(self._gathering):
            if loop.is_closed():
                self._gathering.pop(loop, None)

    def close(self) -> None:
        """Commit what is queued, then stop."""
        self._queue.put(None)
        self._thread.join()
        self._db.close()

    def _run(self) -> None:
        while (first := self._queue.get()) is not None:
            batch = list(first)
            while len(batch) < MAX_BATCH:
                try:
                    jobs = self._queue.get_nowait()
                except queue.Empty:
                    break
                if jobs is None:
                    self._commit(batch)
                    return
                batch.extend(jobs)
            self._commit(batch)

    def _commit(self, batch: list[_Job]) -> None:
        # A writer that gave up (its request was cancelled) before its write began is skipped.
        # Reading a future's state from this thread is safe: only its loop changes it, and a
        # writer who gives up later finds its write made (as a cancelled thread pool job would).
        batch = [job for job in batch if not job.future.cancelled()]
        if not batch:
            return
        outcomes: list[Outcome] = []
        try:
            with _exclusive(self._lock_file):
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    for write, future in batch:
                        outcomes.append((future, *self._in_savepoint(write)))
                    self._db.execute("COMMIT")
                except BaseException:
                    if self._db.in_transaction:
                        self._db.execute("ROLLBACK")
                    raise
        except sqlite3.OperationalError as exc:
            failure = unavailable(exc)
            outcomes = [(future, None, failure) for _, future in batch]
        except Exception as exc:
            outcomes = [(future, None, exc) for _, future in batch]
        _answer(outcomes)

    def _in_savepoint(self, write: Write) -> tuple[Any, BaseException | None]:
        self._db.execute("SAVEPOINT write")
        try:
            result = write(self._db)
        except sqlite3.OperationalError:
            raise  # the transaction itself is in trouble: fail the batch
        except Exception as exc:
            self._db.execute("ROLLBACK TO write")
            self._db.execute("RELEASE write")
            if isinstance(exc, sqlite3.IntegrityError):
                return None, AlreadyExists(str(exc))
            return None, exc
        self._db.execute("RELEASE write")
        return result, None


def _answer(outcomes: list[Outcome]) -> None:
    """Wake each writer's loop once for the whole batch (`asyncio.wrap_future` wakes it once
    per write)."""
    by_loop: dict[asyncio.AbstractEventLoop, list[Outcome]] = {}
    for outcome in outcomes:
        by_loop.setdefault(outcome[0].get_loop(), []).append(outcome)
    for loop, answers in by_loop.items():
        with suppress(RuntimeError):  # the loop is closed: nobody is waiting any more
            loop.call_soon_threadsafe(_settle, answers)


def _settle(outcomes: list[Outcome]) -> None:
    for future, result, error in outcomes:
        if future.cancelled():
            continue
        if error is None:
            future.set_result(result)
        else:
            future.set_exception(error)


@contextmanager
def _exclusive(fd: int) -> Iterator[None]:
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)


def unavailable(exc: sqlite3.OperationalError) -> StorageUnavailable:
    """A locked or failing database is temporary: the client may retry."""
    return StorageUnavailable(f"Storage is temporarily unavailable ({exc}); retry later")
