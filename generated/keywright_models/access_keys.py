# Generated from specs/ by `keywright generate` (datamodel-code-generator). Do not edit:
# change the spec, or the options in keywright/codegen/models.py, and run `make generate`.

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field


class AccessKey(BaseModel):
    """
    The newly created Access Key.
    """

    model_config = ConfigDict(extra="forbid")
    accessKeyId: Annotated[str | None, Field(examples=["6f1c2a4e-9b3d-4e57-8a21-5c7d9e0f1b2a"])] = (
        None
    )
    """
    Unique ID for this Access Key.
    """
    displayName: Annotated[str | None, Field(examples=["CI pipeline"])] = None
    """
    The display name for this Access Key. It must be unique for the resource tied to the key.
    """
    projectId: Annotated[str | None, Field(examples=["51bc3f40-f266-4ca8-8938-a1ed0ff32b9a"])] = (
        None
    )
    """
    The project ID this key is tied to.
    """
    createTime: Annotated[AwareDatetime | None, Field(examples=["2024-05-01T12:00:00Z"])] = None
    """
    Timestamp when the Access Key was created.
    """
    updateTime: Annotated[AwareDatetime | None, Field(examples=["2024-05-01T12:00:00Z"])] = None
    """
    Timestamp when the Access Key was last modified.
    """


class Any(BaseModel):
    """
    A `google.protobuf.Any`, a serialized message and the URL of its type.
    """

    model_config = ConfigDict(extra="forbid")
    type_url: Annotated[
        str | None, Field(examples=["type.googleapis.com/google.rpc.BadRequest"])
    ] = None
    """
    A URL that names the type of the serialized message.
    """
    value: Annotated[str | None, Field(examples=["displayName: must not be empty"])] = None
    """
    The serialized message.
    """


class CreateAccessKeyRequest(BaseModel):
    """
    The access key to create.
    """

    model_config = ConfigDict(extra="forbid")
    displayName: Annotated[str, Field(examples=["CI pipeline"], min_length=1)]
    """
    Required. The display name for this Access Key. It must be unique for the resource tied to the key.
    """


class CreateAccessKeyResponse(BaseModel):
    """
    The created access key and its secret.
    """

    model_config = ConfigDict(extra="forbid")
    accessKey: AccessKey | None = None
    secret: Annotated[str | None, Field(examples=["Q_qHBbB8DfjeX2m9kLpR4tVw7yZa1cE3"])] = None
    """
    The Access Key secret. After an Access Key has been created it is impossible to retrieve its secret again.
    """


class ErrorResponse(BaseModel):
    """
    The error envelope of every failed request.
    """

    model_config = ConfigDict(extra="forbid")
    error: Status | None = None


class Status(BaseModel):
    """
    A `google.rpc.Status` message.
    """

    model_config = ConfigDict(extra="forbid")
    code: Annotated[int | None, Field(examples=[400])] = None
    """
    The HTTP status code of the response.
    """
    details: list[Any] | None = None
    """
    Messages that carry the error details.
    """
    message: Annotated[str | None, Field(examples=["displayName: must not be empty"])] = None
    """
    A developer-facing error message in English.
    """
    status: Annotated[Status1 | None, Field(examples=["INVALID_ARGUMENT"])] = None
    """
    The `google.rpc.Code` name of the error.
    """


class Status1(StrEnum):
    """
    The `google.rpc.Code` name of the error.
    """

    OK = "OK"
    CANCELLED = "CANCELLED"
    UNKNOWN = "UNKNOWN"
    INVALID_ARGUMENT = "INVALID_ARGUMENT"
    DEADLINE_EXCEEDED = "DEADLINE_EXCEEDED"
    NOT_FOUND = "NOT_FOUND"
    ALREADY_EXISTS = "ALREADY_EXISTS"
    PERMISSION_DENIED = "PERMISSION_DENIED"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    RESOURCE_EXHAUSTED = "RESOURCE_EXHAUSTED"
    FAILED_PRECONDITION = "FAILED_PRECONDITION"
    ABORTED = "ABORTED"
    OUT_OF_RANGE = "OUT_OF_RANGE"
    UNIMPLEMENTED = "UNIMPLEMENTED"
    INTERNAL = "INTERNAL"
    UNAVAILABLE = "UNAVAILABLE"
    DATA_LOSS = "DATA_LOSS"
