"""Each rule of `keywright diff`, with a breaking and a non-breaking variant of the same edit.

The spec below is small but has what the rules look at: a path parameter, a query and a
header parameter, a request body with required and optional fields, an enum inside array
items, a discriminated oneOf, `$ref`'d components, two security alternatives, documented
success and error responses with a header.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
import yaml

from keywright.diff import Change, Level, SpecPair, compare_specs
from tests.catalog import CATALOG

SPEC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Keys", "version": "1"},
    "servers": [{"url": "/api"}],
    "security": [{"Key": []}, {"OAuth": ["keys:write"]}],
    "paths": {
        "/projects/{projectId}/keys": {
            "post": {
                "operationId": "createKey",
                "parameters": [
                    {"name": "projectId", "in": "path", "required": True,
                     "schema": {"type": "string"}},
                    {"name": "dryRun", "in": "query", "schema": {"type": "boolean"}},
                    {"name": "x-trace", "in": "header", "schema": {"type": "string"}},
                ],
                "requestBody": {
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/NewKey"}}
                    }
                },
                "responses": {
                    "201": {
                        "description": "made",
                        "headers": {
                            "Location": {"required": True, "schema": {"type": "string"}}
                        },
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Key"}}
                        },
                    },
                    "400": {"$ref": "#/components/responses/Invalid"},
                },
            }
        }
    },
    "components": {
        "securitySchemes": {
            "Key": {"type": "apiKey", "in": "header", "name": "x-api-key"},
            "OAuth": {"type": "oauth2", "flows": {}},
        },
        "responses": {
            "Invalid": {
                "description": "invalid",
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                },
            }
        },
        "schemas": {
            "Scope": {"type": "string", "enum": ["read", "write"]},
            "NewKey": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string", "minLength": 1, "maxLength": 50},
                    "note": {"type": "string", "nullable": True},
                    "ttl": {"type": "integer", "minimum": 1, "maximum": 1000},
                    "scopes": {"type": "array", "maxItems": 5,
                               "items": {"$ref": "#/components/schemas/Scope"}},
                    "target": {
                        "oneOf": [
                            {"type": "object", "properties": {
                                "kind": {"type": "string", "enum": ["all"]}}},
                            {"type": "object", "properties": {
                                "kind": {"type": "string", "enum": ["some"]},
                                "ids": {"type": "array", "items": {"type": "string"}}}},
                        ],
                        "discriminator": {"propertyName": "kind"},
                    },
                },
            },
            "Key": {
                "type": "object",
                "required": ["id", "name", "state"],
                "properties": {
                    "id": {"type": "string", "format": "uuid"},
                    "name": {"type": "string"},
                    "state": {"type": "string", "enum": ["active", "revoked"]},
                    "expires": {"type": "string", "format": "date-time"},
                },
            },
            "Error": {"type": "object", "properties": {"message": {"type": "string"}}},
        },
    },
}  # fmt: skip

Edit = Callable[[dict[str, Any]], None]


def _op(spec: dict[str, Any]) -> dict[str, Any]:
    operation: dict[str, Any] = spec["paths"]["/projects/{projectId}/keys"]["post"]
    return operation


def _param(spec: dict[str, Any], name: str) -> dict[str, Any]:
    return next(p for p in _op(spec)["parameters"] if p["name"] == name)


def _schema(spec: dict[str, Any], name: str) -> dict[str, Any]:
    schema: dict[str, Any] = spec["components"]["schemas"][name]
    return schema


def _prop(spec: dict[str, Any], schema: str, name: str) -> dict[str, Any]:
    prop: dict[str, Any] = _schema(spec, schema)["properties"][name]
    return prop


def _changes(edit: Edit) -> list[Change]:
    new = copy.deepcopy(SPEC)
    edit(new)
    return compare_specs([SpecPair("keys.yaml", copy.deepcopy(SPEC), new)])


def _rules(changes: list[Change], level: Level) -> set[str]:
    return {change.rule for change in changes if change.level is level}


# rule id: (a breaking edit, a non-breaking edit of the same thing)
RULES: dict[str, tuple[Edit, Edit]] = {
    "operation-removed": (
        lambda s: s["paths"].clear(),
        lambda s: s["paths"].update({"/other": {"get": {"operationId": "other", "responses": {}}}}),
    ),
    "api-base-path-changed": (
        lambda s: s.update(servers=[{"url": "/api/v2"}]),
        lambda s: s.update(servers=[{"url": "https://keys.example.com/api"}]),
    ),
    "operation-id-changed": (
        lambda s: _op(s).update(operationId="makeKey"),
        lambda s: _op(s).update(summary="Make a key"),
    ),
    "request-parameter-added-required": (
        lambda s: _op(s)["parameters"].append(
            {"name": "x-tenant", "in": "header", "required": True, "schema": {"type": "string"}}
        ),
        lambda s: _op(s)["parameters"].append(
            {"name": "x-tenant", "in": "header", "schema": {"type": "string"}}
        ),
    ),
    "request-parameter-became-required": (
        lambda s: _param(s, "dryRun").update(required=True),
        lambda s: _param(s, "dryRun").update(description="Only check"),
    ),
    "request-parameter-removed": (
        lambda s: _op(s)["parameters"].remove(_param(s, "dryRun")),
        lambda s: _param(s, "dryRun").update(deprecated=True),
    ),
    "request-parameter-moved": (
        lambda s: _param(s, "x-trace").update({"in": "query"}),
        lambda s: _param(s, "x-trace").update(description="A trace id"),
    ),
    "request-parameter-renamed": (
        lambda s: _param(s, "x-trace").update(name="x-trace-id"),
        lambda s: _op(s)["parameters"].append(
            {"name": "x-trace-id", "in": "header", "schema": {"type": "string"}}
        ),
    ),
    "request-type-changed": (
        lambda s: _param(s, "dryRun")["schema"].update(type="string"),
        lambda s: _param(s, "dryRun")["schema"].update(default=False),
    ),
    "request-format-narrowed": (
        lambda s: _param(s, "projectId")["schema"].update(format="uuid"),
        lambda s: _param(s, "projectId")["schema"].update(example="p1"),
    ),
    "request-property-added-required": (
        lambda s: (
            _prop(s, "NewKey", "name"),
            _schema(s, "NewKey")["properties"].update(owner={"type": "string"}),
            _schema(s, "NewKey")["required"].append("owner"),
        ),
        lambda s: _schema(s, "NewKey")["properties"].update(owner={"type": "string"}),
    ),
    "request-property-became-required": (
        lambda s: _schema(s, "NewKey")["required"].append("ttl"),
        lambda s: _schema(s, "NewKey")["required"].remove("name"),
    ),
    "request-body-became-required": (
        lambda s: _op(s)["requestBody"].update(required=True),
        lambda s: _op(s)["requestBody"].update(description="The key"),
    ),
    "request-max-length-decreased": (
        lambda s: _prop(s, "NewKey", "name").update(maxLength=20),
        lambda s: _prop(s, "NewKey", "name").update(maxLength=80),
    ),
    "request-maximum-decreased": (
        lambda s: _prop(s, "NewKey", "ttl").update(maximum=100),
        lambda s: _prop(s, "NewKey", "ttl").pop("maximum"),
    ),
    "request-max-items-decreased": (
        lambda s: _prop(s, "NewKey", "scopes").update(maxItems=2),
        lambda s: _prop(s, "NewKey", "scopes").update(maxItems=10),
    ),
    "request-min-length-increased": (
        lambda s: _prop(s, "NewKey", "name").update(minLength=3),
        lambda s: _prop(s, "NewKey", "name").pop("minLength"),
    ),
    "request-minimum-increased": (
        lambda s: _prop(s, "NewKey", "ttl").update(minimum=60),
        lambda s: _prop(s, "NewKey", "ttl").update(minimum=0),
    ),
    "request-min-items-increased": (
        lambda s: _prop(s, "NewKey", "scopes").update(minItems=1),
        lambda s: _prop(s, "NewKey", "scopes").update(minItems=0),
    ),
    "request-pattern-changed": (
        lambda s: _prop(s, "NewKey", "name").update(pattern="^[a-z]+$"),
        lambda s: _prop(s, "NewKey", "name").update(description="Any name"),
    ),
    "request-enum-value-removed": (
        lambda s: _schema(s, "Scope").update(enum=["read"]),
        lambda s: _schema(s, "Scope").update(enum=["read", "write", "admin"]),
    ),
    "request-additional-properties-closed": (
        lambda s: _schema(s, "NewKey").update(additionalProperties=False),
        lambda s: _schema(s, "NewKey").update(additionalProperties=True),
    ),
    "request-nullable-removed": (
        lambda s: _prop(s, "NewKey", "note").pop("nullable"),
        lambda s: _prop(s, "NewKey", "name").update(nullable=True),
    ),
    "response-success-status-removed": (
        lambda s: _op(s)["responses"].pop("201"),
        lambda s: _op(s)["responses"].update({"409": {"$ref": "#/components/responses/Invalid"}}),
    ),
    "response-property-removed": (
        lambda s: _schema(s, "Key")["properties"].pop("state"),
        lambda s: _schema(s, "Key")["properties"].update(label={"type": "string"}),
    ),
    "response-property-became-optional": (
        lambda s: _schema(s, "Key")["required"].remove("name"),
        lambda s: _schema(s, "Key")["required"].append("expires"),
    ),
    "response-type-changed": (
        lambda s: _prop(s, "Key", "name").update(type="integer"),
        lambda s: _prop(s, "Key", "name").update(maxLength=50),
    ),
    "response-nullable-added": (
        lambda s: _prop(s, "Key", "expires").update(nullable=True),
        lambda s: _prop(s, "Key", "expires").update(description="When it expires"),
    ),
    "response-header-became-optional": (
        lambda s: _op(s)["responses"]["201"]["headers"]["Location"].pop("required"),
        lambda s: _op(s)["responses"]["201"]["headers"].update(ETag={"schema": {"type": "string"}}),
    ),
    "security-alternative-removed": (
        lambda s: s.update(security=[{"Key": []}]),
        lambda s: s.update(security=[{"Key": []}, {"OAuth": ["keys:write"]}, {"Basic": []}]),
    ),
    "security-scheme-changed": (
        lambda s: s["components"]["securitySchemes"]["Key"].update(name="x-key"),
        lambda s: s["components"]["securitySchemes"]["Key"].update(description="A key"),
    ),
    "security-scopes-added": (
        lambda s: s.update(security=[{"Key": []}, {"OAuth": ["keys:write", "keys:admin"]}]),
        lambda s: s.update(security=[{"Key": []}, {"OAuth": []}]),
    ),
    "request-media-type-removed": (
        lambda s: _op(s)["requestBody"]["content"].update(
            {"application/merge+json": _op(s)["requestBody"]["content"].pop("application/json")}
        ),
        lambda s: _op(s)["requestBody"]["content"].update(
            {"application/merge+json": {"schema": {"type": "object"}}}
        ),
    ),
    "response-media-type-removed": (
        lambda s: _op(s)["responses"]["201"].update(content={"text/plain": {}}),
        lambda s: _op(s)["responses"]["201"]["content"].update({"text/plain": {}}),
    ),
}


@pytest.mark.parametrize("rule", RULES, ids=RULES)
def test_a_breaking_edit_is_breaking(rule: str) -> None:
    breaking_edit, _ = RULES[rule]
    changes = _changes(breaking_edit)
    assert rule in _rules(changes, Level.BREAKING), [(c.rule, c.level) for c in changes]


@pytest.mark.parametrize("rule", RULES, ids=RULES)
def test_the_same_thing_loosened_breaks_nothing(rule: str) -> None:
    _, harmless_edit = RULES[rule]
    changes = _changes(harmless_edit)
    assert [c for c in changes if c.level is not Level.INFO] == []


def test_an_enum_value_added_to_a_response_is_a_warning() -> None:
    changes = _changes(lambda s: _prop(s, "Key", "state")["enum"].append("paused"))
    [change] = changes
    assert (change.level, change.rule) == (Level.WARNING, "response-enum-value-added")
    assert change.path == (
        "$.paths['/projects/{projectId}/keys'].post.responses['201']"
        ".content['application/json'].schema.properties.state.enum"
    )
    assert change.operation == "POST /api/projects/{projectId}/keys"


def test_an_enum_narrowed_inside_a_discriminated_alternative_is_found() -> None:
    def narrow(spec: dict[str, Any]) -> None:
        _prop(spec, "NewKey", "target")["oneOf"][1]["properties"]["ids"]["items"]["enum"] = ["a"]

    [change] = _changes(narrow)
    assert change.rule == "request-enum-added"
    assert "oneOf[1].properties.ids.items.enum" in change.path


def test_moving_a_schema_into_components_is_no_change() -> None:
    def inline_the_body(spec: dict[str, Any]) -> None:
        media = _op(spec)["requestBody"]["content"]["application/json"]
        media["schema"] = copy.deepcopy(_schema(spec, "NewKey"))
        media["schema"]["properties"]["scopes"]["items"] = copy.deepcopy(_schema(spec, "Scope"))

    assert _changes(inline_the_body) == []


def test_renaming_a_component_of_the_same_shape_is_no_change() -> None:
    def rename(spec: dict[str, Any]) -> None:
        spec["components"]["schemas"]["ApiKey"] = spec["components"]["schemas"].pop("Key")
        response = _op(spec)["responses"]["201"]["content"]["application/json"]
        response["schema"] = {"$ref": "#/components/schemas/ApiKey"}

    assert _changes(rename) == []


def test_renaming_a_path_parameter_is_no_change_of_route() -> None:
    def rename(spec: dict[str, Any]) -> None:
        spec["paths"]["/projects/{project}/keys"] = spec["paths"].pop("/projects/{projectId}/keys")

    rules = {c.rule for c in _changes(rename)}
    assert "operation-removed" not in rules and "operation-added" not in rules


def test_a_new_operation_and_a_new_error_status_break_nothing() -> None:
    def add(spec: dict[str, Any]) -> None:
        spec["paths"]["/keys"] = {"get": {"operationId": "listKeys", "responses": {}}}
        _op(spec)["responses"]["429"] = {"$ref": "#/components/responses/Invalid"}

    changes = _changes(add)
    assert {(c.rule, c.level) for c in changes} == {
        ("operation-added", Level.INFO),
        ("response-status-added", Level.INFO),
    }


def _api_keys(spec: dict[str, Any]) -> dict[str, Any]:
    operation: dict[str, Any] = spec["paths"]["/api-keys"]["post"]
    return operation


# On our API-keys spec: the edits openapi-diff (npm) or Optic miss (issue 14's table).
MISSED_ELSEWHERE: dict[str, tuple[Edit, str]] = {
    "a removed response field": (
        lambda s: s["components"]["schemas"]["ApiKey"]["properties"].pop("key_value"),
        "response-property-removed",
    ),
    "an enum value removed inside array items": (
        lambda s: s["components"]["schemas"]["Scope"]["enum"].remove("pci:tokens:delete"),
        "request-enum-value-removed",
    ),
    "an optional header made required": (
        lambda s: s["components"]["parameters"]["IdempotencyKey"].update(required=True),
        "request-parameter-became-required",
    ),
    "a removed security alternative": (
        lambda s: _api_keys(s).update(security=[{"AdminToken": []}]),
        "security-alternative-removed",
    ),
    "a narrowed maximum": (
        lambda s: s["components"]["schemas"]["CreateApiKeyRequest"]["properties"][
            "expiration_time"
        ].update(maximum=86_400),
        "request-maximum-decreased",
    ),
    "a security scheme's header renamed": (
        lambda s: s["components"]["securitySchemes"]["AdminToken"].update(name="x-admin-key"),
        "security-scheme-changed",
    ),
}


@pytest.mark.parametrize("case", MISSED_ELSEWHERE, ids=MISSED_ELSEWHERE)
def test_what_other_tools_miss_is_found_on_our_spec(case: str) -> None:
    edit, rule = MISSED_ELSEWHERE[case]
    old = yaml.safe_load(CATALOG.get("api-keys").path.read_text())
    new = copy.deepcopy(old)
    edit(new)
    changes = compare_specs([SpecPair("api-keys.yaml", old, new)])
    assert rule in _rules(changes, Level.BREAKING), [(c.rule, c.level) for c in changes]
