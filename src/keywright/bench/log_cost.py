"""What the per-request log line costs the event loop, measured directly.

Comparing req/s with the log on and off cannot resolve a few percent on a shared machine (a
single run varies by ±25 %). The line's cost on the loop can be: the access-log middleware
around an app that answers at once, against that app alone, many times over. The writer
thread's batches are not on the loop; they are a handful of writes a second.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from statistics import median

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from keywright.serving.access_log import AccessLog, flush


async def _answer(scope: Scope, receive: Receive, send: Send) -> None:
    await send({"type": "http.response.start", "status": 201, "headers": []})
    await send({"type": "http.response.body", "body": b"{}"})


def log_line_microseconds(requests: int = 20_000, repeat: int = 9) -> float:
    """Median extra time per request, in µs, with the access log on (lines to /dev/null)."""
    logger = logging.getLogger("keywright.access")
    handler = logging.FileHandler(os.devnull)
    saved = (logger.level, logger.propagate)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        bare, logged = asyncio.run(_measure(_answer, AccessLog(_answer), requests, repeat))
        flush()
    finally:
        logger.removeHandler(handler)
        handler.close()
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
    return max(0.0, logged - bare)


async def _measure(
    bare: ASGIApp, logged: ASGIApp, requests: int, repeat: int
) -> tuple[float, float]:
    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(_message: Message) -> None:
        return None

    async def per_request(app: ASGIApp) -> float:
        started = time.perf_counter()
        for _ in range(requests):
            scope = {"type": "http", "method": "POST", "path": "/api/admin/api-keys"}
            await app(scope, receive, send)
        return (time.perf_counter() - started) / requests * 1e6

    timings: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        timings[0].append(await per_request(bare))
        timings[1].append(await per_request(logged))
    return median(timings[0]), median(timings[1])
