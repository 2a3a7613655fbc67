"""What Connexion itself answers (an unknown path, a method a path does not have, a failure
outside an operation), in the envelope of the API that owns the path, never as problem+json."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Mapping

import orjson
from connexion.exceptions import ProblemException
from connexion.lifecycle import ConnexionRequest, ConnexionResponse
from connexion.middleware.main import ConnexionMiddleware
from starlette.exceptions import HTTPException

from keywright.errors.failure import ApiError, Kind
from keywright.errors.owners import Owners
from keywright.serving.access_log import as_sent

log = logging.getLogger("keywright.errors")


class ConnexionErrors:
    """Renders failures Connexion raises, by the API whose base path owns the request path."""

    def __init__(self, owners: Owners) -> None:
        self.owners = owners

    def install(self, app: ConnexionMiddleware) -> None:
        app.add_error_handler(ProblemException, self._from_problem)
        app.add_error_handler(HTTPException, self._from_http_exception)
        app.add_error_handler(Exception, self._from_unexpected)

    def render(self, path: str, error: ApiError) -> ConnexionResponse:
        status, body = self.owners.answer(path, error) or (
            error.kind.status,
            {"code": str(error.kind.status), "message": error.message},
        )
        return ConnexionResponse(  # type: ignore[no-untyped-call]
            status_code=status,
            body=orjson.dumps(body),
            mimetype="application/json",
            content_type="application/json",
            headers=error.headers,
        )

    def _from_problem(self, request: ConnexionRequest, problem: Exception) -> ConnexionResponse:
        assert isinstance(problem, ProblemException)
        kind = Kind.for_status(problem.status or 500)
        if kind is Kind.INTERNAL:
            log.error(
                "%s %s: %s", request.method, as_sent(request.scope), problem.detail or problem.title
            )
            return self.render(request.url.path, ApiError(kind, "Internal server error"))
        return self.render(request.url.path, ApiError(kind, str(problem.detail or problem.title)))

    def _from_http_exception(self, request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
        assert isinstance(exc, HTTPException)
        path = request.url.path
        if exc.status_code == 404:
            error = ApiError(Kind.NOT_FOUND, f"No operation at {path}")
        elif exc.status_code == 405:
            allow = _allow(exc.headers)
            error = ApiError(
                Kind.METHOD_NOT_ALLOWED,
                f"Method {request.method} is not allowed on {path}; allowed: {allow}",
                headers={"Allow": allow},
            )
        else:
            error = ApiError(Kind.for_status(exc.status_code), str(exc.detail))
        return self.render(path, error)

    def _from_unexpected(self, request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
        trace = "".join(traceback.format_tb(exc.__traceback__))
        log.error(
            "unexpected %s in %s %s\n%s",
            type(exc).__name__,
            request.method,
            as_sent(request.scope),
            trace,
        )
        return self.render(request.url.path, ApiError(Kind.INTERNAL, "Internal server error"))


def _allow(headers: Mapping[str, str] | None) -> str:
    return (headers or {}).get("Allow", "")
