"""The requests a spec's examples make: what Swagger UI's "Try it out" and schemathesis's
examples phase send, one per request-body example."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from keywright.specs.document import SpecDocument


@dataclass(frozen=True)
class ExampleRequest:
    name: str
    """The body example's name (`default` for a media-type `example`)."""
    operation_id: str
    method: str
    path: str
    """The route with path parameters filled in, without the base path."""
    query: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None


def example_requests(doc: SpecDocument) -> Iterator[ExampleRequest]:
    """Each operation's example requests, in the spec's order. A parameter with named examples
    gives each body example the value of the same name, or else of the same position."""
    for (_, route, method), operation in doc.operations():
        parameters = [doc.resolve(p) for p in operation.get("parameters", [])]
        for index, (name, body) in enumerate(_bodies(doc, operation)):
            path, query, headers = str(route), {}, {}
            for parameter in parameters:
                value = _parameter_example(doc, parameter, name, index)
                if value is None:
                    continue
                if parameter["in"] == "path":
                    path = path.replace("{" + parameter["name"] + "}", str(value))
                elif parameter["in"] == "query":
                    query[parameter["name"]] = str(value)
                elif parameter["in"] == "header":
                    headers[parameter["name"]] = str(value)
            yield ExampleRequest(
                name, operation["operationId"], method.upper(), path, query, headers, body
            )


def _bodies(doc: SpecDocument, operation: dict[str, Any]) -> list[tuple[str, Any]]:
    if "requestBody" not in operation:
        return [("default", None)]
    content = doc.resolve(operation["requestBody"]).get("content", {})
    media = content.get("application/json", {})
    bodies = [(name, doc.resolve(e)["value"]) for name, e in media.get("examples", {}).items()]
    if "example" in media:
        bodies.append(("default", media["example"]))
    return bodies


def _parameter_example(doc: SpecDocument, parameter: dict[str, Any], name: str, index: int) -> Any:
    if "example" in parameter:
        return parameter["example"]
    examples = parameter.get("examples", {})
    if name in examples:
        return doc.resolve(examples[name])["value"]
    if examples:
        values = list(examples.values())
        return doc.resolve(values[index % len(values)])["value"]
    return parameter.get("schema", {}).get("example")
