# Generated from specs/ by `keywright generate` (datamodel-code-generator). Do not edit:
# change the spec, or the options in keywright/codegen/models.py, and run `make generate`.

from __future__ import annotations

from enum import StrEnum
from typing import Annotated
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, RootModel


class ApiKey(BaseModel):
    """
    The created API key. `key_value` is shown only in this response.
    """

    model_config = ConfigDict(extra="forbid")
    id: Annotated[UUID, Field(examples=["123e4567-e89b-12d3-a456-426614174000"])]
    created_at: Annotated[AwareDatetime, Field(examples=["2023-10-01T10:00:00Z"])]
    expires_at: Annotated[AwareDatetime | None, Field(examples=["2023-10-01T11:00:00Z"])] = None
    """
    When the key expires; absent for a key that never expires.
    """
    key_value: Annotated[str, Field(examples=["key_1234567890ABCDEF"])]
    """
    The generated API key value. It will only be returned once with this response.
    """
    scopes: Scopes


class CreateApiKeyRequest(BaseModel):
    """
    The API key to create.
    """

    model_config = ConfigDict(extra="forbid")
    expiration_time: Annotated[int | None, Field(examples=[3600], ge=1, le=7776000)] = None
    """
    Specifies how many seconds after creation the API key will expire automatically.
    """
    scopes: Scopes


class Error(BaseModel):
    """
    The error envelope of every failed request.
    """

    model_config = ConfigDict(extra="forbid")
    code: Annotated[int | None, Field(examples=[422])] = None
    """
    The corresponding HTTP status code for the error
    """
    classifier: Annotated[str | None, Field(examples=["VALIDATION_ERROR"])] = None
    """
    Technical code that helps to identify the error
    """
    message: Annotated[str | None, Field(examples=["The request is invalid"])] = None
    """
    Human readable representation of the error
    """
    validation_errors: list[ValidationError] | None = None


class Scope(StrEnum):
    """
    A permission an API key holds.
    """

    admin_api_keys_create = "admin:api-keys:create"
    admin_api_keys_read = "admin:api-keys:read"
    admin_api_keys_update = "admin:api-keys:update"
    admin_api_keys_delete = "admin:api-keys:delete"
    pci_tokens_create = "pci:tokens:create"
    pci_tokens_read = "pci:tokens:read"
    pci_tokens_update = "pci:tokens:update"
    pci_tokens_delete = "pci:tokens:delete"
    pci_tokens_forward = "pci:tokens:forward"
    network_tokens_create = "network:tokens:create"
    network_tokens_read = "network:tokens:read"
    network_tokens_delete = "network:tokens:delete"
    network_tokens_use = "network:tokens:use"
    metadata_inquiry_create = "metadata:inquiry:create"


class Scopes(RootModel[list[Scope]]):
    """
    A list of scopes that the API key will have access to.
    """

    root: Annotated[
        list[Scope], Field(examples=[["pci:tokens:create", "pci:tokens:read"]], min_length=1)
    ]
    """
    A list of scopes that the API key will have access to.
    """


class ValidationError(BaseModel):
    """
    One violation in the request.
    """

    model_config = ConfigDict(extra="forbid")
    path: Annotated[str | None, Field(examples=["$.scopes[0]"])] = None
    """
    Json-path in the request which points to the validation error
    """
    message: Annotated[
        str | None, Field(examples=["'pci:tokens:erase' is not one of the allowed scopes"])
    ] = None
    """
    Human readable validation message
    """
