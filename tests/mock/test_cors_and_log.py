"""Browsers can call the mock; every request leaves one log line."""

from __future__ import annotations

import logging
import re
import subprocess

import httpx
import pytest
from starlette.testclient import TestClient

from keywright.mock import create_app
from keywright.serving import access_log
from tests.mock.calls import ADMIN, API_KEYS
from tests.processes import keywright

PREFLIGHT = {
    "Origin": "http://localhost:3000",
    "Access-Control-Request-Method": "POST",
    "Access-Control-Request-Headers": "authorization, content-type, x-idempotency-key",
}


def test_answers_a_browsers_preflight_from_localhost_3000(mock: TestClient) -> None:
    response = mock.options(API_KEYS, headers=PREFLIGHT)
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "http://localhost:3000"
    assert response.headers["access-control-allow-credentials"] == "true"
    assert "POST" in response.headers["access-control-allow-methods"]
    allowed = response.headers["access-control-allow-headers"].lower()
    assert {"authorization", "content-type", "x-idempotency-key"} <= {
        h.strip() for h in allowed.split(",")
    }
    actual = mock.post(
        API_KEYS,
        json={"scopes": ["pci:tokens:read"]},
        headers={**ADMIN, "Origin": "http://localhost:3000"},
    )
    assert actual.headers["access-control-allow-origin"] == "http://localhost:3000"
    assert actual.headers["access-control-allow-credentials"] == "true"


def test_no_cors_turns_it_off() -> None:
    client = TestClient(create_app(cors=False))
    response = client.options(API_KEYS, headers=PREFLIGHT)
    assert "access-control-allow-origin" not in response.headers
    assert response.status_code == 405


def test_one_log_line_per_request_with_the_chosen_example(
    mock: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="keywright.access"):
        mock.post(
            API_KEYS,
            json={"scopes": ["pci:tokens:read"]},
            headers={**ADMIN, "Prefer": "code=403"},
        )
        access_log.flush()
    lines = "\n".join(r.getMessage() for r in caplog.records if r.name == "keywright.access")
    assert re.fullmatch(r"POST /api/admin/api-keys 403 \d+\.\dms default", lines)


def test_latency_applies_to_every_request() -> None:
    import time

    client = TestClient(create_app(latency_ms=250))
    started = time.monotonic()
    client.post(API_KEYS, json={"scopes": ["pci:tokens:read"]}, headers=ADMIN)
    assert time.monotonic() - started >= 0.25


@pytest.mark.parametrize(("level", "logged"), [("info", True), ("warning", False)])
def test_every_worker_process_logs_its_requests_at_info(level: str, logged: bool) -> None:
    with keywright("mock", "--workers", "2", "--log-level", level, output=subprocess.PIPE) as (
        url,
        process,
    ):
        for _ in range(4):  # the two workers share the port; each gets some of the requests
            httpx.post(url + API_KEYS, json={"scopes": ["pci:tokens:read"]}, headers=ADMIN)
        process.terminate()
        output, _ = process.communicate(timeout=15)
    lines = [line for line in output.splitlines() if line.startswith("POST ")]
    assert len(lines) == (4 if logged else 0)
    for line in lines:
        assert re.fullmatch(r"POST /api/admin/api-keys 200 \d+\.\dms expiring", line)
