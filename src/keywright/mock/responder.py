"""One operation of a spec, mocked: which response to send for a request and its preferences."""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from keywright.errors import ApiError, Kind, Violation
from keywright.mock.generate import generate
from keywright.mock.prefer import Preferences
from keywright.mock.reflect import reflect
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


@dataclass(frozen=True)
class Answer:
    status: int
    body: Any
    example: str
    """The example the body came from, `dynamic`, or `schema` (built from property examples)."""


class MockResponder:
    def __init__(self, doc: SpecDocument, location: Location, operation: dict[str, Any]) -> None:
        self.operation_id = operation["operationId"]
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
        rng = random.Random(preferences.seed)
        if preferences.example is not None:
            return self._named_example(preferences)
        status = preferences.code or self.success
        response = self.responses.get(status)
        if response is None:
            documented = ", ".join(self.responses)
            raise _preference_error(
                f"Prefer code={status}: {self.operation_id} documents no such status; "
                f"documented: {documented}"
            )
        if response.schema is None:
            return Answer(int(status), None, "none")
        if preferences.dynamic or not response.examples:
            name = "dynamic" if preferences.dynamic else "schema"
            body = generate(response.schema, rng, use_examples=not preferences.dynamic)
        else:
            name, body = next(iter(response.examples.items()))
            body = copy.deepcopy(body)
        if status.startswith("2"):
            now = None if preferences.seed is not None else datetime.now(UTC)
            shaped = reflect(body, response.schema, request, rng, now)
            if response.is_valid(shaped):
                body = shaped
        return Answer(int(status), body, name)

    def _named_example(self, preferences: Preferences) -> Answer:
        statuses = [preferences.code] if preferences.code else list(self.responses)
        for status in statuses:
            response = self.responses.get(status or "")
            if response and preferences.example in response.examples:
                body = copy.deepcopy(response.examples[preferences.example])
                return Answer(int(status or 0), body, preferences.example)
        available = sorted(
            f"{name} ({status})"
            for status, response in self.responses.items()
            for name in response.examples
            if not preferences.code or status == preferences.code
        )
        where = f" with status {preferences.code}" if preferences.code else ""
        raise _preference_error(
            f"Prefer example={preferences.example}: {self.operation_id} has no such example{where}; "
            f"available: {', '.join(available) or 'none'}"
        )


def _preference_error(message: str) -> ApiError:
    return ApiError(Kind.INVALID, message, [Violation("$.headers.prefer", message)])
