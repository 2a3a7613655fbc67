"""The bounds on a client, over real sockets to `keywright serve` and `keywright mock`: a slow
head or body is answered 408, an oversized head 431, a connection beyond the limit 503, each in
the owning API's envelope; well-formed requests around them are served as usual."""

from __future__ import annotations

import asyncio
import select
import socket
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import orjson
import pytest

from keywright.serving.protocol import Corked
from tests.credentials import ADMIN
from tests.envelopes import assert_envelope_body
from tests.processes import keywright

DEADLINE = 1.0
LIMITS = (
    "--header-timeout", "1", "--body-timeout", "1", "--keep-alive", "2", "--max-connections", "8"
)  # fmt: skip
API_KEYS = b"POST /api/admin/api-keys HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
ADMIN_HEADER = b"x-admin-token: " + ADMIN["x-admin-token"].encode() + b"\r\n"
VALID = b'{"scopes": ["pci:tokens:create"]}'
"""A whole request body, and a valid JSON prefix of any longer body it starts."""


@pytest.fixture(scope="module", params=["serve", "mock"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str, Path]]:
    """(command, url, database file: empty for the mock)"""
    db = tmp_path_factory.mktemp("protocol") / "keys.db"
    args = ["--db", str(db)] if request.param == "serve" else []
    with keywright(request.param, *args, *LIMITS, output=subprocess.DEVNULL) as (url, _):
        yield request.param, url, db


def _connect(url: str) -> socket.socket:
    address = urlsplit(url)
    connection = socket.create_connection((address.hostname, address.port))
    connection.settimeout(10)
    return connection


def _stored(db: Path) -> int:
    with sqlite3.connect(db) as database:
        (count,) = database.execute("SELECT count(*) FROM api_keys").fetchone()
    return int(count)


def _one_response(connection: socket.socket) -> bytes:
    """One response of a kept-alive connection, by its Content-Length."""
    received = b""
    while b"\r\n\r\n" not in received:
        received += connection.recv(65536)
    head, _, body = received.partition(b"\r\n\r\n")
    length = int(head.lower().split(b"content-length: ")[1].split(b"\r\n")[0])
    while len(body) < length:
        body += connection.recv(65536)
    return head + b"\r\n\r\n" + body


def _answer(connection: socket.socket) -> tuple[int, dict[str, str], bytes]:
    """The status, headers and body of the one answer before the server closes."""
    received = b""
    while chunk := connection.recv(65536):
        received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {name.lower(): value for name, _, value in (line.partition(": ") for line in lines)}
    return int(status_line.split()[1]), headers, body


def test_a_head_that_trickles_in_is_answered_408_at_its_deadline(
    server: tuple[str, str, Path],
) -> None:
    _, url, _ = server
    with _connect(url) as connection:
        started = time.monotonic()
        connection.sendall(b"POST /api/admin/api-keys HTTP/1.1\r\nHost: t\r\n")
        time.sleep(DEADLINE / 2)
        connection.sendall(b"X-Still: coming\r\n")
        status, headers, body = _answer(connection)
    waited = time.monotonic() - started
    assert status == 408
    assert DEADLINE * 0.9 <= waited < DEADLINE * 4, waited
    assert headers["connection"] == "close"
    assert (
        "did not arrive within 1 s"
        in assert_envelope_body("api-keys", orjson.loads(body), 408)["message"]
    )


def test_a_body_that_never_ends_is_408_and_creates_nothing(server: tuple[str, str, Path]) -> None:
    """A valid JSON prefix of the declared body must not be acted on when the rest never
    comes: the key it would create is never acknowledged."""
    command, url, db = server
    prefix = VALID
    before = _stored(db) if command == "serve" else 0
    with _connect(url) as connection:
        connection.sendall(API_KEYS + ADMIN_HEADER + b"Content-Length: 1000\r\n\r\n" + prefix)
        status, _, body = _answer(connection)
    assert status == 408
    assert (
        "body did not arrive"
        in assert_envelope_body("api-keys", orjson.loads(body), 408)["message"]
    )
    if command == "serve":
        assert _stored(db) == before


def test_the_access_log_says_408_for_a_body_that_never_ends() -> None:
    """The app still runs when the protocol answers in its place; its log line gives the status
    the client got, not the one the app then tried to send."""
    with (
        keywright("mock", *LIMITS, output=subprocess.PIPE) as (url, process),
        _connect(url) as connection,
    ):
        connection.sendall(API_KEYS + ADMIN_HEADER + b"Content-Length: 1000\r\n\r\n" + VALID)
        status, _, _ = _answer(connection)
    assert status == 408
    assert process.stdout is not None
    lines = [line for line in process.stdout.read().splitlines() if "/api/admin/api-keys" in line]
    assert len(lines) == 1 and " /api/admin/api-keys 408 " in lines[0], lines


