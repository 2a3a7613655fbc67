"""Which compiled operation a request is for."""

from __future__ import annotations

from typing import Any, cast

from keywright.dispatch import Operation, Routes


class FakeOperation:
    def __init__(self, method: str) -> None:
        self.method = method


def routes_with(*entries: tuple[str, str]) -> tuple[Routes, dict[str, Any]]:
    routes, operations = Routes(), {}
    for method, template in entries:
        operations[method + " " + template] = operation = FakeOperation(method)
        routes.add(template, cast(Operation, operation))
    return routes, operations


def test_path_parameters_are_matched_and_named_as_in_the_spec() -> None:
    routes, operations = routes_with(("POST", "/v1/projects/{projectId}/accessKeys"))
    found = routes.match("POST", "/v1/projects/my-project/accessKeys")
    assert found == (
        operations["POST /v1/projects/{projectId}/accessKeys"],
        {"projectId": "my-project"},
    )


def test_a_parameter_never_spans_a_slash_and_literals_are_literal() -> None:
    routes, _ = routes_with(("POST", "/v1/projects/{projectId}/accessKeys"), ("POST", "/a.b"))
    assert routes.match("POST", "/v1/projects/a/b/accessKeys") is None
    assert routes.match("POST", "/v1/projects//accessKeys") is None
    assert routes.match("POST", "/aXb") is None
    assert routes.match("POST", "/a.b") is not None


def test_other_methods_and_paths_are_left_to_connexion() -> None:
    routes, operations = routes_with(("POST", "/keys"), ("DELETE", "/keys"))
    assert routes.match("GET", "/keys") is None  # Connexion answers 405 with Allow
    assert routes.match("POST", "/keys/") is None  # and 404 here
    assert routes.match("DELETE", "/keys") == (operations["DELETE /keys"], {})
