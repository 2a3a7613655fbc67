"""One HTTP/1.1 exchange over a raw loopback socket, timed.

The soak sends bytes no client library would send (a NUL in a header, a body that lies about
its length, half a request and then a reset) and must read whatever comes back, or see the
connection close: so it speaks HTTP itself, on non-blocking sockets driven by asyncio.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import socket
import struct
import time
from dataclasses import dataclass, field

HOST = "127.0.0.1"
"""Loopback only: the soak never leaves the machine."""
MAX_HEAD = 64 * 1024
MAX_BODY = 1024 * 1024
"""Bigger answers than these are themselves a finding: no documented response comes close."""


class Sending(enum.Enum):
    """How a request is sent, and whether its answer is read."""

    WHOLE = "whole"
    """Send everything, read the answer."""
    HANG_UP = "hang up"
    """Send the first part, then close (FIN) without reading: a client that gave up."""
    RESET = "reset"
    """Send the first part, then reset the connection (RST): a client that crashed."""
    LEAVE = "leave"
    """Send everything, then close without reading the answer."""


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    """Lower-case names; a repeated header keeps its last value."""
    body: bytes

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


@dataclass
class Outcome:
    replies: list[Reply] = field(default_factory=list)
    """In order: one per request sent (pipelined requests get one each)."""
    seconds: float = 0.0
    """From connecting to the end of the answer (or of the attempt)."""
    failure: str | None = None
    """Why there is no reply: 'closed before answering', 'timed out', 'reset', ..."""

    @property
    def reply(self) -> Reply | None:
        return self.replies[0] if self.replies else None


class NoReply(Exception):
    """The connection ended (or the time ran out) before a whole answer arrived."""


async def connect(port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setblocking(False)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        await asyncio.get_running_loop().sock_connect(sock, (HOST, port))
    except BaseException:
        sock.close()
        raise
    return sock


async def send(sock: socket.socket, data: bytes) -> bool:
    """Whether all of `data` was sent: a server may answer early and stop reading, and that is
    its right (an oversized body, a refused head)."""
    try:
        await asyncio.get_running_loop().sock_sendall(sock, data)
    except OSError:
        return False
    return True


def reset(sock: socket.socket) -> None:
    """Close with an RST rather than a FIN, as a crashed client's kernel would."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


class Reader:
    """Reads one answer from a socket: a head, then a body by Content-Length, by chunks, or to
    the end of the connection."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = b""
        self.eof = False

    async def _more(self) -> None:
        if self.eof:
            raise NoReply("closed before answering")
        try:
            chunk = await asyncio.get_running_loop().sock_recv(self.sock, 65536)
        except ConnectionResetError:
            self.eof = True
            raise NoReply("reset") from None
        except OSError as exc:
            self.eof = True
            raise NoReply(f"socket error {exc.errno}") from None
        if not chunk:
            self.eof = True
            raise NoReply("closed before answering")
        self.buffer += chunk

    async def _until(self, marker: bytes, limit: int) -> bytes:
        while (end := self.buffer.find(marker)) < 0:
            if len(self.buffer) > limit:
                raise NoReply(f"no {marker!r} within {limit} bytes")
            await self._more()
        found, self.buffer = self.buffer[:end], self.buffer[end + len(marker) :]
        return found

    async def _exactly(self, size: int) -> bytes:
        while len(self.buffer) < size:
            await self._more()
        found, self.buffer = self.buffer[:size], self.buffer[size:]
        return found

    async def reply(self) -> Reply:
        """The next final answer: an interim one (`100 Continue`) is read past."""
        while True:
            head = await self._until(b"\r\n\r\n", MAX_HEAD)
            status_line, *lines = head.split(b"\r\n")
            parts = status_line.split(b" ", 2)
            if len(parts) < 2 or not parts[0].startswith(b"HTTP/1.") or not parts[1].isdigit():
                raise NoReply(f"not an HTTP status line: {status_line[:80]!r}")
            if not parts[1].startswith(b"1"):
                break
        headers: dict[str, str] = {}
        for line in lines:
            name, _, value = line.partition(b":")
            headers[name.strip().lower().decode("latin-1")] = value.strip().decode("latin-1")
        if "content-length" in headers:
            length = int(headers["content-length"])
            if length > MAX_BODY:
                raise NoReply(f"an answer of {length} bytes")
            body = await self._exactly(length)
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            body = await self._chunks()
        else:
            body = await self._to_the_end()
        return Reply(int(parts[1]), headers, body)

    async def _chunks(self) -> bytes:
        body = b""
        while True:
            size = int((await self._until(b"\r\n", 1024)).split(b";")[0], 16)
            if size == 0:
                await self._until(b"\r\n", MAX_HEAD)  # no trailers expected
                return body
            body += await self._exactly(size)
            await self._exactly(2)
            if len(body) > MAX_BODY:
                raise NoReply("a chunked answer over the bound")

    async def _to_the_end(self) -> bytes:
        with contextlib.suppress(NoReply):
            while len(self.buffer) <= MAX_BODY:
                await self._more()
        body, self.buffer = self.buffer, b""
        return body

    async def closed(self, within: float) -> bool:
        """Whether the server closes the connection within `within` seconds (what it sends
        meanwhile is dropped)."""
        try:
            async with asyncio.timeout(within):
                while True:
                    self.buffer = b""
                    await self._more()
        except NoReply:
            return True
        except TimeoutError:
            return False


async def exchange(
    port: int,
    request: bytes,
    *,
    timeout: float,
    sending: Sending = Sending.WHOLE,
    more: bytes = b"",
    cut: int | None = None,
    replies: int = 1,
) -> Outcome:
    """Send `request` (then `more`, which the server may refuse to read) as `sending` says and
    read `replies` answers (more than one: pipelined requests), all within `timeout` seconds. A
    request abandoned midway sends its first `cut` bytes (half, unless told)."""
    outcome = Outcome()
    start = time.perf_counter()
    sock: socket.socket | None = None
    try:
        async with asyncio.timeout(timeout):
            sock = await connect(port)
            if sending in (Sending.HANG_UP, Sending.RESET):
                await send(sock, request[: cut or max(1, len(request) // 2)])
                if sending is Sending.RESET:
                    reset(sock)
                    sock = None
                outcome.failure = f"we {sending.value}"
                return outcome
            # The server may answer and stop reading before the end: an early refusal.
            if await send(sock, request) and more:
                await send(sock, more)
            if sending is Sending.LEAVE:
                outcome.failure = "we left"
                return outcome
            reader = Reader(sock)
            while len(outcome.replies) < replies:
                outcome.replies.append(await reader.reply())
    except TimeoutError:
        outcome.failure = "timed out"
    except NoReply as exc:
        outcome.failure = str(exc)
    except OSError as exc:
        outcome.failure = f"socket error: {exc}"
    finally:
        outcome.seconds = time.perf_counter() - start
        if sock is not None:
            sock.close()
    return outcome
