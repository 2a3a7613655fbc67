"""Calling an implementation of a generated interface: the validated request becomes the typed
arguments of the operation's method, and its typed reply becomes the response.

The bindings come from the generated interface (`OperationBinding`, `SchemeBinding`), so no
table of operationIds is written by hand. What the implementation leaves out is answered 501.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import pydantic
from starlette.requests import cookie_parser

from keywright.dispatch.call import Answer, Call, Endpoint, Verifier
from keywright.interface import Interface, OperationBinding, Unimplemented, implements

log = logging.getLogger("keywright")


def endpoints(implementation: Interface[Any]) -> dict[str, Endpoint]:
    """An endpoint per operation of the implementation's interface, by operationId."""
    found: dict[str, Endpoint] = {}
    for operation_id, binding in type(implementation).operations.items():
        if implements(implementation, binding.method):
            found[operation_id] = TypedEndpoint(implementation, binding)
        else:
            log.warning(
                "%s: %s (%s) is not implemented: it answers 501",
                implementation.api,
                operation_id,
                binding.method,
            )
            found[operation_id] = unimplemented(binding.method)
    return found


def verifiers(implementation: Interface[Any]) -> dict[str, Verifier]:
    """A verifier per security scheme of the implementation's interface, by scheme name."""
    found: dict[str, Verifier] = {}
    for scheme, binding in type(implementation).security.items():
        if not implements(implementation, binding.method):
            log.warning(
                "%s: %s is not implemented: its credentials answer 501",
                implementation.api,
                binding.method,
            )
        found[scheme] = getattr(implementation, binding.method)
    return found


class TypedEndpoint:
    """One operation's method, called with typed arguments."""

    def __init__(self, implementation: Interface[Any], binding: OperationBinding) -> None:
        self.method = getattr(implementation, binding.method)
        self.binding = binding
        self._reads_cookies = any(p.location == "cookie" for p in binding.parameters)

    async def __call__(self, call: Call) -> Answer:
        reply = await self.method(**self._arguments(call))
        if not isinstance(reply, self.binding.replies):
            documented = ", ".join(r.__name__ for r in self.binding.replies)
            raise TypeError(f"{self.binding.method} returned {reply!r}, not one of {documented}")
        return reply.status, reply.content(), reply.headers()

    def _arguments(self, call: Call) -> dict[str, Any]:
        arguments: dict[str, Any] = {"caller": call.caller}
        if self.binding.body is not None:
            arguments["body"] = None if call.body is None else _model(self.binding.body, call.body)
        sources: Mapping[str, Mapping[str, str]] = {
            "path": call.path,
            "query": call.query,
            "header": call.headers,
            "cookie": cookie_parser(call.headers.get("cookie", "")) if self._reads_cookies else {},
        }
        for parameter in self.binding.parameters:
            value = sources[parameter.location].get(parameter.name)
            arguments[parameter.argument] = None if value is None else _typed(value, parameter.kind)
        return arguments


def _model(model: type[pydantic.BaseModel], body: Any) -> pydantic.BaseModel:
    """The body, validated by its JSON schema already, as its generated model. A refusal here is
    the generated model disagreeing with the spec: our bug, not the client's."""
    try:
        return model.model_validate(body)
    except pydantic.ValidationError as exc:
        raise RuntimeError(
            f"{model.__name__} refuses a body its schema accepts ({exc.error_count()} errors): "
            "regenerate the models (make generate)"
        ) from None


def _typed(value: str, kind: type) -> Any:
    if kind is bool:
        return value == "true"
    return kind(value)


class unimplemented:
    """The endpoint of an operation nothing implements: answered 501 before anything else."""

    def __init__(self, method: str) -> None:
        self.method = method

    async def __call__(self, _call: Call) -> Answer:
        raise Unimplemented(self.method)
