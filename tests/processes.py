"""Running `keywright serve` / `keywright mock` as a real process on a free loopback port."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from keywright.bench.process import free_port


@contextmanager
def keywright(
    *args: str,
    env: dict[str, str] | None = None,
    output: int | None = subprocess.DEVNULL,
    python: str = sys.executable,
    cwd: Path | None = None,
) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """`python -m keywright ARGS --port P`, ready once its Swagger UI answers; yields (url, process)."""
    port = free_port()
    process = subprocess.Popen(
        [python, "-m", "keywright", *args, "--port", str(port)],
        cwd=cwd,
        stdout=output,
        stderr=subprocess.STDOUT if output == subprocess.PIPE else output,
        text=True,
        env={**os.environ, **(env or {})},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{url}/v1/openapi.json")
                break
            except httpx.TransportError:
                assert process.poll() is None, "keywright exited"
                assert time.monotonic() < deadline, "keywright did not start"
                time.sleep(0.2)
        yield url, process
    finally:
        process.terminate()
        process.wait(timeout=15)
