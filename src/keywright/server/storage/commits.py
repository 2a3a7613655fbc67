"""Group commit: writes that arrive together share one SQLite transaction and one fsync.

Every acknowledged key must be on disk (`synchronous=FULL`), and an fsync per key caps
a server at the disk's fsync rate whatever its CPU. So writers hand their work to one
committer thread and await it; it runs whatever has queued up as one transaction, each
write inside its own savepoint (a write that fails leaves no trace and does not fail
the others), commits once, and only then answers each waiting writer. The event loop
never blocks on the disk.
"""

from __future__ import annotations

import asyncio
import fcntl
import queue
import sqlite3
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from typing import Any, TypeVar

from keywright.server.storage.errors import AlreadyExists, StorageUnavailable

T = TypeVar("T")
Write = Callable[[sqlite3.Connection], Any]

MAX_BATCH = 128


class GroupCommit:
    def __init__(self, db: sqlite3.Connection, lock_file: int) -> None:
        """`db` becomes the committer's own; `lock_file` is flock'ed to queue writers in other
        processes (SQLite's busy handler would make them poll with sleeps of up to 100 ms)."""
        self._db = db
        self._lock_file = lock_file
        self._queue: queue.SimpleQueue[tuple[Write, Future[Any]] | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="keywright-commit", daemon=True)
        self._thread.start()

    async def write(self, write: Callable[[sqlite3.Connection], T]) -> T:
        """Run `write` in a transaction; return once it is committed to disk."""
        future: Future[T] = Future()
        self._queue.put((write, future))
        return await asyncio.wrap_future(future)

    def close(self) -> None:
        """Commit what is queued, then stop."""
        self._queue.put(None)
        self._thread.join()
        self._db.close()

    def _run(self) -> None:
        while (first := self._queue.get()) is not None:
            batch = [first]
            while len(batch) < MAX_BATCH:
                try:
                    job = self._queue.get_nowait()
                except queue.Empty:
                    break
                if job is None:
                    self._commit(batch)
                    return
                batch.append(job)
            self._commit(batch)

    def _commit(self, batch: list[tuple[Write, Future[Any]]]) -> None:
        # A writer that gave up (its request was cancelled) is skipped; the rest can no
        # longer be cancelled, so each gets its answer.
        batch = [
            (write, future) for write, future in batch if future.set_running_or_notify_cancel()
        ]
        if not batch:
            return
        outcomes: list[tuple[Future[Any], Any, BaseException | None]] = []
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
        for future, result, error in outcomes:
            if error is None:
                future.set_result(result)
            else:
                future.set_exception(error)

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