@pytest.mark.parametrize("server", ["serve"], indirect=True)  # the mock stores nothing
def test_a_client_gone_mid_body_creates_nothing(server: tuple[str, str, Path]) -> None:
    _, url, db = server
    before = _stored(db)
    with _connect(url) as connection:
        connection.sendall(API_KEYS + ADMIN_HEADER + b"Content-Length: 100\r\n\r\n" + VALID)
        time.sleep(0.2)
    time.sleep(0.5)
    assert _stored(db) == before
    with _connect(url) as connection:  # the same body, whole, does create one
        connection.sendall(
            API_KEYS + ADMIN_HEADER + b"Content-Length: %d\r\n\r\n" % len(VALID) + VALID
        )
        connection.recv(65536)
    assert _stored(db) == before + 1


def test_a_request_cut_short_by_a_half_close_is_answered_at_once(
    server: tuple[str, str, Path],
) -> None:
    """The client shuts its side mid-body (a chunked upload that ends early): no more can come,
    so the answer is the API's validation error, now, not silence or a wait for the deadline."""
    _, url, _ = server
    with _connect(url) as connection:
        connection.sendall(
            API_KEYS + ADMIN_HEADER + b'Transfer-Encoding: chunked\r\n\r\n5\r\n{"sco\r\n'
        )
        connection.shutdown(socket.SHUT_WR)
        started = time.monotonic()
        status, _, body = _answer(connection)
    assert time.monotonic() - started < DEADLINE / 2
    assert status == 422
    message = assert_envelope_body("api-keys", orjson.loads(body), 422)["message"]
    assert "before it was complete" in message


def test_a_broken_chunk_is_answered_at_once_though_the_app_awaits_the_body(
    server: tuple[str, str, Path],
) -> None:
    _, url, _ = server
    with _connect(url) as connection:
        started = time.monotonic()
        connection.sendall(
            API_KEYS + ADMIN_HEADER + b"Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"
        )
        status, _, body = _answer(connection)
    assert time.monotonic() - started < DEADLINE / 2
    assert status == 422
    assert "Malformed HTTP" in assert_envelope_body("api-keys", orjson.loads(body), 422)["message"]


@pytest.mark.parametrize(
    "extra",
    [
        b"X-Big: " + b"a" * 40_000 + b"\r\n",
        b"".join(b"X-Field-%d: 1\r\n" % number for number in range(101)),
    ],
    ids=["over 32 KiB", "over 100 fields"],
)
def test_an_oversized_head_is_431_in_the_envelope(
    server: tuple[str, str, Path], extra: bytes
) -> None:
    _, url, _ = server
    with _connect(url) as connection:
        connection.sendall(API_KEYS + ADMIN_HEADER + extra + b"Content-Length: 2\r\n\r\n{}")
        status, _, body = _answer(connection)
    assert status == 431
    assert_envelope_body("api-keys", orjson.loads(body), 431)


@pytest.mark.parametrize(
    ("version", "hosts"),
    [(b"1.1", b""), (b"1.1", b"Host: t\r\nHost: u\r\n"), (b"1.0", b"Host: t\r\nHost: u\r\n")],
    ids=["HTTP/1.1 without Host", "two Hosts", "HTTP/1.0 with two Hosts"],
)
def test_a_request_without_exactly_one_host_is_refused_and_creates_nothing(
    server: tuple[str, str, Path], version: bytes, hosts: bytes
) -> None:
    command, url, db = server
    before = _stored(db) if command == "serve" else 0
    request_line = b"POST /api/admin/api-keys HTTP/" + version + b"\r\n"
    head = request_line + hosts + ADMIN_HEADER + b"Content-Type: application/json\r\n"
    with _connect(url) as connection:
        connection.sendall(head + b"Content-Length: %d\r\n\r\n" % len(VALID) + VALID)
        status, _, body = _answer(connection)
    assert status == 422  # what the API keys answer an invalid request
    assert "Host header" in assert_envelope_body("api-keys", orjson.loads(body), 422)["message"]
    if command == "serve":
        assert _stored(db) == before


def test_an_http_1_0_request_may_leave_out_host(server: tuple[str, str, Path]) -> None:
    _, url, _ = server
    head = b"POST /api/admin/api-keys HTTP/1.0\r\n" + ADMIN_HEADER
    head += b"Content-Type: application/json\r\n"
    with _connect(url) as connection:
        connection.sendall(head + b"Content-Length: %d\r\n\r\n" % len(VALID) + VALID)
        status, _, body = _answer(connection)  # HTTP/1.0: the server closes after its answer
    assert status == 200, body  # the API key made


