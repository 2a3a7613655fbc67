"""HTTP as the servers speak it: uvicorn's httptools protocol, with the bounds of
`keywright.serving.limits` and every answer it gives itself in the envelope of the API that
owns the path.

uvicorn answers a request HTTP refuses (a NUL in the request line, a control character in a
header) in plain text, waits for a slow client's head and body for ever, and reads a header of
any size. Here:
- a request HTTP refuses is answered as invalid (400, or 422 where the API says so) in the
  owning API's envelope, found from the parsed target or from the readable start of a request
  line the parser refused; so is an HTTP/1.1 request without exactly one Host header, which
  uvicorn serves;
- a head not complete within `header_timeout` of its first byte, or a declared body not
  complete within `body_timeout` of the head, is answered 408 and the connection closed;
- a head over `max_header_bytes` or `max_headers` fields is answered 431, counted as the bytes
  arrive (httptools would buffer a 100 MB header first);
- a request on a connection beyond `max_connections` is answered 503 at once;
- a connection that sends nothing is closed after the keep-alive timeout, as between requests;
- what the app writes in one turn of the event loop (a response's head, then its body) goes
  out in one write (`Corked`): uvicorn writes each part as it comes, and the second system
  call and TCP segment cost a third of the mock's CPU time per request.
Closed stalled connections are counted and logged once per interval (`stalls`), not one line
per connection: an attack must not also flood the log.

It relies on uvicorn's httptools protocol's internals (`send_400_response`, the parser
callbacks, `cycle` and its `transport`, `timeout_keep_alive_task`), which are not public API:
tests/serving/test_third_party_seams.py fails if an upgrade of uvicorn changes them.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Mapping
from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit

import orjson
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from keywright.errors import ApiError, Kind
from keywright.serving import stalls
from keywright.serving.access_log import ANSWERED_KEY
from keywright.serving.limits import Limits

MALFORMED = (
    "Malformed HTTP request: a header or the request line has characters HTTP does not allow"
)
NO_SINGLE_HOST = (
    "A request may carry one Host header only, and an HTTP/1.1 request must carry one "
    "(RFC 9112, section 3.2)"
)

Renderer = Callable[[str, ApiError], tuple[int, Any] | None]
"""(path, error) → the status and body of the API that owns the path, or None for no API."""

_renderer: Renderer | None = None
_limits = Limits()

LINGER = 1.0
"""Seconds a refused connection is still read (and what arrives dropped) after its answer, so
that a client still sending reads the answer instead of a reset."""


def use(renderer: Renderer) -> None:
    """Set how this process's servers answer in an API's envelope (done by `build_app`)."""
    global _renderer
    _renderer = renderer


def limit(limits: Limits) -> None:
    """Set the bounds of this process's connections (done by each worker from its settings)."""
    global _limits
    _limits = limits


