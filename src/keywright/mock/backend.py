"""The mock behind the shared Connexion app: answers from the specs, accepts any well-formed credential."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from keywright.apis import Api
from keywright.app import Backend
from keywright.dispatch import Call, Handler, Reply, Verifier
from keywright.mock.middleware import STATE_KEY, MockState
from keywright.mock.operation import MockOperation
from keywright.specs import load_spec


class MockBackend(Backend):
    def handlers(self, api: Api) -> Mapping[str, Handler]:
        doc = load_spec(api.spec_path)
        return {
            operation["operationId"]: _handler(MockOperation(doc, location, operation))
            for location, operation in doc.operations()
        }

    def verifiers(self, api: Api) -> Mapping[str, Verifier]:
        schemes = load_spec(api.spec_path).data.get("components", {}).get("securitySchemes", {})
        return {name: _accept(name) for name in schemes}


def _handler(operation: MockOperation) -> Handler:
    async def handle(call: Call) -> Reply:
        state: MockState = call.scope.get(STATE_KEY) or MockState()
        if state.error is not None:
            raise state.error
        sent: dict[str, Any] = {**call.query, **call.path}
        if isinstance(call.body, dict):
            sent.update(call.body)
        answer = operation.answer(sent, state.preferences)
        state.example = answer.example
        return answer.body, answer.status

    handle.__name__ = operation.operation_id
    return handle


def _accept(scheme: str) -> Verifier:
    """Any credential: the shared layer has already refused those without the documented shape."""

    def verify(*_credential: str) -> dict[str, Any]:
        return {"sub": f"mock:{scheme}", "scope": []}

    return verify
