"""Requests that HTTP itself refuses (control characters in a header, a broken request line)
never reach the app; uvicorn answers them with plain text. This protocol answers them in the
envelope of the API that owns the path: the parsed one, or the readable start of a request
line the parser refused (a NUL or a non-ASCII byte in the path).

It overrides `send_400_response` of uvicorn's httptools protocol, which is not public API:
tests/serving/test_third_party_seams.py fails if an upgrade of uvicorn stops calling it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit

import orjson
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from keywright.errors import ApiError, Kind

MESSAGE = "Malformed HTTP request: a header or the request line has characters HTTP does not allow"

Renderer = Callable[[str, ApiError], tuple[int, Any] | None]
"""(path, error) → the status and body of the API that owns the path, or None for no API."""

_renderer: Renderer | None = None


def use(renderer: Renderer) -> None:
    """Set how this process's servers answer in an API's envelope (done by `build_app`)."""
    global _renderer
    _renderer = renderer


class EnvelopeHttpProtocol(HttpToolsProtocol):
    received_first = b""
    """The start of what the current request sent, to find its API if the parser refuses it."""

    def data_received(self, data: bytes) -> None:
        if not self.received_first:
            self.received_first = data[:_SNIFFED]
        super().data_received(data)

    def on_response_complete(self) -> None:
        self.received_first = b""
        super().on_response_complete()

    def send_400_response(self, msg: str) -> None:
        url = getattr(self, "url", b"") or _target(self.received_first)
        path = urlsplit(url.decode("latin-1")).path
        answer = _renderer(path, ApiError(Kind.INVALID, MESSAGE)) if _renderer else None
        if answer is None:
            super().send_400_response(msg)
            return
        status, content = answer
        body = orjson.dumps(content)
        head = [f"HTTP/1.1 {status} {HTTPStatus(status).phrase}\r\n".encode()]
        head += [
            name + b": " + value + b"\r\n" for name, value in self.server_state.default_headers
        ]
        head += [
            b"content-type: application/json\r\n",
            b"content-length: " + str(len(body)).encode() + b"\r\n",
            b"connection: close\r\n\r\n",
        ]
        self.transport.write(b"".join(head) + body)
        self.transport.close()


_SNIFFED = 2048
_TARGET = re.compile(rb"[A-Z]+ (/[!-~]*)")


def _target(head: bytes) -> bytes:
    """The request target's readable start, from a request line the parser refused (a NUL or a
    non-ASCII byte in it): enough to find the API that owns the path."""
    found = _TARGET.match(head)
    return found[1] if found else b""
