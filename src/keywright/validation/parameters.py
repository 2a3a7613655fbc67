"""Query, path, header and cookie parameters: every violation reported, validators compiled once."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from starlette.datastructures import Headers, QueryParams
from starlette.requests import cookie_parser

from keywright.errors import ApiError, Kind, Violation
from keywright.jsonpath import json_path
from keywright.validation.schema import SchemaValidator
from keywright.validation.violations import violations

_ROOTS = {"query": "query", "path": "path", "header": "headers", "cookie": "cookies"}


class Parameters:
    """One operation's parameters. Query parameters it does not document are refused."""

    def __init__(
        self, parameters: Iterable[dict[str, Any]], *, extra_query: Iterable[str] = ()
    ) -> None:
        self._checks = [(p, SchemaValidator(p.get("schema", {}))) for p in parameters]
        self._allowed_query = {p["name"] for p, _ in self._checks if p["in"] == "query"}
        self._allowed_query |= set(extra_query)
        self._reads_cookies = any(p["in"] == "cookie" for p, _ in self._checks)

    def validate(self, query: QueryParams, path: Mapping[str, str], headers: Headers) -> None:
        cookies = cookie_parser(headers.get("cookie", "")) if self._reads_cookies else {}
        sources: dict[str, Mapping[str, str]] = {
            "query": query,
            "path": path,
            "header": headers,
            "cookie": cookies,
        }
        problems = [
            Violation(json_path(["query", name]), f"unknown query parameter '{name}'")
            for name in query
            if name not in self._allowed_query
        ]
        for parameter, validator in self._checks:
            location = parameter["in"]
            root = json_path([_ROOTS[location], parameter["name"]])
            value = sources[location].get(parameter["name"])
            if value is None:
                if parameter.get("required"):
                    problems.append(Violation(root, f"missing required {location} parameter"))
                continue
            value = _coerce(value, parameter.get("schema", {}))
            problems += violations(validator.errors(value), root=root)
        if problems:
            first = problems[0]
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            raise ApiError(
                Kind.INVALID, f"Invalid parameter {first.path}: {first.message}{more}", problems
            )


def _coerce(value: str, schema: Mapping[str, Any]) -> Any:
    """The typed value of a scalar parameter; left as text when it is not of the documented type,
    so the schema names what is wrong."""
    try:
        match schema.get("type"):
            case "integer":
                return int(value)
            case "number":
                return float(value)
            case "boolean" if value in ("true", "false"):
                return value == "true"
    except ValueError:
        pass
    return value
