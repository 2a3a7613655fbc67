"""Hostile input beyond what schemathesis generates, over real HTTP to `keywright serve` and
`keywright mock`: every answer is in the owning API's envelope with its validation status and
a message naming what was wrong."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import orjson
import pytest

from tests.credentials import ADMIN, OAUTH, PROJECT, PROXY_ADMIN
from tests.envelopes import assert_envelope_body, violation_paths
from tests.processes import keywright


def _header(headers: dict[str, str]) -> bytes:
    [(name, value)] = headers.items()
    return f"{name}: {value}".encode()


# path, credential header (the development credential), validation status
APIS = {
    "proxy-keys": (
        "/cf/admin/proxy/keys?accountIdentifier=dev_account",
        _header(PROXY_ADMIN),
        400,
    ),
    "access-keys": (
        f"/v1/projects/{PROJECT}/accessKeys",
        _header(OAUTH),
        400,
    ),
    "api-keys": (
        "/api/admin/api-keys",
        _header(ADMIN),
        422,
    ),
}

JSON = b"Content-Type: application/json"
MALFORMED_HTTP = (
    "Malformed HTTP request: a header or the request line has characters HTTP does not allow"
)
# headers, body, what the message must say, the status (None: the API's validation status)
CASES = {
    "truncated UTF-8": ([JSON], b'{"name": "\xe2\x82', "Request body is not valid UTF-8", None),
    "invalid UTF-8": ([JSON], b'{"name": "\xff\xfe"}', "Request body is not valid UTF-8", None),
    "deeply nested": (
        [JSON],
        b"[" * 30_000 + b"]" * 30_000,
        "Request body is nested too deeply",
        None,
    ),
    "duplicate keys": (
        [JSON],
        b'{"name": "a", "name": "b"}',
        "Request body is not valid JSON: duplicate key 'name'",
        None,
    ),
    "integer over Python's digit limit": (
        [JSON],
        b'{"name": ' + b"9" * 4301 + b"}",
        "Request body has a number of more than 4300 digits",
        None,
    ),
    "lone surrogate": (
        [JSON],
        b'{"name": "\\ud800", "displayName": "\\udfff"}',
        "Request body is not valid JSON text: a \\u escape is a lone surrogate",
        None,
    ),
    "wrong content type": (
        [b"Content-Type: application/xml"],
        b"<key/>",
        "Unsupported content type: application/xml",
        415,
    ),
    "no content type": ([], b"{}", "Missing Content-Type header", 415),
    "NUL in a header": ([JSON, b"x-trace: a\x00b"], b"{}", MALFORMED_HTTP, None),
    "control character in a header": ([JSON, b"x-trace: a\x01b"], b"{}", MALFORMED_HTTP, None),
    "DEL in a header": ([JSON, b"x-trace: a\x7fb"], b"{}", MALFORMED_HTTP, None),
}


@pytest.fixture(scope="module", params=["serve", "mock"])
def server(request: pytest.FixtureRequest) -> Iterator[str]:
    args = ["serve", "--db", ":memory:"] if request.param == "serve" else ["mock"]
    env = {"KEYWRIGHT_PROXY_API_KEY": "", "KEYWRIGHT_OAUTH_TOKEN": "", "KEYWRIGHT_ADMIN_TOKEN": ""}
    with keywright(*args, env=env) as (url, _):
        yield url


def _exchange(url: str, request: bytes, more: bytes = b"") -> tuple[int, dict[str, Any]]:
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
    status_line, *header_lines = head.split(b"\r\n")
    headers = dict(line.lower().split(b": ", 1) for line in header_lines)
    assert headers[b"content-type"] == b"application/json", head
    return int(status_line.split(b" ")[1]), orjson.loads(body)


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
@pytest.mark.parametrize(
    ("headers", "body", "reason", "documented"), CASES.values(), ids=CASES.keys()
)
def test_answered_in_the_envelope(
    server: str, api: str, headers: list[bytes], body: bytes, reason: str, documented: int | None
) -> None:
    path, credential, invalid = APIS[api]
    status = documented or invalid
    got, payload = _exchange(server, _request(path, [credential, *headers], body))
    assert got == status, payload
    fields = assert_envelope_body(api, payload, status)
    assert reason in fields["message"], fields
    if status == 422:  # a 422 names where: the request as a whole
        assert [(v["path"], v["message"]) for v in payload["validation_errors"]] == [
            ("$", fields["message"])
        ]


@pytest.mark.parametrize("api", APIS.keys())
def test_a_10_mb_body_is_rejected_before_it_is_read(server: str, api: str) -> None:
    path, credential, _ = APIS[api]
    status = 413
    ten_mb = 10 * 1024 * 1024
    head = _request(path, [credential, JSON], b"", length=ten_mb)
    got, payload = _exchange(server, head, b"x" * 256 * 1024)  # a fraction of what it announced
    assert got == status, payload
    fields = assert_envelope_body(api, payload, status)
    assert fields["message"].startswith("Request body is larger than "), fields


def test_a_very_long_path_parameter(server: str) -> None:
    path, credential, status = APIS["access-keys"]
    long_path = path.replace(PROJECT, "p" * 20_000)
    got, payload = _exchange(
        server, _request(long_path, [credential, JSON], b'{"displayName": "x"}')
    )
    assert got == status, payload
    fields = assert_envelope_body("access-keys", payload, status)
    assert fields["status"] == "INVALID_ARGUMENT", fields
    assert violation_paths("access-keys", payload) == ["$.path.projectId"]


@pytest.mark.parametrize("api", APIS.keys())
@pytest.mark.parametrize("byte", [b"\x00", b"\xc3\xa9", b"\x7f"], ids=["NUL", "UTF-8", "DEL"])
def test_a_request_line_http_refuses_is_answered_in_the_envelope(
    server: str, api: str, byte: bytes
) -> None:
    path, credential, status = APIS[api]
    route, _, query = path.partition("?")
    request = _request(route + "x", [credential, JSON], b"{}").replace(
        route.encode() + b"x", route.encode() + byte + (b"?" + query.encode() if query else b"")
    )
    got, payload = _exchange(server, request)
    assert got == status, payload
    assert assert_envelope_body(api, payload, status)["message"] == MALFORMED_HTTP


@pytest.mark.parametrize("api", APIS.keys())
def test_a_trailing_slash_is_404_in_the_envelope_never_a_redirect(server: str, api: str) -> None:
    path, credential, _ = APIS[api]
    route, _, query = path.partition("?")
    slashed = route + "/" + ("?" + query if query else "")
    request = _request(slashed, [credential, JSON], b"{}").replace(
        b"Host: 127.0.0.1", b"Host: evil.example"
    )
    got, payload = _exchange(server, request)
    assert got == 404, payload
    assert_envelope_body(api, payload, 404)
