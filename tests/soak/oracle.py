"""What the specs allow an answer to be: the soak checks every response against it, not a
sample.

A request that matches an operation must get a status that operation documents, with a body
(and the documented headers it sends) valid against that status's schema; an error is also the
owning API's envelope, field by field (tests/envelopes.py). A request that matches no operation
(a wrong path or method) must get 404 or 405 in the owning API's error envelope.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import orjson

from keywright.catalog import ApiSpec, Catalog
from keywright.errors import SchemaEnvelope
from keywright.validation import SchemaValidator
from tests.envelopes import assert_envelope_body
from tests.soak.wire import Reply

UNROUTED = frozenset({404, 405})
"""What a path or method no operation has is answered with, in the owning API's envelope."""


@dataclass(frozen=True)
class Documented:
    """One documented response: its media types' body validators and its headers'."""

    bodies: dict[str, SchemaValidator | None]
    """Media type → body validator (None: the media type has no schema)."""
    headers: dict[str, SchemaValidator]
    """Lower-case header name → validator of its value."""


@dataclass(frozen=True)
class Operation:
    api: str
    method: str
    route: str
    pattern: re.Pattern[str]
    responses: dict[str, Documented]
    """Status ('200', '4XX', 'default') → what it documents."""


class Oracle:
    """Built once from the catalog the servers serve."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.operations = [op for api in catalog for op in _operations(api)]
        self.errors = {
            api.name: SchemaValidator(dict(SchemaEnvelope.for_spec(api.doc).schema))
            for api in catalog
        }

    def owner(self, path: str) -> str | None:
        api = self.catalog.owner_of(path)
        return None if api is None else api.name

    def problem(self, method: str, path: str, reply: Reply) -> str | None:
        """Why `reply` is not what the specs allow for `method path`, or None."""
        path = path.partition("?")[0]
        on_path = [op for op in self.operations if op.pattern.fullmatch(path)]
        operation = next((op for op in on_path if op.method == method.lower()), None)
        if operation is None:
            return self._unrouted(path, reply)
        documented = _lookup(operation.responses, reply.status)
        if documented is None:
            return f"{reply.status} is not documented for {method} {operation.route}"
        if not documented.bodies:
            return None if reply.body == b"" else f"{reply.status} documents no body"
        if reply.media_type not in documented.bodies:
            return f"{reply.status} came as {reply.media_type!r}, not {sorted(documented.bodies)}"
        for name, header in documented.headers.items():
            if name in reply.headers and not header.is_valid(_header_value(reply.headers[name])):
                return f"header {name}: {reply.headers[name]!r} is not what the spec says"
        return self._body(operation.api, reply, documented.bodies[reply.media_type])

    def _unrouted(self, path: str, reply: Reply) -> str | None:
        api = self.owner(path)
        if api is None:
            return f"{path!r} belongs to no API (the soak should not send it)"
        if reply.status not in UNROUTED:
            return f"{reply.status} for a path or method no operation has (expected 404 or 405)"
        if reply.media_type != "application/json":
            return f"{reply.status} came as {reply.media_type!r}"
        return self._body(api, reply, self.errors[api])

    def _body(self, api: str, reply: Reply, validator: SchemaValidator | None) -> str | None:
        try:
            body = orjson.loads(reply.body)
        except orjson.JSONDecodeError:
            return f"{reply.status}: the body is not JSON: {reply.body[:120]!r}"
        if validator is not None:
            errors = validator.errors(body)
            if errors:
                return f"{reply.status}: the body is off its schema: {errors[0].message}"
        if reply.status >= 400:
            try:
                assert_envelope_body(api, body, reply.status)
            except AssertionError as exc:
                return f"{reply.status}: not {api}'s envelope: {str(exc)[:300]}"
        return None


def _operations(api: ApiSpec) -> list[Operation]:
    doc = api.doc
    found = []
    for (_, route, method), operation in doc.operations():
        template = re.escape(api.base_path + route)
        pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", template)
        responses = {
            str(status): _documented(doc.resolve(response), doc)
            for status, response in operation.get("responses", {}).items()
        }
        found.append(Operation(api.name, method, route, re.compile(pattern), responses))
    return found


def _documented(response: dict[str, Any], doc: Any) -> Documented:
    bodies = {
        media.split(";")[0].strip().lower(): (
            SchemaValidator(doc.inline(content["schema"])) if "schema" in content else None
        )
        for media, content in response.get("content", {}).items()
    }
    headers = {
        name.lower(): SchemaValidator(doc.inline(header.get("schema", {})))
        for name, header in (doc.inline(response.get("headers", {})) or {}).items()
    }
    return Documented(bodies, headers)


def _lookup(responses: dict[str, Documented], status: int) -> Documented | None:
    for key in (str(status), f"{str(status)[0]}XX", "default"):
        if key in responses:
            return responses[key]
    return None


def _header_value(value: str) -> Any:
    """A header's text as the type its schema names it: `Retry-After: 1` is the integer 1."""
    try:
        return int(value)
    except ValueError:
        return value
