"""The reference server's one SQLite database, shared by the API packages' stores.

WAL and full fsync, so an acknowledged key survives a crash; every write in its own savepoint
of a group commit (`commits`), so a crash never leaves half a key. Writes and reads are
awaited: writes run on the committer thread, reads on a reader thread with their own
connection (in WAL mode a read sees the last commit and never waits for a writer). Nothing
blocks the event loop.

Without a file (`--db :memory:`), the database is a throwaway file in a temporary folder,
without fsync, deleted on close: one code path either way.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from keywright.server.storage.commits import GroupCommit, unavailable

T = TypeVar("T")
Statement = Callable[[sqlite3.Connection], T]

THROWAWAY = ":memory:"


class Database:
    def __init__(
        self, path: str | Path, schemas: Sequence[str] = (), *, busy_timeout: float = 10.0
    ) -> None:
        self._throwaway: Path | None = None
        if str(path) == THROWAWAY:
            self._throwaway = Path(tempfile.mkdtemp(prefix="keywright-db-"))
            path = self._throwaway / "keywright.db"
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        writer = sqlite3.connect(
            path, isolation_level=None, check_same_thread=False, timeout=busy_timeout
        )
        writer.execute("PRAGMA journal_mode=WAL")
        writer.execute(f"PRAGMA synchronous={'OFF' if self._throwaway else 'FULL'}")
        for schema in schemas:
            writer.executescript(schema)
        self._lock_file = os.open(f"{path}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        self._commits = GroupCommit(writer, self._lock_file)
        self._reader = sqlite3.connect(path, check_same_thread=False, timeout=busy_timeout)
        self._reads = ThreadPoolExecutor(max_workers=1, thread_name_prefix="keywright-read")
        self._closed = False

    async def write(self, statement: Statement[T]) -> T:
        """Run `statement` in its own savepoint; return once it is committed to disk. A clash
        with a uniqueness rule raises AlreadyExists; a locked database StorageUnavailable."""
        return await self._commits.write(statement)

    async def read(self, statement: Statement[T]) -> T:
        """Run `statement` on the reader connection, off the event loop."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._reads, self._read, statement)

    def _read(self, statement: Statement[T]) -> T:
        try:
            return statement(self._reader)
        except sqlite3.OperationalError as exc:
            raise unavailable(exc) from None

    async def ready(self) -> str | None:
        """None when the database answers a read; otherwise why not (for `/readyz`)."""
        try:
            await self.read(lambda connection: connection.execute("SELECT 1").fetchone())
        except Exception as exc:  # any failure means not ready; say which
            return f"storage unavailable: {exc}"
        return None

    def close(self) -> None:
        """Commit what is queued, then let go of everything (a second call does nothing)."""
        if self._closed:
            return
        self._closed = True
        self._commits.close()
        self._reads.shutdown(wait=True)
        self._reader.close()
        os.close(self._lock_file)
        if self._throwaway is not None:
            shutil.rmtree(self._throwaway, ignore_errors=True)
