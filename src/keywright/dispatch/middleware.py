"""The compiled operations, as Connexion middleware after Connexion's routing.

Connexion routes (one routing pass): it puts the operationId and the path parameters of a
documented operation in the request's scope, and answers a known path with an undocumented
method 405. This middleware answers every documented operation; a request Connexion found no
operation for goes on to the app inside (404). The scope key (`ROUTING_CONTEXT`) is Connexion's
private API: tests/serving/test_third_party_seams.py fails if an upgrade moves it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from connexion.middleware.abstract import ROUTING_CONTEXT, SpecMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from keywright.catalog import ApiSpec
from keywright.dispatch.call import Endpoint, Verifier
from keywright.dispatch.operation import CompiledOperation
from keywright.errors import Envelope


@dataclass(frozen=True)
class ApiBinding:
    """What answers one API: an endpoint per operationId, a verifier per security scheme, the
    API's error envelope. Handed to Connexion's `add_api`, which hands it to this middleware."""

    api: ApiSpec
    endpoints: Mapping[str, Endpoint]
    verifiers: Mapping[str, Verifier]
    envelope: Envelope
    validate_responses: bool = False

    def compile(self) -> dict[str, CompiledOperation]:
        doc = self.api.doc
        return {
            operation["operationId"]: CompiledOperation(
                doc,
                str(route),
                str(method),
                self.endpoints[operation["operationId"]],
                self.verifiers,
                self.envelope,
                validate_responses=self.validate_responses,
            )
            for (_, route, method), operation in doc.operations()
        }


class DispatchMiddleware(SpecMiddleware):
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.operations: dict[tuple[str, str], CompiledOperation] = {}

    def add_api(self, specification: Any, **kwargs: Any) -> None:
        """Connexion calls this once per API, with the binding given to its `add_api`."""
        keywright: ApiBinding = kwargs["keywright"]
        base_path: str | None = kwargs.get("base_path")
        prefix = keywright.api.base_path if base_path is None else base_path
        for operation_id, operation in keywright.compile().items():
            self.operations[prefix, operation_id] = operation

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            routing = scope.get("extensions", {}).get(ROUTING_CONTEXT, {})
            operation = self.operations.get(
                (routing.get("api_base_path"), routing.get("operation_id"))
            )
            if operation is not None:
                await operation(scope, receive, send, scope.get("path_params", {}))
                return
        await self.app(scope, receive, send)
