"""The places keywright reaches into Connexion and uvicorn beyond their documented API. Each
test fails, naming the seam, when an upgrade moves it (the end-to-end tests would only show a
404, a 500 or a plain-text answer)."""

from __future__ import annotations

import inspect
from typing import Any

from connexion.middleware import abstract, routing
from starlette.testclient import TestClient
from starlette.types import Receive, Scope, Send
from uvicorn.protocols.http import httptools_impl

from keywright.app import build_app
from keywright.dispatch import ApiBinding, DispatchMiddleware
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


def test_connexion_routing_still_names_the_operation_in_the_scope() -> None:
    """dispatch/middleware.py finds the operation by (api_base_path, operation_id) under
    ROUTING_CONTEXT, a key of Connexion's private `middleware.abstract`."""
    assert isinstance(abstract.ROUTING_CONTEXT, str)
    assert "ROUTING_CONTEXT" in inspect.getsource(routing)
    seen: list[dict[str, Any]] = []

    class Probe(DispatchMiddleware):
        async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
            seen.append(scope.get("extensions", {}).get(abstract.ROUTING_CONTEXT, {}))
            await super().__call__(scope, receive, send)

    api = CATALOG.get("api-keys")
    endpoints = {"createApiKey": unimplemented("create_api_key")}
    binding = ApiBinding(api, endpoints, {}, SchemaEnvelope.for_spec(api.doc), False)
    app = build_app([binding])
    app.middlewares = [Probe if m is DispatchMiddleware else m for m in app.middlewares]
    TestClient(app).post("/api/admin/api-keys", json={})
    assert {"api_base_path": "/api/admin", "operation_id": "createApiKey"}.items() <= seen[
        -1
    ].items()
