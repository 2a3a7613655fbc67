"""JSON request bodies: read within a size limit, parsed strictly, validated completely."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from typing import Any

from starlette.datastructures import Headers
from starlette.types import Receive

from keywright.errors import ApiError, Kind, Violation
from keywright.validation.schema import SchemaValidator
from keywright.validation.violations import violations

MAX_BODY_BYTES = 64 * 1024
"""Bodies of these APIs are a few hundred bytes; anything this big is rejected unread."""


class JsonBody:
    """One operation's request body: which media types it takes, whether it is required, its schema."""

    def __init__(
        self, schema: dict[str, Any], *, required: bool, media_types: Sequence[str]
    ) -> None:
        self.required = required
        self.media_types = tuple(media.lower() for media in media_types)
        self._validator = SchemaValidator(schema)

    async def read(self, receive: Receive, headers: Headers) -> Any:
        """The parsed, valid body, or None when there is none (and none is required)."""
        content_type = headers.get("content-type")
        if content_type is not None:
            media_type = content_type.split(";", 1)[0].strip().lower()
            if media_type not in self.media_types:
                raise ApiError(
                    Kind.UNSUPPORTED_MEDIA_TYPE,
                    f"Unsupported content type: {media_type or '(empty)'}; "
                    f"send {' or '.join(self.media_types)}",
                )
        raw = await _read_body(receive, headers)
        if not raw:
            if self.required:
                raise ApiError(
                    Kind.INVALID, "Request body is required", [Violation("$", "required")]
                )
            return None
        if content_type is None:
            raise ApiError(
                Kind.UNSUPPORTED_MEDIA_TYPE, "Missing Content-Type header; send application/json"
            )
        body = parse_json(raw)
        self.validate(body)
        return body

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
        if message["type"] == "http.disconnect":  # gone, or too slow: never act on a part
            raise ApiError(Kind.INVALID, "The client closed the connection before its body ended")
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise _too_large()
        chunks.append(chunk)
        more = message.get("more_body", False)
    return b"".join(chunks)


def _too_large() -> ApiError:
    return ApiError(Kind.TOO_LARGE, f"Request body is larger than {MAX_BODY_BYTES} bytes")


def parse_json(raw: bytes) -> Any:
    """Strict JSON: UTF-8 only, no duplicate keys, no NaN/Infinity, bounded nesting."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(
            Kind.INVALID, f"Request body is not valid UTF-8 (byte {exc.start})"
        ) from None
    try:
        value = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except json.JSONDecodeError as exc:
        raise ApiError(Kind.INVALID, f"Request body is not valid JSON: {exc}") from None
    except ValueError:  # Python's int-digit limit
        raise ApiError(
            Kind.INVALID,
            f"Request body has a number of more than {sys.get_int_max_str_digits()} digits",
        ) from None
    except RecursionError:
        raise ApiError(Kind.INVALID, "Request body is nested too deeply") from None
    if _ESCAPED_SURROGATE.search(raw) and not _encodable(value):
        raise ApiError(
            Kind.INVALID, "Request body is not valid JSON text: a \\u escape is a lone surrogate"
        )
    return value


_ESCAPED_SURROGATE = re.compile(rb"\\u[dD][89abcdefABCDEF]")
"""`\\ud800`: JSON's parser accepts a lone one, which is not a character (RFC 8259, 8.2)."""


def _encodable(value: Any) -> bool:
    """Whether every string in `value`, keys included, is text UTF-8 can encode. A loop, not
    recursion: the parser accepts nesting deeper than Python's recursion limit allows here."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return False
        elif isinstance(item, dict):
            pending += item.keys()
            pending += item.values()
        elif isinstance(item, list):
            pending += item
    return True


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ApiError(Kind.INVALID, f"Request body is not valid JSON: duplicate key {key!r}")
        result[key] = value
    return result


def _no_constants(name: str) -> Any:
    raise ApiError(Kind.INVALID, f"Request body is not valid JSON: {name} is not a number")
