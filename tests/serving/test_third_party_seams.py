"""The places keywright reaches into Connexion and uvicorn beyond their documented API. Each
test fails, naming the seam, when an upgrade moves it (the end-to-end tests would only show a
404, a 500 or a plain-text answer)."""

from __future__ import annotations

import inspect
import re

from starlette.testclient import TestClient
from uvicorn.protocols.http import httptools_impl

from keywright.app import build_app
from keywright.dispatch import ApiBinding
from keywright.dispatch.binding import unimplemented
from keywright.errors import SchemaEnvelope
from keywright.serving.protocol import EnvelopeHttpProtocol
from tests.catalog import CATALOG


def test_uvicorn_still_refuses_malformed_requests_through_send_400_response() -> None:
    """serving/protocol.py overrides it to answer in the API's envelope."""
    source = inspect.getsource(httptools_impl.HttpToolsProtocol)
    assert "def send_400_response(self, msg: str)" in source
    assert "self.send_400_response(" in source, "uvicorn no longer calls it on a parse error"
    assert issubclass(EnvelopeHttpProtocol, httptools_impl.HttpToolsProtocol)


def test_uvicorn_protocol_still_has_the_callbacks_and_cycle_state_the_limits_use() -> None:
    """serving/protocol.py times and sizes the head through the parser's callbacks, and ends a
    slow body through the request cycle's `disconnected` and `message_event`."""
    protocol = inspect.getsource(httptools_impl.HttpToolsProtocol)
    for callback in ("on_message_begin", "on_headers_complete", "on_body", "on_message_complete"):
        assert f"def {callback}(self" in protocol, callback
    assert "self.timeout_keep_alive_task = " in protocol
    assert "def timeout_keep_alive_handler(self)" in protocol
    cycle = inspect.getsource(httptools_impl.RequestResponseCycle)
    for state in ("self.disconnected = ", "self.message_event", "self.response_started = "):
        assert state in cycle, state
    assert "if self.disconnected:" in cycle, "a disconnected cycle no longer drops what is sent"
    uses = set(re.findall(r"self\.transport\.(\w+)", cycle))
    assert uses <= {"write", "close", "is_closing"}, f"the cycle's transport needs more: {uses}"


def test_connexion_routing_still_routes_with_a_starlette_router() -> None:
    """fallback.py turns off Starlette's trailing-slash redirect on the `router` of Connexion's
    RoutingMiddleware and on each API's router mounted in it."""
    app = build_app([_unimplemented("api-keys")])
    client = TestClient(app, follow_redirects=False)
    response = client.post("/api/admin/api-keys/", json={}, headers={"Host": "evil.example"})
    assert response.status_code == 404, "a trailing slash is redirected again"
    assert "location" not in response.headers


def _unimplemented(name: str) -> ApiBinding:
    api = CATALOG.get(name)
    endpoints = {"createApiKey": unimplemented("create_api_key")}
    return ApiBinding(api, endpoints, {}, SchemaEnvelope.for_spec(api.doc), False)