def test_a_header_of_megabytes_is_refused_as_it_arrives(server: tuple[str, str, Path]) -> None:
    """Answered once the head passes the limit, while the client is still sending: the server
    never buffers (or parses) the rest of it."""
    _, url, _ = server
    with _connect(url) as connection:
        connection.sendall(b"POST /cf/admin/proxy/keys HTTP/1.1\r\nX-Big: ")
        sent = 0
        while not select.select([connection], [], [], 0.05)[0]:
            assert sent < 4_000_000, "no answer after 4 MB of one header"
            connection.sendall(b"a" * 65536)
            sent += 65536
        status, _, body = _answer(connection)
    assert status == 431
    assert sent < 1_000_000
    assert_envelope_body("proxy-keys", orjson.loads(body), 431)


def test_beyond_the_connection_limit_is_503_with_retry_after(server: tuple[str, str, Path]) -> None:
    _, url, _ = server
    held = [_connect(url) for _ in range(8)]
    try:
        time.sleep(0.2)
        with _connect(url) as connection:
            connection.sendall(b"POST /v1/projects/p/accessKeys HTTP/1.1\r\nHost: t\r\n\r\n")
            status, headers, body = _answer(connection)
        assert status == 503
        assert headers["retry-after"] == "1"
        assert (
            "connection limit (8)"
            in assert_envelope_body("access-keys", orjson.loads(body), 503)["message"]
        )
    finally:
        for connection in held:
            connection.close()
    time.sleep(0.2)
    with _connect(url) as connection:  # served again once the others are gone
        connection.sendall(
            API_KEYS + ADMIN_HEADER + b"Content-Length: 2\r\nConnection: close\r\n\r\n{}"
        )
        status, _, _ = _answer(connection)
    assert status == 422


def test_a_body_after_an_early_answer_is_not_taken_for_the_next_head(
    server: tuple[str, str, Path],
) -> None:
    """A refusal that comes before the body (401) leaves the body to arrive on a kept-alive
    connection; its bytes are the old request's, not a 40 KB head of the next one."""
    _, url, _ = server
    body = b'{"name": "' + b"x" * 40_000 + b'"}'
    with _connect(url) as connection:
        connection.sendall(API_KEYS + b"Content-Length: %d\r\n\r\n" % len(body))
        assert _one_response(connection).startswith(b"HTTP/1.1 401")
        connection.sendall(body)
        connection.sendall(
            API_KEYS + ADMIN_HEADER + b"Content-Length: 2\r\nConnection: close\r\n\r\n{}"
        )
        status, _, _ = _answer(connection)
    assert status == 422


def test_a_connection_that_says_nothing_is_closed_after_the_keep_alive_timeout(
    server: tuple[str, str, Path],
) -> None:
    _, url, _ = server
    with _connect(url) as connection:
        started = time.monotonic()
        assert connection.recv(1) == b""
    assert 1.5 < time.monotonic() - started < 6, "an idle connection was held"


def test_well_formed_clients_are_served_while_slow_ones_are_held(
    server: tuple[str, str, Path],
) -> None:
    _, url, _ = server
    slow = [_connect(url) for _ in range(5)]
    try:
        for connection in slow:
            connection.sendall(b"POST /api/admin/api-keys HTTP/1.1\r\n")
        started = time.monotonic()
        with _connect(url) as connection:
            connection.sendall(
                API_KEYS + ADMIN_HEADER + b"Content-Length: 2\r\nConnection: close\r\n\r\n{}"
            )
            status, _, _ = _answer(connection)
        assert status == 422
        assert time.monotonic() - started < DEADLINE / 2
    finally:
        for connection in slow:
            connection.close()


class _Transport:
    def __init__(self) -> None:
        self.writes: list[bytes] = []
        self.closed = False

    def write(self, data: bytes) -> None:
        self.writes.append(data)

    def is_closing(self) -> bool:
        return self.closed

    def close(self) -> None:
        self.closed = True


def test_a_response_written_in_parts_goes_out_in_one_write_in_order() -> None:
    async def respond() -> _Transport:
        transport = _Transport()
        corked = Corked(transport, asyncio.get_running_loop())  # type: ignore[arg-type]
        corked.write(b"HTTP/1.1 200 OK\r\n\r\n")
        corked.write(b"{}")
        assert transport.writes == [], "written before the turn of the loop ended"
        await asyncio.sleep(0)
        corked.write(b"HTTP/1.1 201 Created\r\n\r\n")
        corked.close()  # what is pending goes out first
        return transport

    transport = asyncio.run(respond())
    assert transport.writes == [b"HTTP/1.1 200 OK\r\n\r\n{}", b"HTTP/1.1 201 Created\r\n\r\n"]
    assert transport.closed
