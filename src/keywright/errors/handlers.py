"""Turn every exception a Connexion app can raise into the owning API's envelope."""

from __future__ import annotations

import logging
import traceback

import orjson
import pydantic
from connexion import AsyncApp
from connexion.exceptions import ProblemException
from connexion.lifecycle import ConnexionRequest, ConnexionResponse
from starlette.exceptions import HTTPException

from keywright.apis import api_for_path
from keywright.errors.envelopes import envelope_for
from keywright.errors.problem import ApiError, Kind, Violation
from keywright.jsonpath import json_path

log = logging.getLogger("keywright.errors")

_KIND_BY_STATUS = {kind.status: kind for kind in Kind if kind is not Kind.FAILED_PRECONDITION}


def install(app: AsyncApp) -> None:
    """Register keywright's handlers; they replace Connexion's problem+json ones."""
    app.add_error_handler(ApiError, _render)
    app.add_error_handler(ProblemException, _from_problem)
    app.add_error_handler(HTTPException, _from_http_exception)
    app.add_error_handler(Exception, _from_unexpected)


def render(path: str, error: ApiError) -> ConnexionResponse:
    """The response for `error` in the envelope of the API that owns `path`."""
    api = api_for_path(path)
    if api is None:
        body = {"code": str(error.kind.status), "message": error.message}
        status = error.kind.status
    else:
        envelope = envelope_for(api.name)
        body = envelope.body(error)
        status = envelope.status(error.kind)
    return ConnexionResponse(
        status_code=status,
        body=orjson.dumps(body),
        mimetype="application/json",
        content_type="application/json",
        headers=error.headers,
    )


def _render(request: ConnexionRequest, error: ApiError) -> ConnexionResponse:
    if error.kind is Kind.INTERNAL:
        log.error("%s %s failed: %s", request.method, request.url.path, error.message)
    return render(request.url.path, error)


def _from_problem(request: ConnexionRequest, problem: ProblemException) -> ConnexionResponse:
    """Connexion's own problems. Its security and validation layers are replaced by
    keywright.dispatch, so these come only from what Connexion still serves."""
    kind = _kind(problem.status)
    if kind is Kind.INTERNAL:
        log.error("%s %s: %s", request.method, request.url.path, problem.detail or problem.title)
        return render(request.url.path, ApiError(Kind.INTERNAL, "Internal server error"))
    return _render(request, ApiError(kind, str(problem.detail or problem.title)))


def _from_http_exception(request: ConnexionRequest, exc: HTTPException) -> ConnexionResponse:
    path = request.url.path
    if exc.status_code == 404:
        error = ApiError(Kind.NOT_FOUND, f"No operation at {path}")
    elif exc.status_code == 405:
        allow = (exc.headers or {}).get("Allow", "")
        error = ApiError(
            Kind.METHOD_NOT_ALLOWED,
            f"Method {request.method} is not allowed on {path}; allowed: {allow}",
            headers={"Allow": allow},
        )
    else:
        error = ApiError(_kind(exc.status_code), str(exc.detail))
    return render(path, error)


def _from_unexpected(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    error = from_unexpected(exc, f"{request.method} {request.url.path}")
    return render(request.url.path, error)


def from_unexpected(exc: Exception, where: str) -> ApiError:
    """What to tell the client about an exception no code meant to raise (logged, no secrets)."""
    if isinstance(exc, pydantic.ValidationError):
        # The JSON schema let through what a generated model refuses: still the client's input.
        found = [Violation(json_path(error["loc"]), error["msg"]) for error in exc.errors()]
        return ApiError(Kind.INVALID, "Request body is invalid", found)
    # The message can quote request data, secrets included: log the type and where, not what.
    trace = "".join(traceback.format_tb(exc.__traceback__))
    log.error("unexpected %s in %s\n%s", type(exc).__name__, where, trace)
    return ApiError(Kind.INTERNAL, "Internal server error")


def _kind(status: int | None) -> Kind:
    """The kind of failure a status stands for; an unlisted 4xx is the client's, a 5xx ours."""
    status = status or 500
    return _KIND_BY_STATUS.get(status, Kind.INVALID if status < 500 else Kind.INTERNAL)


__all__ = ["from_unexpected", "install", "render"]
