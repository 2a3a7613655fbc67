"""`keywright mock --reload` picks up a spec edit without a manual restart."""

from __future__ import annotations

import time

import httpx

from tests.catalog import CATALOG
from tests.processes import keywright

ORIGINAL = "The API key does not hold scope 'pci:tokens:delete'"
EDITED = "Edited while the mock was running"


def _forbidden_message(url: str) -> str | None:
    try:
        response = httpx.post(
            f"{url}/api/admin/api-keys",
            json={"scopes": ["pci:tokens:read"]},
            headers={"x-admin-token": "reload-admin", "Prefer": "code=403"},
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
    spec = CATALOG.get("api-keys").path
    original = spec.read_bytes()
    assert ORIGINAL.encode() in original
    with keywright("mock", "--reload") as (url, _):
        try:
            _wait_for(url, ORIGINAL)
            spec.write_bytes(original.replace(ORIGINAL.encode(), EDITED.encode()))
            _wait_for(url, EDITED)
        finally:
            spec.write_bytes(original)
