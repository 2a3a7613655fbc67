"""`keywright mock --reload` picks up a spec edit without a manual restart."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import httpx

from keywright.apis import get_api

ORIGINAL = "The API key does not hold scope 'pci:tokens:delete'"
EDITED = "Edited while the mock was running"


def _forbidden_message(url: str) -> str | None:
    try:
        response = httpx.post(
            f"{url}/api/admin/api-keys",
            json={"scopes": ["pci:tokens:read"]},
            headers={"Authorization": "Bearer adm_reload", "Prefer": "code=403"},
        )
    except httpx.TransportError:
        return None  # restarting
    return response.json()["message"]


def _wait_for(url: str, expected: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while _forbidden_message(url) != expected:
        assert time.monotonic() < deadline, f"the mock never answered {expected!r}"
        time.sleep(0.3)


def test_reload_restarts_on_a_spec_edit() -> None:
    spec = get_api("api-keys").spec_path
    original = spec.read_bytes()
    assert ORIGINAL.encode() in original
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "keywright", "mock", "--reload", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(url, ORIGINAL)
        spec.write_bytes(original.replace(ORIGINAL.encode(), EDITED.encode()))
        _wait_for(url, EDITED)
    finally:
        spec.write_bytes(original)
        server.terminate()
        server.wait(timeout=15)
