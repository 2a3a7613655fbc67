"""Query, path and header parameters: every violation reported, validators compiled once."""

from __future__ import annotations

from typing import Any

from connexion.lifecycle import ConnexionRequest
from starlette.types import Scope

from keywright.errors import ApiError, Kind, Violation
from keywright.jsonpath import json_path
from keywright.validation.schema import SchemaValidator
from keywright.validation.violations import violations

_LOCATIONS = {"query": "query", "path": "path", "header": "headers", "cookie": "cookies"}


class ParameterValidator:
    """Drop-in for Connexion's ParameterValidator (same constructor, same `validate`)."""

    def __init__(
        self,
        parameters: list[dict[str, Any]],
        uri_parser: Any,
        strict_validation: bool = False,
        security_query_params: list[str] | None = None,
    ) -> None:
        self.uri_parser = uri_parser
        self.strict_validation = strict_validation
        self.parameters = parameters
        self._allowed_query = {p["name"] for p in parameters if p["in"] == "query"}
        self._allowed_query |= set(security_query_params or [])
        self._checks = [
            (
                p,
                SchemaValidator(p.get("schema", {})),
            )
            for p in parameters
        ]

    def validate(self, scope: Scope) -> None:
        request = ConnexionRequest(scope, uri_parser=self.uri_parser)
        problems: list[Violation] = []
        if self.strict_validation:
            for name in request.query_params:
                if name not in self._allowed_query:
                    problems.append(
                        Violation(json_path(["query", name]), f"unknown query parameter '{name}'")
                    )
        for parameter, validator in self._checks:
            location = parameter["in"]
            root = json_path([_LOCATIONS[location], parameter["name"]])
            value = _value(request, parameter)
            if value is None:
                if parameter.get("required"):
                    problems.append(Violation(root, f"missing required {location} parameter"))
                continue
            problems += violations(validator.errors(value), root=root)
        if problems:
            first = problems[0]
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            raise ApiError(
                Kind.INVALID, f"Invalid parameter {first.path}: {first.message}{more}", problems
            )


def _value(request: ConnexionRequest, parameter: dict[str, Any]) -> Any:
    name = parameter["name"]
    match parameter["in"]:
        case "query":
            return request.query_params.get(name)
        case "path":
            return request.path_params.get(name.replace("-", "_"))
        case "header":
            return request.headers.get(name)
        case "cookie":
            return request.cookies.get(name)
    return None