class EnvelopeHttpProtocol(HttpToolsProtocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self.limits = _limits
        self.refused = False
        self.owed = b""
        """A refusal written once the app has answered the requests pipelined before it."""
        self.chunk = self.message_chunk = b""
        self.corked = Corked(transport, self.loop)
        self.over_limit = len(self.connections) > self.limits.max_connections
        self.deadline: asyncio.TimerHandle | None = None
        self._new_head()
        self.timeout_keep_alive_task = self.loop.call_later(
            self.timeout_keep_alive, self.timeout_keep_alive_handler
        )

    def _new_head(self) -> None:
        self.reading_head = True
        self.reading_body = False
        self.head_bytes = 0

    def data_received(self, data: bytes) -> None:
        if self.refused:
            return
        self.chunk = data
        if self.reading_head:
            self.head_bytes += len(data)
        super().data_received(data)
        if self.reading_head and self.head_bytes > self.limits.max_header_bytes:
            self._refuse(Kind.HEADERS_TOO_LARGE, _too_large(self.limits))

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_deadline()
        super().connection_lost(exc)

    # The parser's callbacks

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self.message_chunk = self.chunk
        """The read this request began in, to find its API if the parser refuses it."""
        self._set_deadline(self.limits.header_timeout, self._head_too_slow)

    def on_headers_complete(self) -> None:
        self._cancel_deadline()
        self.reading_head = False
        head = len(self.url) + sum(len(name) + len(value) + 4 for name, value in self.headers)
        if head > self.limits.max_header_bytes or len(self.headers) > self.limits.max_headers:
            self._refuse(Kind.HEADERS_TOO_LARGE, _too_large(self.limits))
            return
        if not _one_host(self.headers, self.parser.get_http_version()):
            stalls.count("malformed")
            self._refuse(Kind.INVALID, NO_SINGLE_HOST)
            return
        if self.over_limit:
            stalls.count("over the connection limit")
            message = f"The server is at its connection limit ({self.limits.max_connections}); retry later"
            self._refuse(Kind.UNAVAILABLE, message, {"Retry-After": "1"})
            return
        super().on_headers_complete()
        self.cycle.transport = self.corked  # type: ignore[assignment]
        self.reading_body = True
        self._set_deadline(self.limits.body_timeout, self._body_too_slow)

    def on_body(self, body: bytes) -> None:
        if not self.refused:
            super().on_body(body)

    def on_message_complete(self) -> None:
        self._cancel_deadline()
        self._new_head()  # not at the response: an early answer (401) can precede the body's end
        if not self.refused:
            super().on_message_complete()

    def send_400_response(self, msg: str) -> None:
        stalls.count("malformed")
        self._give_up(Kind.INVALID, MALFORMED)  # a broken chunk: the app waits for its body

    # Deadlines

    def _set_deadline(self, seconds: float, expired: Callable[[], None]) -> None:
        self._cancel_deadline()
        self.deadline = self.loop.call_later(seconds, expired)

    def _cancel_deadline(self) -> None:
        if self.deadline is not None:
            self.deadline.cancel()
            self.deadline = None

    def _head_too_slow(self) -> None:
        stalls.count("waiting for a request head")
        seconds = _seconds(self.limits.header_timeout)
        self._give_up(Kind.TIMEOUT, f"The request head did not arrive within {seconds}")

    def _body_too_slow(self) -> None:
        stalls.count("waiting for a request body")
        seconds = _seconds(self.limits.body_timeout)
        self._give_up(Kind.TIMEOUT, f"The request body did not arrive within {seconds}")

    def eof_received(self) -> None:
        """The client closed its side with a request unfinished (a deadline is set exactly
        while one is): the rest can never come, so it is answered now."""
        if self.deadline is not None:
            self._give_up(Kind.INVALID, "The client ended its request before it was complete")

    def _give_up(self, kind: Kind, message: str) -> None:
        """Stop waiting for the current request: answer it, unless the app already has."""
        cycle = self.cycle
        if self.reading_body and not cycle.response_complete:
            cycle.disconnected = True  # the app's `receive` says so; what it sends is dropped
            cycle.message_event.set()
            if cycle.response_started:
                self.corked.close()
                return
        self._refuse(kind, message)

    # Answering without the app

    def _refuse(self, kind: Kind, message: str, headers: Mapping[str, str] | None = None) -> None:
        """Answer in the envelope of the API that owns the path, then close the connection;
        after the answers of the requests pipelined before this one, which the app still owes."""
        if self.refused or self.transport.is_closing():
            return
        self.refused = True
        self._cancel_deadline()
        status, answer = self._render(kind, message, headers)
        cycle = self.cycle
        if cycle is not None and cycle.disconnected and not cycle.response_complete:
            # answered in place of the app, which still runs: its log line says what was sent
            cycle.scope[ANSWERED_KEY] = status  # type: ignore[literal-required]
        if self.pipeline or (
            cycle is not None and not cycle.response_complete and not cycle.disconnected
        ):
            self.owed = answer  # written by on_response_complete, once they have gone
        else:
            self._write_and_close(answer)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self.owed and not self.pipeline and self.cycle.response_complete:
            self._write_and_close(self.owed)

    def _render(
        self, kind: Kind, message: str, headers: Mapping[str, str] | None
    ) -> tuple[int, bytes]:
        url = getattr(self, "url", b"") or _last_request_target(self.message_chunk)
        path = urlsplit(url.decode("latin-1")).path
        error = ApiError(kind, message, headers=headers)
        answer = _renderer(path, error) if _renderer else None
        status, content = answer or (kind.status, {"code": kind.status, "message": message})
        body = orjson.dumps(content)
        head = [f"HTTP/1.1 {status} {HTTPStatus(status).phrase}\r\n".encode()]
        head += [
            name + b": " + value + b"\r\n" for name, value in self.server_state.default_headers
        ]
        head += [f"{name}: {value}\r\n".encode() for name, value in error.headers.items()]
        head += [
            b"content-type: application/json\r\n",
            b"content-length: " + str(len(body)).encode() + b"\r\n",
            b"connection: close\r\n\r\n",
        ]
        return status, b"".join(head) + body

    def _write_and_close(self, answer: bytes) -> None:
        if self.transport.is_closing():
            return
        self.corked.write(answer)  # after what the app wrote before it
        self.corked.flush()
        if self.transport.can_write_eof():
            self.transport.write_eof()
            self.loop.call_later(LINGER, self.transport.close)
        else:
            self.transport.close()


class Corked:
    """The transport the app's answers are written to: what one turn of the event loop writes
    (a response's head, then its body) goes out as one write, a system call fewer a response."""

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self.transport = transport
        self.loop = loop
        self.pending: list[bytes] = []

    def write(self, data: bytes) -> None:
        if not self.pending:
            self.loop.call_soon(self.flush)
        self.pending.append(data)

    def flush(self) -> None:
        if self.pending:
            data = b"".join(self.pending)
            self.pending.clear()
            if not self.transport.is_closing():
                self.transport.write(data)

    def close(self) -> None:
        self.flush()
        self.transport.close()

    def is_closing(self) -> bool:
        return self.transport.is_closing()


_REQUEST_LINE = re.compile(rb"(?:^|\n)[A-Z]+ (/[!-~]*)")


def _last_request_target(chunk: bytes) -> bytes:
    """The readable start of the last request line in `chunk`, the read in which the request
    the parser refused began: the parser stops at the request it refuses, so that is the last
    one begun there. Enough to find the API that owns the path of a line it refused (a NUL or
    a non-ASCII byte in it)."""
    lines = _REQUEST_LINE.findall(chunk)
    return lines[-1] if lines else b""


def _one_host(headers: list[tuple[bytes, bytes]], http_version: str) -> bool:
    """RFC 9112 asks a server to refuse an HTTP/1.1 request without a Host header, and any
    request with more than one (HTTP/1.0 predates the header)."""
    hosts = sum(name == b"host" for name, _ in headers)
    return hosts == 1 or (hosts == 0 and http_version == "1.0")


def _too_large(limits: Limits) -> str:
    return (
        f"Request headers are larger than {limits.max_header_bytes} bytes "
        f"or more than {limits.max_headers} fields"
    )


def _seconds(seconds: float) -> str:
    return f"{seconds:g} s"
