"""The compiled operations, in front of Connexion.

Each documented operation is matched by its method and its route (one regular expression per
operation, compiled at start-up) and answered here. Whatever matches no documented operation
goes on to Connexion, which answers it: an unknown path 404, a known path with another method
405, each API's `openapi.json` and Swagger UI.

A route is matched segment by segment on the path as sent (`raw_path`), each segment
percent-decoded on its own: `/v1/projects/a%2Fb/accessKeys` is the operation with `projectId`
`a/b`, where a match on the decoded path would see one segment too many and answer 404.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import unquote

from starlette.types import ASGIApp, Receive, Scope, Send

from keywright.catalog import ApiSpec
from keywright.dispatch.call import Endpoint, Verifier
from keywright.dispatch.operation import CompiledOperation
from keywright.errors import Envelope

_PARAMETER = re.compile(r"\{([^{}]+)\}")


@dataclass(frozen=True)
class ApiBinding:
    """What answers one API: an endpoint per operationId, a verifier per security scheme, the
    API's error envelope."""

    api: ApiSpec
    endpoints: Mapping[str, Endpoint]
    verifiers: Mapping[str, Verifier]
    envelope: Envelope
    validate_responses: bool = False

    def compile(self) -> list[Route]:
        doc = self.api.doc
        return [
            Route(
                self.api.base_path + str(route),
                CompiledOperation(
                    doc,
                    str(route),
                    str(method),
                    self.endpoints[operation["operationId"]],
                    self.verifiers,
                    self.envelope,
                    validate_responses=self.validate_responses,
                ),
            )
            for (_, route, method), operation in doc.operations()
        ]


class Route:
    """`POST /v1/projects/{projectId}/accessKeys` → its operation, with the path parameters."""

    def __init__(self, template: str, operation: CompiledOperation) -> None:
        self.operation = operation
        self.segments = [
            (found[1], None) if (found := _PARAMETER.fullmatch(segment)) else (None, segment)
            for segment in template.split("/")
        ]
        """(parameter name, None) or (None, literal text), one per `/`-separated segment."""

    def match(self, sent: Sequence[str]) -> dict[str, str] | None:
        """The path parameters, when `sent` (the request's `segments`) is this route."""
        if len(sent) != len(self.segments):
            return None
        parameters = {}
        for text, (name, literal) in zip(sent, self.segments, strict=True):
            if name is None:
                if text != literal:
                    return None
            elif text:
                parameters[name] = text
            else:
                return None
        return parameters


def segments(raw_path: bytes) -> list[str]:
    """A path as sent, split at its `/`s, then each segment percent-decoded on its own."""
    return [
        unquote(part) if "%" in part else part for part in raw_path.decode("latin-1").split("/")
    ]


class Dispatch:
    """ASGI middleware: documented operations answered, everything else handed to `app`."""

    def __init__(self, app: ASGIApp, bindings: Sequence[ApiBinding]) -> None:
        self.app = app
        self.routes: dict[str, list[Route]] = {}
        for binding in bindings:
            for route in binding.compile():
                self.routes.setdefault(route.operation.method, []).append(route)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            sent = segments(scope.get("raw_path") or scope["path"].encode())
            for route in self.routes.get(scope["method"], ()):
                parameters = route.match(sent)
                if parameters is not None:
                    await route.operation(scope, receive, send, parameters)
                    return
        await self.app(scope, receive, send)
