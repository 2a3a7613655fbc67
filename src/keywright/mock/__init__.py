"""The mock server for frontend teams: every spec, no handlers, no database.

It shares the reference server's app, dispatch, validation and error envelopes (an API
package's where there is one, else the one its spec's error schema describes): an invalid
request gets the same answer from both. It answers with the specs' examples shaped by the
request, and lets the client pick the response.
"""

from __future__ import annotations

import gc
import logging
from typing import Any

from starlette.types import ASGIApp

from keywright.apis import package_for
from keywright.app import build_app
from keywright.catalog import ApiSpec, Catalog
from keywright.dispatch import Answer, ApiBinding, Call, Endpoint, Verifier
from keywright.errors import SchemaEnvelope
from keywright.mock.middleware import STATE_KEY, MockMiddleware, MockState
from keywright.mock.responder import MockResponder
from keywright.serving import protocol
from keywright.serving.access_log import AccessLog
from keywright.serving.settings import Settings
from keywright.serving.site import Site, unavailable, with_cors
from keywright.specs.document import SpecUnreadable

log = logging.getLogger("keywright")


def create_app(
    *,
    catalog: Catalog | None = None,
    latency_ms: int = 0,
    cors: bool = True,
    validate_responses: bool = False,
) -> ASGIApp:
    catalog = catalog or Catalog.load()
    app: ASGIApp = build_app([_binding(api, validate_responses) for api in catalog])
    app = Site(app, catalog, name="keywright mock")
    if cors:
        app = with_cors(app, catalog)
    return AccessLog(MockMiddleware(app, latency_ms=latency_ms))


def _binding(api: ApiSpec, validate_responses: bool) -> ApiBinding:
    doc = api.doc
    package = package_for(api)
    schemes = doc.data.get("components", {}).get("securitySchemes", {})
    envelope = package.envelope if package is not None else SchemaEnvelope.for_spec(doc)
    return ApiBinding(
        api,
        {
            operation["operationId"]: _endpoint(MockResponder(doc, location, operation, envelope))
            for location, operation in doc.operations()
        },
        {name: _accept(name) for name in schemes},
        envelope,
        validate_responses,
    )


def _endpoint(responder: MockResponder) -> Endpoint:
    async def answer(call: Call) -> Answer:
        state: MockState = call.scope.get(STATE_KEY) or MockState()
        if state.error is not None:
            raise state.error
        sent: dict[str, Any] = {**call.query, **call.path}
        if isinstance(call.body, dict):
            sent.update(call.body)
        answer = responder.answer(sent, state.preferences)
        state.example = answer.example
        return answer.status, answer.body, {}

    return answer


def _accept(scheme: str) -> Verifier:
    """Any credential: the shared layer has already refused those without the documented shape."""

    async def verify(*_credential: str) -> str:
        return f"mock:{scheme}"

    return verify


def app_from_settings() -> ASGIApp:
    """For `--reload` and `--workers`: uvicorn builds the app in each process from the settings.
    A spec that does not load (a YAML slip while editing) must not kill the server under
    `--reload`: every request is answered 503, naming the file and line, until it is fixed."""
    settings = Settings.from_environment()
    protocol.limit(settings.limits)
    try:
        app = create_app(
            catalog=Catalog.load(settings.specs_path),
            latency_ms=settings.latency_ms,
            cors=settings.cors,
        )
    except SpecUnreadable as exc:
        log.error("%s", exc)
        return unavailable(str(exc))
    gc.freeze()  # start-up objects never die; keep the collector from rescanning them
    return app


__all__ = ["app_from_settings", "create_app"]
