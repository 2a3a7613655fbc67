"""keywright's own spec checks: the rules a validator does not make.

Each check takes a `SpecDocument` and yields `(location, message)` pairs; the
linter turns them into findings that name the file and the JSON path.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from keywright.jsonpath import json_path
from keywright.specs import extensions
from keywright.specs.document import Location, SpecDocument, ref_location

Problem = tuple[Location, str]
Check = Callable[[SpecDocument], Iterator[Problem]]

_SUBSCHEMA_LISTS = ("allOf", "oneOf", "anyOf")
_COMPONENT_KINDS = (
    "schemas",
    "parameters",
    "responses",
    "requestBodies",
    "headers",
    "examples",
    "links",
    "callbacks",
)


def examples_match_schemas(doc: SpecDocument) -> Iterator[Problem]:
    """Every field, parameter, media-type and named example validates against its schema."""
    for location, schema_location in _schema_locations(doc):
        schema = doc.node(schema_location)
        if "example" in schema:
            yield from _example_problems(
                doc, schema["example"], (*location, "example"), schema_location
            )
    for location, holder in _example_holders(doc):
        if "schema" not in holder:
            continue
        schema_location = (*location, "schema")
        if "example" in holder:
            yield from _example_problems(
                doc, holder["example"], (*location, "example"), schema_location
            )
        for name, example in holder.get("examples", {}).items():
            example_location = (*location, "examples", name)
            if "$ref" in example:
                example_location = ref_location(example["$ref"])
                example = doc.resolve(example)
            if "value" in example:
                yield from _example_problems(
                    doc, example["value"], (*example_location, "value"), schema_location
                )


def operations_are_complete(doc: SpecDocument) -> Iterator[Problem]:
    """Every operation has an operationId, a summary and security; operationIds are unique."""
    seen: dict[str, Location] = {}
    global_security = doc.data.get("security")
    for location, operation in doc.operations():
        for key in ("operationId", "summary"):
            if not operation.get(key):
                yield location, f"operation has no {key}"
        if not operation.get("security", global_security):
            yield location, "operation has no security requirement"
        operation_id = operation.get("operationId")
        if operation_id in seen:
            yield (
                (*location, "operationId"),
                f"operationId {operation_id!r} is also used at {json_path(seen[operation_id])}",
            )
        elif operation_id:
            seen[operation_id] = location


def statuses_are_documented(doc: SpecDocument) -> Iterator[Problem]:
    """Every operation documents the statuses keywright's servers can return for it.

    A success; 401 when it is secured; a validation error (400 or 422) when it
    takes parameters or a body; a 500 for the unexpected.
    """
    global_security = doc.data.get("security")
    for location, operation in doc.operations():
        statuses = {str(code) for code in operation.get("responses", {})}
        where = (*location, "responses")
        if not any(s.startswith("2") for s in statuses):
            yield where, "documents no 2xx success response"
        if operation.get("security", global_security) and "401" not in statuses:
            yield where, "is secured but does not document 401"
        path_item = doc.node(location[:-1])
        takes_input = (
            operation.get("parameters")
            or path_item.get("parameters")
            or operation.get("requestBody")
        )
        if takes_input and not statuses & {"400", "422"}:
            yield where, "takes input but documents no validation error (400 or 422)"
        if "500" not in statuses:
            yield where, "does not document 500"


def errors_use_named_envelope(doc: SpecDocument) -> Iterator[Problem]:
    """Every 4xx/5xx body is a `$ref` to a named schema: the API's error envelope."""
    for location, operation in doc.operations():
        for status, response in operation.get("responses", {}).items():
            if not str(status).startswith(("4", "5")):
                continue
            response_location: tuple[str | int, ...] = (*location, "responses", status)
            if "$ref" in response:
                response_location = ref_location(response["$ref"])
                response = doc.resolve(response)
            content = response.get("content")
            if not content:
                yield response_location, f"error response {status} has no body"
                continue
            for media_type, media in content.items():
                ref = media.get("schema", {}).get("$ref", "")
                if not ref.startswith("#/components/schemas/"):
                    yield (
                        (*response_location, "content", media_type, "schema"),
                        "error body is not a $ref to a named component schema",
                    )


