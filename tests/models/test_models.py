"""The generated models accept every example of the specs unchanged and reject invalid data."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from keywright_models import access_keys, api_keys, proxy_keys
from tests.catalog import CATALOG


def _media_examples() -> Iterator[Any]:
    """(model, example) for every media-type example whose schema is a named component."""
    for api in CATALOG.apis:
        doc = api.doc
        module = importlib.import_module(f"keywright_models.{api.module_name}")
        for _location, operation in doc.operations():
            holders = [doc.resolve(operation["requestBody"])]
            holders += [doc.resolve(r) for r in operation["responses"].values()]
            for holder in holders:
                for media in holder.get("content", {}).values():
                    name = media["schema"]["$ref"].rsplit("/", 1)[-1]
                    values = [media["example"]] if "example" in media else []
                    values += [e["value"] for e in media.get("examples", {}).values()]
                    for value in values:
                        yield pytest.param(getattr(module, name), value, id=f"{api.name}-{name}")


@pytest.mark.parametrize(("model", "example"), list(_media_examples()))
def test_every_spec_example_round_trips(model: type[BaseModel], example: Any) -> None:
    parsed = model.model_validate(example)
    assert parsed.model_dump(mode="json", exclude_none=True) == example


def test_seed_002_example_round_trips() -> None:
    seed_example = {
        "id": "123e4567-e89b-12d3-a456-426614174000",
        "created_at": "2023-10-01T10:00:00Z",
        "expires_at": "2023-10-01T11:00:00Z",
        "key_value": "key_1234567890ABCDEF",
        "scopes": ["admin:api-keys:create"],
    }
    key = api_keys.ApiKey.model_validate(seed_example)
    assert key.expires_at - key.created_at == timedelta(seconds=3600)
    assert key.model_dump(mode="json", exclude_none=True) == seed_example


def test_proxy_key_projects_are_a_discriminated_union() -> None:
    request = proxy_keys.CreateProxyKeyRequest.model_validate(
        {
            "identifier": "MyProxyKey",
            "name": "My Proxy Key",
            "organizations": {
                "default": {
                    "projects": {
                        "web_app": {"scope": "selected", "environments": ["dev"]},
                        "mobile_app": {"scope": "all"},
                    }
                }
            },
        }
    )
    projects = request.organizations.root["default"].projects
    assert isinstance(projects["web_app"].root, proxy_keys.SelectedEnvironments)
    assert isinstance(projects["mobile_app"].root, proxy_keys.AllEnvironments)


INVALID = [
    pytest.param(
        proxy_keys.CreateProxyKeyRequest,
        {"name": "n", "organizations": {"o": {"projects": {"p": {"scope": "all"}}}}},
        "identifier",
        id="proxy-missing-required",
    ),
    pytest.param(
        proxy_keys.CreateProxyKeyRequest,
        {
            "identifier": "k",
            "name": "n",
            "organizations": {"o": {"projects": {"p": {"scope": "some"}}}},
        },
        "projects.p",
        id="proxy-scope-outside-enum",
    ),
    pytest.param(
        proxy_keys.CreateProxyKeyRequest,
        {
            "identifier": "k",
            "name": "n",
            "organizations": {"o": {"projects": {"p": {"scope": "selected"}}}},
        },
        "environments",
        id="proxy-selected-without-environments",
    ),
    pytest.param(
        proxy_keys.CreateProxyKeyRequest,
        {"identifier": "k", "name": "n", "organizations": {}},
        "organizations",
        id="proxy-no-organizations",
    ),
    pytest.param(
        access_keys.CreateAccessKeyRequest, {}, "displayName", id="access-missing-required"
    ),
    pytest.param(
        access_keys.CreateAccessKeyRequest,
        {"displayName": "x", "owner": "me"},
        "owner",
        id="access-unknown-field",
    ),
    pytest.param(
        api_keys.CreateApiKeyRequest, {"expiration_time": 60}, "scopes", id="api-missing-required"
    ),
    pytest.param(
        api_keys.CreateApiKeyRequest,
        {"scopes": ["pci:tokens:erase"]},
        "scopes.0",
        id="api-scope-outside-enum",
    ),
    pytest.param(
        api_keys.CreateApiKeyRequest,
        {"scopes": ["pci:tokens:read"], "expiration_time": 0},
        "expiration_time",
        id="api-non-positive-expiry",
    ),
]


@pytest.mark.parametrize(("model", "data", "field"), INVALID)
def test_invalid_data_is_rejected(model: type[BaseModel], data: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as raised:
        model.model_validate(data)
    locations = {".".join(str(p) for p in error["loc"]) for error in raised.value.errors()}
    assert any(field in location for location in locations), locations
