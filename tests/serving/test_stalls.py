"""Slow and excess connections are logged as counts once per interval, not a line each: an
attack of thousands of slow clients must not also flood the log."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter

import pytest

from keywright.serving import stalls


def test_many_closed_connections_make_one_warning_per_interval(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(stalls, "INTERVAL", 0.05)
    monkeypatch.setattr(stalls, "_counts", Counter())  # not what servers run in-process counted
    monkeypatch.setattr(stalls, "_report", None)

    async def reported(records: int) -> None:
        while len(caplog.records) < records:
            await asyncio.sleep(0.01)

    async def attack() -> None:
        for _ in range(500):
            stalls.count("waiting for a request head")
        stalls.count("over the connection limit")
        await asyncio.wait_for(reported(1), timeout=5)
        stalls.count("waiting for a request body")
        await asyncio.wait_for(reported(2), timeout=5)
        await asyncio.sleep(0.1)  # and nothing more

    with caplog.at_level(logging.WARNING, logger="keywright.connections"):
        asyncio.run(attack())
    assert [record.getMessage() for record in caplog.records] == [
        "closed 501 slow, malformed or excess connections in the last 0.05 s: "
        "500 waiting for a request head, 1 over the connection limit",
        "closed 1 slow, malformed or excess connections in the last 0.05 s: "
        "1 waiting for a request body",
    ]
    assert all(record.levelno == logging.WARNING for record in caplog.records)
