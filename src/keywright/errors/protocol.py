"""Requests that HTTP itself refuses (control characters in a header, a broken request line)
never reach the app; uvicorn answers them with plain text. This protocol answers them in the
envelope of the API that owns the path, when the path got through."""

from __future__ import annotations

from http import HTTPStatus
from urllib.parse import urlsplit

import orjson
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from keywright.apis import api_for_path
from keywright.errors.envelopes import envelope_for
from keywright.errors.problem import ApiError, Kind

MESSAGE = "Malformed HTTP request: a header or the request line has characters HTTP does not allow"


class EnvelopeHttpProtocol(HttpToolsProtocol):
    def send_400_response(self, msg: str) -> None:
        path = urlsplit(getattr(self, "url", b"").decode("latin-1")).path
        api = api_for_path(path)
        if api is None:
            super().send_400_response(msg)
            return
        envelope = envelope_for(api.name)
        error = ApiError(Kind.INVALID, MESSAGE)
        status = envelope.status(error.kind)
        body = orjson.dumps(envelope.body(error))
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
