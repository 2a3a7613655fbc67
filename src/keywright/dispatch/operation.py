"""One operation of one API, compiled at start-up into a single call per request.

Everything that can be decided once is: the security alternatives, the parameter and body
validators, the endpoint, the envelope and the statuses the operation documents. A request
costs only what it must: check the caller, validate parameters and body, answer, encode.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Mapping
from typing import Any

import orjson
from starlette.datastructures import Headers, QueryParams
from starlette.types import Receive, Scope, Send

from keywright.dispatch.binding import unimplemented
from keywright.dispatch.call import Call, Endpoint, Verifier
from keywright.dispatch.security import Guard
from keywright.errors import ApiError, Envelope, Kind, status_for
from keywright.errors.failure import TemporarilyUnavailable
from keywright.interface import Unimplemented
from keywright.serving.access_log import as_sent
from keywright.specs import SpecDocument
from keywright.validation import JsonBody, Parameters, SchemaValidator

log = logging.getLogger("keywright.errors")

JSON_HEADERS = [(b"content-type", b"application/json")]


class CompiledOperation:
    def __init__(
        self,
        doc: SpecDocument,
        route: str,
        method: str,
        endpoint: Endpoint,
        verifiers: Mapping[str, Verifier],
        envelope: Envelope,
        *,
        validate_responses: bool = False,
    ) -> None:
        path_item = doc.data["paths"][route]
        operation = path_item[method]
        self.method = method.upper()
        self.operation_id: str = operation["operationId"]
        self.envelope = envelope
        self.documented = frozenset(int(status) for status in operation["responses"])

        schemes = doc.inline(doc.data.get("components", {}).get("securitySchemes", {}))
        requirements = operation.get("security", doc.data.get("security"))
        realm = str(doc.data.get("info", {}).get("title", ""))
        self.guard = Guard.compile(requirements, schemes, verifiers, realm)
        self.parameters = Parameters(
            _parameters(doc, path_item, operation), extra_query=self.guard.query_parameters
        )
        self.body = _body(doc, operation)
        self.endpoint = endpoint
        self.implemented = not isinstance(endpoint, unimplemented)
        self.responses = _responses(doc, operation) if validate_responses else None

    async def __call__(
        self, scope: Scope, receive: Receive, send: Send, path: Mapping[str, str]
    ) -> None:
        headers: Mapping[str, str] = {}
        try:
            if not self.implemented:
                raise Unimplemented(self.operation_id)
            request_headers = Headers(scope=scope)
            query = QueryParams(scope["query_string"])
            caller = await self.guard.check(request_headers, query)
            self.parameters.validate(query, path, request_headers)
            body = await self.body.read(receive, request_headers) if self.body else None
            call = Call(body, path, query, request_headers, caller, scope)
            status, content, headers = await self.endpoint(call)
        except ApiError as error:
            if error.kind is Kind.INTERNAL:
                log.error("%s failed: %s", self._where(scope), error.message)
            status, content, headers = self._error(error)
        except TemporarilyUnavailable as exc:
            retry = {"Retry-After": str(exc.retry_after)}
            status, content, headers = self._error(
                ApiError(Kind.UNAVAILABLE, exc.message, headers=retry)
            )
        except Exception as exc:
            status, content, headers = self._error(self._unexpected(exc, scope))
        if self.responses is not None and not self._conforms(status, content):
            status, content, headers = self._error(ApiError(Kind.INTERNAL, "Internal server error"))
        await _send(send, status, content, headers)

    def _error(self, error: ApiError) -> tuple[int, Any, Mapping[str, str]]:
        status = status_for(error, self.documented)
        return status, self.envelope.body(error, status), error.headers

    def _unexpected(self, exc: Exception, scope: Scope) -> ApiError:
        """An exception no code meant to raise: logged with where it happened (its message can
        quote request data, secrets included, so only its type), answered 500."""
        trace = "".join(traceback.format_tb(exc.__traceback__))
        log.error("unexpected %s in %s\n%s", type(exc).__name__, self._where(scope), trace)
        return ApiError(Kind.INTERNAL, "Internal server error")

    def _where(self, scope: Scope) -> str:
        return f"{self.operation_id} ({scope['method']} {as_sent(scope)})"

    def _conforms(self, status: int, content: Any) -> bool:
        """Whether a response is one the spec documents; a mismatch is our bug, logged."""
        assert self.responses is not None
        code = str(status)
        for key in (code, code[0] + "XX", "default"):
            if key in self.responses:
                validator = self.responses[key]
                if validator is None or validator.is_valid(content):
                    return True
                log.error(
                    "%s: the %s response does not conform to the spec: %s",
                    self.operation_id,
                    status,
                    "; ".join(e.message for e in validator.errors(content)),
                )
                return False
        log.error("%s: status %s is not documented", self.operation_id, status)
        return False


async def _send(send: Send, status: int, content: Any, headers: Mapping[str, str]) -> None:
    raw_headers = [(name.lower().encode(), value.encode()) for name, value in headers.items()]
    payload = b""
    if content is not None:
        payload = orjson.dumps(content)
        raw_headers += JSON_HEADERS
    raw_headers.append((b"content-length", str(len(payload)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": payload})


def _parameters(
    doc: SpecDocument, path_item: Mapping[str, Any], operation: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """Path-level parameters, overridden by operation-level ones of the same name and place."""
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for parameter in [*path_item.get("parameters", []), *operation.get("parameters", [])]:
        parameter = doc.inline(parameter)
        merged[parameter["name"], parameter["in"]] = parameter
    return list(merged.values())


def _body(doc: SpecDocument, operation: Mapping[str, Any]) -> JsonBody | None:
    if "requestBody" not in operation:
        return None
    request_body = doc.inline(operation["requestBody"])
    media_types = list(request_body.get("content", {}))
    json_types = [m for m in media_types if m.split(";")[0].strip().lower().endswith("json")]
    if not json_types or len(json_types) != len(media_types):
        raise ValueError(
            f"{operation['operationId']}: only JSON request bodies are supported, got {media_types}"
        )
    schema = request_body["content"][json_types[0]].get("schema", {})
    return JsonBody(schema, required=request_body.get("required", False), media_types=json_types)


def _responses(
    doc: SpecDocument, operation: Mapping[str, Any]
) -> dict[str, SchemaValidator | None]:
    validators: dict[str, SchemaValidator | None] = {}
    for status, response in operation["responses"].items():
        media = doc.resolve(response).get("content", {}).get("application/json")
        schema = media.get("schema") if media else None
        validators[str(status)] = SchemaValidator(doc.inline(schema)) if schema else None
    return validators
