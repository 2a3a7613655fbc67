"""The app answers documented operations without Connexion, and builds Connexion once, on
the first request that needs it, without holding up the rest."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from typing import Any

import anyio
from starlette.types import ASGIApp, Receive, Scope, Send

from keywright.app import OnFirstUse
from tests.credentials import ADMIN


def test_a_documented_request_is_answered_before_connexion_is_imported() -> None:
    """Connexion's import is most of a start-up; only what no operation documents needs it."""
    script = """
import json, sys
from starlette.testclient import TestClient
from keywright.mock import create_app

client = TestClient(create_app())
created = client.post("/api/admin/api-keys", json={"scopes": ["pci:tokens:read"]}, headers=json.loads(sys.argv[1]))
assert created.is_success, created.text
assert "connexion" not in sys.modules, "a documented request imported Connexion"
missing = client.get("/api/admin/nothing-here")
assert missing.status_code == 404 and "problem" not in missing.headers["content-type"]
assert "connexion" in sys.modules
print("ok")
"""
    run = subprocess.run(
        [sys.executable, "-c", script, json.dumps(ADMIN)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.stdout.strip() == "ok", run.stderr


class Recorder:
    """An ASGI app that answers with the id of its build, made slowly."""

    builds = 0

    def __init__(self) -> None:
        time.sleep(0.3)
        Recorder.builds += 1
        self.build = Recorder.builds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"%d" % self.build})


async def _get(app: ASGIApp) -> bytes:
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b""}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app({"type": "http", "method": "GET", "path": "/"}, receive, send)
    return bytes(sent[-1]["body"])


def test_concurrent_first_requests_build_the_app_once_while_the_loop_serves_on() -> None:
    Recorder.builds = 0
    app = OnFirstUse(Recorder)
    answers: list[bytes] = []
    ticks: list[float] = []

    async def first() -> None:
        answers.append(await _get(app))

    async def clock() -> None:
        for _ in range(5):
            ticks.append(time.monotonic())
            await anyio.sleep(0.02)

    async def main() -> None:
        async with anyio.create_task_group() as group:
            for _ in range(4):
                group.start_soon(first)
            group.start_soon(clock)

    started = time.monotonic()
    anyio.run(main)
    assert answers == [b"1"] * 4
    assert Recorder.builds == 1
    assert ticks[-1] - started < 0.25, "the event loop waited for the build"
    assert anyio.run(_get, app) == b"1"


def test_the_lifespan_is_answered_without_building_the_app() -> None:
    built = threading.Event()

    def build() -> ASGIApp:
        built.set()
        raise AssertionError("built for a lifespan")

    messages = iter([{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}])
    sent: list[str] = []

    async def receive() -> Any:
        return next(messages)

    async def send(message: dict[str, Any]) -> None:
        sent.append(message["type"])

    anyio.run(OnFirstUse(build), {"type": "lifespan"}, receive, send)
    assert sent == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
    assert not built.is_set()
