"""Hostile input beyond what schemathesis generates, over real HTTP to `keywright serve` and
`keywright mock`: every answer is in the owning API's envelope with its validation status."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator
from urllib.parse import urlsplit

import orjson
import pytest

from keywright_models import access_keys, api_keys, proxy_keys
from tests.credentials import PROJECT
from tests.processes import keywright

# path, credential header, validation status, envelope model
APIS = {
    "proxy-keys": (
        "/cf/admin/proxy/keys?accountIdentifier=dev_account",
        b"x-api-key: pat.dev_account.kwdev.0d6f1b2c3a4e5f60",
        400,
        proxy_keys.Error,
    ),
    "access-keys": (
        f"/v1/projects/{PROJECT}/accessKeys",
        b"Authorization: Bearer kw-dev-oauth-token",
        400,
        access_keys.ErrorResponse,
    ),
    "api-keys": (
        "/api/admin/api-keys",
        b"x-admin-token: adm_kwdevadmintoken",
        422,
        api_keys.Error,
    ),
}

JSON = b"Content-Type: application/json"
CASES = {
    "truncated UTF-8": ([JSON], b'{"name": "\xe2\x82'),
    "invalid UTF-8": ([JSON], b'{"name": "\xff\xfe"}'),
    "deeply nested": ([JSON], b"[" * 30_000 + b"]" * 30_000),
    "duplicate keys": ([JSON], b'{"name": "a", "name": "b"}'),
    "wrong content type": ([b"Content-Type: application/xml"], b"<key/>"),
    "no content type": ([], b"{}"),
    "NUL in a header": ([JSON, b"x-trace: a\x00b"], b"{}"),
    "control character in a header": ([JSON, b"x-trace: a\x01b"], b"{}"),
    "DEL in a header": ([JSON, b"x-trace: a\x7fb"], b"{}"),
}


@pytest.fixture(scope="module", params=["serve", "mock"])
def server(request: pytest.FixtureRequest) -> Iterator[str]:
    args = ["serve", "--db", ":memory:"] if request.param == "serve" else ["mock"]
    env = {"KEYWRIGHT_PROXY_API_KEY": "", "KEYWRIGHT_OAUTH_TOKEN": "", "KEYWRIGHT_ADMIN_TOKEN": ""}
    with keywright(*args, env=env) as (url, _):
        yield url


def _exchange(url: str, request: bytes, more: bytes = b"") -> tuple[int, bytes]:
    """Send raw bytes (httpx would refuse to send most of these) and read one response."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=20) as sock:
        sock.sendall(request)
        if more:
            # The server may answer and close before reading it all: that is early rejection.
            with contextlib.suppress(OSError):
                sock.sendall(more)
        response = b""
        while b"\r\n\r\n" not in response or len(response) < _expected_length(response):
            chunk = sock.recv(65536)
            if not chunk:
                break
            response += chunk
    head, _, body = response.partition(b"\r\n\r\n")
    return int(head.split(b" ")[1]), body


def _expected_length(response: bytes) -> int:
    head, _, _ = response.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return len(head) + 4 + int(line.split(b":")[1])
    return len(response) + 1


def _request(path: str, headers: list[bytes], body: bytes, length: int | None = None) -> bytes:
    lines = [f"POST {path} HTTP/1.1".encode(), b"Host: 127.0.0.1", *headers]
    lines.append(b"Content-Length: " + str(len(body) if length is None else length).encode())
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


@pytest.mark.parametrize("api", APIS.keys())
@pytest.mark.parametrize(("headers", "body"), CASES.values(), ids=CASES.keys())
def test_answered_in_the_envelope(server: str, api: str, headers: list[bytes], body: bytes) -> None:
    path, credential, status, model = APIS[api]
    got, payload = _exchange(server, _request(path, [credential, *headers], body))
    assert got == status, payload
    model.model_validate(orjson.loads(payload))


@pytest.mark.parametrize("api", APIS.keys())
def test_a_10_mb_body_is_rejected_before_it_is_read(server: str, api: str) -> None:
    path, credential, status, model = APIS[api]
    ten_mb = 10 * 1024 * 1024
    head = _request(path, [credential, JSON], b"", length=ten_mb)
    got, payload = _exchange(server, head, b"x" * 256 * 1024)  # a fraction of what it announced
    assert got == status
    model.model_validate(orjson.loads(payload))
    assert b"larger than" in payload


def test_a_very_long_path_parameter(server: str) -> None:
    path, credential, status, model = APIS["access-keys"]
    long_path = path.replace(PROJECT, "p" * 20_000)
    got, payload = _exchange(
        server, _request(long_path, [credential, JSON], b'{"displayName": "x"}')
    )
    assert got == status
    model.model_validate(orjson.loads(payload))
