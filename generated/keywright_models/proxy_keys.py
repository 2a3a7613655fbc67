# Generated from specs/ by `keywright generate` (datamodel-code-generator). Do not edit:
# change the spec, or the options in pyproject.toml, and run `make generate`.

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, RootModel


class AllEnvironments(BaseModel):
    """
    The key serves every environment of the project, present and future.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    scope: Literal["all"]


class CreateProxyKeyRequest(BaseModel):
    """
    A proxy key to create.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    description: Annotated[str | None, Field(examples=["A description"], max_length=1024)] = None
    identifier: Annotated[
        str,
        Field(
            examples=["MyProxyKey"],
            max_length=128,
            min_length=1,
            pattern="^[A-Za-z_][A-Za-z0-9_]*$",
        ),
    ]
    """
    Unique identifier of the key in the account.
    """
    name: Annotated[str, Field(examples=["My Proxy Key"], max_length=128, min_length=1)]
    organizations: ProxyKeyOrganizations


class Environment(RootModel[str]):
    root: Annotated[str, Field(max_length=128, min_length=1, pattern="^[A-Za-z0-9_-]+$")]


class Error(BaseModel):
    """
    The error envelope of every failed request.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    code: Annotated[str, Field(examples=["404"], pattern="^[1-5][0-9]{2}$")]
    """
    The http error code
    """
    details: dict[str, Any] | None = None
    """
    Additional details about the error
    """
    message: Annotated[
        str,
        Field(examples=["Error retrieving projects, organization 'default_org' does not exist"]),
    ]
    """
    The reason the request failed
    """


class ProxyKeyCreated(BaseModel):
    """
    The created key. `key` is shown only in this response.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    key: Annotated[UUID | None, Field(examples=["0202f58b-d670-44ef-bd1f-323a48c28004"])] = None


class ProxyKeyOrganization(BaseModel):
    """
    The projects of one organisation that the key may serve.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    projects: Annotated[dict[str, ProxyKeyProject], Field(max_length=100, min_length=1)]
    """
    A map from project identifier to the environments of that project the key may serve.
    """


class ProxyKeyOrganizations(RootModel[dict[str, ProxyKeyOrganization]]):
    """
    The organisations the key may serve: a map from organisation identifier
    to the projects of that organisation the key may serve.

    """

    root: Annotated[dict[str, ProxyKeyOrganization], Field(max_length=50, min_length=1)]


class SelectedEnvironments(BaseModel):
    """
    The key serves only the listed environments of the project.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    scope: Literal["selected"]
    environments: Annotated[list[Environment], Field(max_length=100, min_length=1)]
    """
    Identifiers of the environments the key may serve.
    """


class ProxyKeyProject(RootModel[AllEnvironments | SelectedEnvironments]):
    root: Annotated[AllEnvironments | SelectedEnvironments, Field(discriminator="scope")]
    """
    Which environments of a project the key may serve.
    """