def components_are_used(doc: SpecDocument) -> Iterator[Problem]:
    """Every component is reachable from the paths; every security scheme is required somewhere."""
    components = doc.data.get("components", {})
    reachable: set[Location] = set()
    pending = [_refs_in(doc.data.get("paths", {}))]
    while pending:
        for target in pending.pop():
            if target not in reachable:
                reachable.add(target)
                pending.append(_refs_in(doc.node(target)))
    for kind in _COMPONENT_KINDS:
        for name in components.get(kind, {}):
            if ("components", kind, name) not in reachable:
                yield ("components", kind, name), f"{kind[:-1]} {name!r} is never used"
    used_schemes = {
        name
        for requirements in _security_requirements(doc)
        for requirement in requirements
        for name in requirement
    }
    for name in components.get("securitySchemes", {}):
        if name not in used_schemes:
            yield ("components", "securitySchemes", name), f"security scheme {name!r} is never used"


def bodies_are_named_schemas(doc: SpecDocument) -> Iterator[Problem]:
    """Request bodies and success response bodies are `$ref`s to named schemas: each becomes a
    generated model that the generated interface's method takes or returns."""
    for location, operation in doc.operations():
        if "requestBody" in operation:
            body_location: Location = (*location, "requestBody")
            if "$ref" in operation["requestBody"]:
                body_location = ref_location(operation["requestBody"]["$ref"])
            yield from _named_schema_problems(doc, body_location, "the request body")
        for status, response in operation.get("responses", {}).items():
            if not str(status).startswith("2"):
                continue
            response_location: Location = (*location, "responses", status)
            if "$ref" in response:
                response_location = ref_location(response["$ref"])
            yield from _named_schema_problems(doc, response_location, f"the {status} response")


def extensions_are_known(doc: SpecDocument) -> Iterator[Problem]:
    """keywright's own extensions (`specs.extensions`) are spelled right and well-formed: a
    misspelt one would be silently ignored by every tool that reads it."""
    for location, node in _mappings(doc.data, ()):
        for key, value in node.items():
            if not isinstance(key, str) or not key.startswith(("x-keywright", "x-credential")):
                continue
            where = (*location, key)
            if key not in extensions.KNOWN:
                yield where, f"unknown extension {key!r}; keywright knows {_known_extensions()}"
            elif key == extensions.UNIQUE and not (
                value is True or (isinstance(value, str) and value)
            ):
                yield where, f"{key} must be true or say where the value is unique"
            elif key == extensions.CREDENTIAL_PATTERN:
                yield from _pattern_problems(doc, location, value, where)
            elif key == extensions.OFFSET:
                yield from _offset_problems(doc, location, value, where)


CHECKS: tuple[Check, ...] = (
    examples_match_schemas,
    operations_are_complete,
    statuses_are_documented,
    errors_use_named_envelope,
    components_are_used,
    bodies_are_named_schemas,
    extensions_are_known,
)


def _named_schema_problems(doc: SpecDocument, location: Location, what: str) -> Iterator[Problem]:
    for media_type, media in doc.node(location).get("content", {}).items():
        ref = media.get("schema", {}).get("$ref", "")
        target = ref_location(ref) if ref.startswith("#/") else ()
        if len(target) != 3 or target[:2] != ("components", "schemas"):
            yield (
                (*location, "content", media_type, "schema"),
                f"{what} is not a $ref to a named schema (#/components/schemas/...)",
            )


def _known_extensions() -> str:
    return ", ".join(sorted(extensions.KNOWN))


def _pattern_problems(
    doc: SpecDocument, location: Location, value: Any, where: Location
) -> Iterator[Problem]:
    if location[:2] != ("components", "securitySchemes") or len(location) != 3:
        yield where, f"{extensions.CREDENTIAL_PATTERN} belongs on a security scheme"
        return
    if not isinstance(value, str):
        yield where, "the credential pattern is not a string"
        return
    try:
        re.compile(value)
    except re.error as exc:
        yield where, f"the credential pattern is not a regular expression: {exc}"


def _offset_problems(
    doc: SpecDocument, location: Location, value: Any, where: Location
) -> Iterator[Problem]:
    if len(location) < 2 or location[-2] != "properties":
        yield where, f"{extensions.OFFSET} belongs on a property of an object schema"
        return
    if not isinstance(value, dict) or set(value) != {"from", "seconds"}:
        yield where, f"{extensions.OFFSET} must be {{from: <property>, seconds: <request field>}}"
        return
    siblings = doc.node(location[:-1])
    start = doc.resolve(siblings.get(value["from"], {}))
    if start.get("format") != "date-time":
        yield where, f"'from' names {value['from']!r}, not a date-time property beside it"
    if doc.resolve(doc.node(location)).get("format") != "date-time":
        yield where, f"{extensions.OFFSET} is on a property that is not a date-time"
    if not isinstance(value["seconds"], str):
        yield where, "'seconds' must name a field of the request body"


