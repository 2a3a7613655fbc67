"""One line per request, cheap enough to leave on: `POST /api/admin/api-keys 201 1.4ms -`.

A `logging` record per request, formatted and written on the event loop, cost the mock a
fifth of its throughput. Here a request costs one string and one queue put; a writer thread
gathers what arrived in the last moment and hands it to the `keywright.access` logger as one
record, so handlers, levels and formats still come from the logging configuration.

The query string is not logged: it may carry credentials (`?access_token=…`). The path is
logged as sent, its percent-escapes kept: decoded, `%0A` would start a line of the client's
choosing in the log, and `%1B` write terminal escapes.
"""

from __future__ import annotations

import atexit
import logging
import queue
import threading
import time
from urllib.parse import quote

from starlette.types import ASGIApp, Message, Receive, Scope, Send

NOTE_KEY = "keywright.access_note"
"""A one-item list in the scope: what an inner layer wants said about the request (the mock
names the example it answered with)."""

ANSWERED_KEY = "keywright.answered"
"""Set in the scope by the HTTP protocol when it answers a request in the app's place (a
stalled body's 408) while the app still runs: the status the client got, and the one logged."""

log = logging.getLogger("keywright.access")


class AccessLog:
    """ASGI middleware: one line per HTTP request, when `keywright.access` logs at info."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not log.isEnabledFor(logging.INFO):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 0
        said = ["-"]
        scope[NOTE_KEY] = said

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            elapsed = (time.perf_counter() - started) * 1000
            status = scope.get(ANSWERED_KEY, status)
            line = f"{scope['method']} {as_sent(scope)} {status} {elapsed:.1f}ms {said[0]}"
            WRITER.put(line)


def as_sent(scope: Scope) -> str:
    """The request's path for a log line: as sent, its percent-escapes kept, never a decoded
    control character."""
    raw: bytes | None = scope.get("raw_path")
    return raw.decode("latin-1") if raw else quote(scope["path"])


def note(scope: Scope, text: str) -> None:
    """Say `text` on the request's log line (nothing when the request is not being logged)."""
    holder: list[str] | None = scope.get(NOTE_KEY)
    if holder is not None:
        holder[0] = text


class _Writer:
    """Lines from any thread, logged in batches by one daemon thread."""

    def __init__(self, gather_seconds: float = 0.05) -> None:
        self.gather_seconds = gather_seconds
        self.lines: queue.SimpleQueue[str] = queue.SimpleQueue()
        self.waiting = threading.Event()
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None

    def put(self, line: str) -> None:
        if self.thread is None:
            self._start()
        self.lines.put(line)
        if not self.waiting.is_set():  # after the put: the writer clears it before it drains
            self.waiting.set()

    def flush(self) -> None:
        """Log every line put so far (at exit, and for tests that read the log)."""
        with self.lock:
            batch = self._drain()
            if batch:
                log.info("%s", "\n".join(batch))

    def _start(self) -> None:
        with self.lock:
            if self.thread is None:
                self.thread = threading.Thread(target=self._run, name="access-log", daemon=True)
                self.thread.start()
                atexit.register(self.flush)

    def _run(self) -> None:
        while True:
            self.waiting.wait()
            time.sleep(self.gather_seconds)  # let this moment's lines arrive: one write for all
            self.waiting.clear()
            self.flush()

    def _drain(self) -> list[str]:
        batch: list[str] = []
        try:
            while True:
                batch.append(self.lines.get_nowait())
        except queue.Empty:
            return batch


WRITER = _Writer()


def flush() -> None:
    """Log what is waiting now, rather than within the next moment."""
    WRITER.flush()


__all__ = ["ANSWERED_KEY", "NOTE_KEY", "AccessLog", "flush", "note"]
