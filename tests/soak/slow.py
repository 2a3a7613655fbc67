"""Slow clients: slowloris on the head and on the body, connections that never speak, and a
client that is slow but within its deadlines.
The servers are started with short deadlines (`--header-timeout`, `--body-timeout`,
`--keep-alive`), so that slow clients are cut off many times within a run.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import socket
import time
from dataclasses import dataclass

from tests.soak.attacks import JSON, Api, Request, http
from tests.soak.wire import NoReply, Reader, Reply, connect, send


@dataclass(frozen=True)
class Deadlines:
    header: float
    body: float
    keep_alive: int

    def options(self) -> list[str]:
        return [
            "--header-timeout",
            str(self.header),
            "--body-timeout",
            str(self.body),
            "--keep-alive",
            str(self.keep_alive),
        ]


class Kind(enum.Enum):
    HEAD = "head trickled"
    """The request line, then one header line every `TRICKLE` seconds, never the end."""
    BODY = "body stalled"
    """A whole head declaring 1000 bytes of body, then 30 of them, then nothing."""
    SILENT = "silent"
    """Connects and sends nothing."""
    IN_TIME = "slow, in time"
    """A valid create sent in pieces over 40% of the head deadline: it must be served."""


TRICKLE = 0.25
KINDS = (Kind.HEAD, Kind.BODY, Kind.SILENT, Kind.IN_TIME)


@dataclass
class Slow:
    """One slow connection, as it went."""

    kind: Kind
    api: str
    path: str
    deadline: float
    """Seconds the server should allow it (0 for one in time: it must be served)."""
    held: float = 0.0
    """Seconds from the moment the deadline started to the answer or the close."""
    reply: Reply | None = None
    closed_by_server: bool = False
    served: Request | None = None
    """For one in time: what it sent (its answer is a well-formed answer)."""


async def slow_connection(
    port: int, api: Api, kind: Kind, deadlines: Deadlines, served: Request, cap: float
) -> Slow:
    """Run one slow connection of `kind` until the server closes it or `cap` seconds pass."""
    deadline = {
        Kind.HEAD: deadlines.header,
        Kind.BODY: deadlines.body,
        Kind.SILENT: float(deadlines.keep_alive),
        Kind.IN_TIME: 0.0,
    }[kind]
    slow = Slow(kind, api.name, api.path, deadline)
    sock = await connect(port)
    reader = Reader(sock)
    trickle: asyncio.Task[None] | None = None
    start = time.perf_counter()
    try:
        async with asyncio.timeout(cap):
            if kind is Kind.IN_TIME:
                slow.served = served
                await _in_pieces(sock, served.raw, deadlines.header * 0.4)
            elif kind is Kind.HEAD:
                await send(sock, f"POST {api.path} HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode())
                trickle = asyncio.create_task(_trickle(sock))
            elif kind is Kind.BODY:
                head = http("POST", api.path, [api.credential, JSON], length=1000)
                await send(sock, head + b'{"' + b"a" * 28)
            start = time.perf_counter() if kind in (Kind.IN_TIME, Kind.BODY) else start
            with contextlib.suppress(NoReply):
                slow.reply = await reader.reply()
            slow.held = time.perf_counter() - start
            if kind is not Kind.IN_TIME:
                slow.closed_by_server = reader.eof or await reader.closed(within=3.0)
    except TimeoutError:
        slow.held = time.perf_counter() - start
    finally:
        if trickle is not None:
            trickle.cancel()
        with contextlib.suppress(OSError):
            sock.close()
    return slow


async def _trickle(sock: socket.socket) -> None:
    number = 0
    while await send(sock, f"x-slow-{number}: {number}\r\n".encode()):
        number += 1
        await asyncio.sleep(TRICKLE)


async def _in_pieces(sock: socket.socket, raw: bytes, over: float) -> None:
    pieces = 5
    size = -(-len(raw) // pieces)
    for number in range(pieces):
        await send(sock, raw[number * size : (number + 1) * size])
        if number < pieces - 1:
            await asyncio.sleep(over / (pieces - 1))