def _mappings(node: Any, location: Location) -> Iterator[tuple[Location, dict[str, Any]]]:
    """Every mapping in the document, with its location."""
    if isinstance(node, dict):
        yield location, node
        for key, value in node.items():
            yield from _mappings(value, (*location, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _mappings(value, (*location, index))


def _example_problems(
    doc: SpecDocument, example: Any, location: Location, schema_location: Location
) -> Iterator[Problem]:
    for error in doc.validate(example, schema_location):
        yield (
            location + tuple(error.absolute_path),
            f"example does not match its schema: {error.message}",
        )


def _example_holders(doc: SpecDocument) -> Iterator[tuple[Location, dict[str, Any]]]:
    """Parameters, headers and media types: what holds `example`/`examples` beside a `schema`."""
    components = doc.data.get("components", {})
    for name, parameter in components.get("parameters", {}).items():
        yield ("components", "parameters", name), parameter
    for name, header in components.get("headers", {}).items():
        yield ("components", "headers", name), header
    for name, body in components.get("requestBodies", {}).items():
        yield from _media_types(("components", "requestBodies", name), body)
    for name, response in components.get("responses", {}).items():
        yield from _responses_parts(("components", "responses", name), response)
    for route, path_item in doc.data.get("paths", {}).items():
        for index, parameter in enumerate(path_item.get("parameters", [])):
            if "$ref" not in parameter:
                yield ("paths", route, "parameters", index), parameter
        for location, operation in doc.operations():
            if location[1] != route:
                continue
            for index, parameter in enumerate(operation.get("parameters", [])):
                if "$ref" not in parameter:
                    yield (*location, "parameters", index), parameter
            body = operation.get("requestBody", {})
            if "$ref" not in body:
                yield from _media_types((*location, "requestBody"), body)
            for status, response in operation.get("responses", {}).items():
                if "$ref" not in response:
                    yield from _responses_parts((*location, "responses", status), response)


def _responses_parts(
    location: Location, response: dict[str, Any]
) -> Iterator[tuple[Location, dict[str, Any]]]:
    yield from _media_types(location, response)
    for name, header in response.get("headers", {}).items():
        if "$ref" not in header:
            yield (*location, "headers", name), header


def _media_types(
    location: Location, holder: dict[str, Any]
) -> Iterator[tuple[Location, dict[str, Any]]]:
    for media_type, media in holder.get("content", {}).items():
        yield (*location, "content", media_type), media


def _schema_locations(doc: SpecDocument) -> Iterator[tuple[Location, Location]]:
    """Every inline schema object in the document (refs are visited where they are defined)."""
    for holder_location, holder in _example_holders(doc):
        if "schema" in holder:
            yield from _walk_schema(doc, (*holder_location, "schema"))
    for name in doc.data.get("components", {}).get("schemas", {}):
        yield from _walk_schema(doc, ("components", "schemas", name))


def _walk_schema(doc: SpecDocument, location: Location) -> Iterator[tuple[Location, Location]]:
    schema = doc.node(location)
    if not isinstance(schema, dict) or "$ref" in schema:
        return
    yield location, location
    for name in schema.get("properties", {}):
        yield from _walk_schema(doc, (*location, "properties", name))
    for key in ("items", "additionalProperties", "not"):
        if isinstance(schema.get(key), dict):
            yield from _walk_schema(doc, (*location, key))
    for key in _SUBSCHEMA_LISTS:
        for index in range(len(schema.get(key, []))):
            yield from _walk_schema(doc, (*location, key, index))


def _refs_in(node: Any) -> set[Location]:
    found: set[Location] = set()
    stack = [node]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            ref = value.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/"):
                location = ref_location(ref)
                # A ref to a schema's property still uses the schema it lives in.
                found.add(location[:3] if location[0] == "components" else location)
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return found


def _security_requirements(doc: SpecDocument) -> Iterator[list[dict[str, list[str]]]]:
    if "security" in doc.data:
        yield doc.data["security"]
    for _, operation in doc.operations():
        if "security" in operation:
            yield operation["security"]


__all__ = ["CHECKS"]
