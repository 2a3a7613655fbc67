"""One operation of a spec, mocked: which response to send for a request and its preferences."""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http import HTTPStatus
from typing import Any

import orjson

from keywright.errors import ApiError, Envelope, Kind, Violation
from keywright.mock.generate import generate
from keywright.mock.prefer import Preferences
from keywright.mock.reflect import reflect, reflect_error, timestamp
from keywright.specs import SpecDocument
from keywright.specs.document import Location
from keywright.validation.schema import SchemaValidator


@dataclass
class MockResponse:
    schema: dict[str, Any] | None
    examples: dict[str, Any] = field(default_factory=dict)
    """Named examples, then the media example as `default`."""

    def __post_init__(self) -> None:
        self._validator = SchemaValidator(self.schema) if self.schema is not None else None

    def is_valid(self, body: Any) -> bool:
        return self._validator is None or self._validator.is_valid(body)

    def example(self, name: str) -> Any | None:
        """The named example; `default` is the media example, else the first named one (the
        one the mock answers when none is asked for)."""
        if name in self.examples:
            return self.examples[name]
        if name == "default" and self.examples:
            return next(iter(self.examples.values()))
        return None


@dataclass(frozen=True)
class Answer:
    status: int
    body: Any
    example: str
    """The example the body came from, `dynamic`, or `schema` (built from property examples)."""


class MockResponder:
    def __init__(
        self,
        doc: SpecDocument,
        location: Location,
        operation: dict[str, Any],
        envelope: Envelope | None = None,
    ) -> None:
        self.operation_id = operation["operationId"]
        self.envelope = envelope
        """Builds realistic dynamic error bodies (a `code` that is the status)."""
        self.samples = dict(_request_samples(doc, operation))
        """The request's example values, by the request field that holds them: an error
        example naming one names what the request sent instead."""
        self.responses: dict[str, MockResponse] = {}
        for status, response in operation["responses"].items():
            response = doc.resolve(response)
            media = response.get("content", {}).get("application/json")
            if media is None:
                self.responses[str(status)] = MockResponse(None)
                continue
            examples = {
                name: doc.resolve(e)["value"] for name, e in media.get("examples", {}).items()
            }
            if "example" in media:
                examples["default"] = media["example"]
            schema = doc.inline(media["schema"])
            self.responses[str(status)] = MockResponse(schema, examples)
        self.success = next(s for s in self.responses if s.startswith("2"))

    def answer(self, request: dict[str, Any], preferences: Preferences) -> Answer:
        rng = _UNSEEDED if preferences.seed is None else random.Random(preferences.seed)
        if preferences.example is not None:
            return self._named_example(preferences)
        status = preferences.code or self.success
        response = self.responses.get(status)
        if response is None:
            documented = ", ".join(sorted(self.responses))
            raise _preference_error(
                f"Prefer code={status}: {self.operation_id} documents no such status; "
                f"documented: {documented}"
            )
        if response.schema is None:
            return Answer(int(status), None, "none")
        if preferences.dynamic or not response.examples:
            name = "dynamic" if preferences.dynamic else "schema"
            body = self._error_body(int(status), response)
            if body is None:
                body = generate(response.schema, rng, use_examples=not preferences.dynamic)
        else:
            name, body = next(iter(response.examples.items()))
            body = _copy(body)
        return Answer(
            int(status), self._shaped(status, response, body, request, rng, preferences), name
        )

    def _shaped(
        self,
        status: str,
        response: MockResponse,
        body: Any,
        request: dict[str, Any],
        rng: random.Random,
        preferences: Preferences,
    ) -> Any:
        """The body, reflecting the request: what a success echoes, the values an error names."""
        if status.startswith("2"):
            now = None if preferences.seed is not None else timestamp(datetime.now(UTC))
            shaped = reflect(body, response.schema or {}, request, rng, now)
        else:
            shaped = reflect_error(body, request, self.samples)
        return shaped if response.is_valid(shaped) else body

    def _error_body(self, status: int, response: MockResponse) -> Any | None:
        """An error in the API's envelope (its `code` the status), when the envelope fits."""
        if status < 400 or self.envelope is None:
            return None
        error = ApiError(Kind.for_status(status), HTTPStatus(status).phrase)
        body = self.envelope.body(error, status)
        return body if response.is_valid(body) else None

    def _named_example(self, preferences: Preferences) -> Answer:
        name = preferences.example or "default"
        if preferences.code:
            statuses = [preferences.code]
        else:  # the success responses first
            statuses = sorted(self.responses, key=lambda status: not status.startswith("2"))
        for status in statuses:  # an example asked for by name is returned as it is
            response = self.responses.get(status or "")
            example = response.example(name) if response else None
            if example is not None:
                return Answer(int(status), _copy(example), name)
        available = dict.fromkeys(
            f"{offered} ({status})"
            for status, response in self.responses.items()
            for offered in response.examples
            if not preferences.code or status == preferences.code
        )
        where = f" with status {preferences.code}" if preferences.code else ""
        raise _preference_error(
            f"Prefer example={preferences.example}: {self.operation_id} has no such example{where}; "
            f"available: {', '.join(available) or 'none'}"
        )


def _request_samples(doc: SpecDocument, operation: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """(example value, request field) for every string example of the request: parameters,
    body properties and whole-body examples."""
    for parameter in map(doc.resolve, operation.get("parameters", [])):
        example = parameter.get("example", doc.resolve(parameter.get("schema", {})).get("example"))
        if isinstance(example, str) and example:
            yield example, parameter["name"]
    body = doc.resolve(operation.get("requestBody", {}))
    for media in body.get("content", {}).values():
        schema = doc.resolve(media.get("schema", {}))
        for name, prop in schema.get("properties", {}).items():
            example = doc.resolve(prop).get("example")
            if isinstance(example, str) and example:
                yield example, name
        whole = [media.get("example")] + [
            doc.resolve(e).get("value") for e in media.get("examples", {}).values()
        ]
        for value in whole:
            if isinstance(value, dict):
                for name, example in value.items():
                    if isinstance(example, str) and example:
                        yield example, name


_UNSEEDED = random.Random()
"""Values for requests that ask for no seed: one generator for the process (seeding a new one
from the OS for every request cost 7 % of the mock's time)."""


def _copy(example: Any) -> Any:
    """A copy of a spec example to reshape: through JSON, a sixth of `copy.deepcopy`'s cost."""
    return orjson.loads(orjson.dumps(example))


def _preference_error(message: str) -> ApiError:
    return ApiError(Kind.INVALID, message, [Violation("$.headers.prefer", message)])
