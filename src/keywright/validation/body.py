"""JSON request bodies: read within a size limit, parsed strictly, validated completely."""

from __future__ import annotations

import json
from typing import Any

from connexion.validators import AbstractRequestBodyValidator
from starlette.datastructures import Headers
from starlette.types import Receive, Scope

from keywright.errors import ApiError, Kind, Violation
from keywright.validation.schema import SchemaValidator
from keywright.validation.violations import violations

MAX_BODY_BYTES = 64 * 1024
"""Bodies of these APIs are a few hundred bytes; anything this big is rejected unread."""


class JsonBodyValidator(AbstractRequestBodyValidator):
    """Reads, parses and validates a JSON body, then replays it to the handler."""

    def __init__(self, *, schema: dict[str, Any], required: bool = False, **kwargs: Any) -> None:
        super().__init__(schema=schema, required=required, **kwargs)
        self._validator = SchemaValidator(schema)

    async def wrap_receive(self, receive: Receive, *, scope: Scope) -> tuple[Receive, Scope]:
        headers = Headers(scope=scope)
        raw = await _read_body(receive, headers)
        if raw and "content-type" not in headers:
            raise ApiError(Kind.INVALID, "Missing Content-Type header; send application/json")
        if not raw:
            if self._required:
                raise ApiError(
                    Kind.INVALID, "Request body is required", [Violation("$", "required")]
                )
        else:
            body = parse_json(raw)
            self.validate(body)
        replay = iter([{"type": "http.request", "body": raw, "more_body": False}])

        async def receive_again() -> dict[str, Any]:
            return next(replay, None) or await receive()

        return receive_again, scope

    def validate(self, body: Any) -> None:
        problems = violations(self._validator.errors(body))
        if problems:
            summary = problems[0].path + ": " + problems[0].message
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            raise ApiError(Kind.INVALID, f"Request body is invalid: {summary}{more}", problems)


async def _read_body(receive: Receive, headers: Headers) -> bytes:
    declared = headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise ApiError(Kind.INVALID, f"Invalid Content-Length header: {declared!r}")
        if int(declared) > MAX_BODY_BYTES:
            raise _too_large()
    chunks: list[bytes] = []
    size = 0
    more = True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise _too_large()
        chunks.append(chunk)
        more = message.get("more_body", False)
    return b"".join(chunks)


def _too_large() -> ApiError:
    return ApiError(Kind.INVALID, f"Request body is larger than {MAX_BODY_BYTES} bytes")


def parse_json(raw: bytes) -> Any:
    """Strict JSON: UTF-8 only, no duplicate keys, no NaN/Infinity, bounded nesting."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(
            Kind.INVALID, f"Request body is not valid UTF-8 (byte {exc.start})"
        ) from None
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except json.JSONDecodeError as exc:
        raise ApiError(Kind.INVALID, f"Request body is not valid JSON: {exc}") from None
    except RecursionError:
        raise ApiError(Kind.INVALID, "Request body is nested too deeply") from None


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ApiError(Kind.INVALID, f"Request body is not valid JSON: duplicate key {key!r}")
        result[key] = value
    return result


def _no_constants(name: str) -> Any:
    raise ApiError(Kind.INVALID, f"Request body is not valid JSON: {name} is not a number")
