# Generated from specs/ by `keywright generate` (datamodel-code-generator). Do not edit:
# change the spec, or the options in keywright/codegen/models.py, and run `make generate`.

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, RootModel


class AllEnvironments(BaseModel):
    """
    The key serves every environment of the project, present and future.
    `environments` is not needed; a list sent anyway is ignored.

    """

    model_config = ConfigDict(extra="forbid")
    scope: Literal["all"]
    environments: list[EnvironmentIdentifier] | None = None
    """
    Ignored.
    """


class CreateProxyKeyRequest(BaseModel):
    """
    A proxy key to create.
    """

    model_config = ConfigDict(extra="forbid")
    description: Annotated[str | None, Field(examples=["A description"])] = None
    identifier: Annotated[
        str, Field(examples=["MyProxyKey"], pattern="^[a-zA-Z_][0-9a-zA-Z_$]{0,127}$")
    ]
    """
    Unique identifier of the key in the account.
    """
    name: Annotated[str, Field(examples=["My Proxy Key"], max_length=128, min_length=1)]
    organizations: ProxyKeyOrganizations


class EnvironmentIdentifier(RootModel[str]):
    root: Annotated[str, Field(examples=["dev"], pattern="^[a-zA-Z_][0-9a-zA-Z_$]{0,127}$")]
    """
    An environment's identifier, a Harness identifier.
    """


class Error(BaseModel):
    """
    The error envelope of every failed request.
    """

    model_config = ConfigDict(extra="forbid")
    code: Annotated[str, Field(examples=["404"])]
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

    model_config = ConfigDict(extra="forbid")
    key: Annotated[UUID | None, Field(examples=["0202f58b-d670-44ef-bd1f-323a48c28004"])] = None


class ProxyKeyOrganization(BaseModel):
    """
    The projects of one organisation that the key may serve.
    """

    model_config = ConfigDict(extra="forbid")
    projects: Annotated[dict[str, ProxyKeyProject], Field(min_length=1)]
    """
    A map from project identifier to the environments of that project the key may serve.
    """


class ProxyKeyOrganizations(RootModel[dict[str, ProxyKeyOrganization]]):
    """
    The organisations the key may serve: a map from organisation identifier
    to the projects of that organisation the key may serve. In all, a key may
    serve at most 1,000 environments (a project with scope `all` counts all of
    its environments); more is refused with 400.

    """

    root: Annotated[dict[str, ProxyKeyOrganization], Field(min_length=1)]


class SelectedEnvironments(BaseModel):
    """
    The key serves only the listed environments of the project.
    """

    model_config = ConfigDict(extra="forbid")
    scope: Literal["selected"]
    environments: Annotated[list[EnvironmentIdentifier], Field(min_length=1)]
    """
    Identifiers of the environments the key may serve.
    """


class ProxyKeyProject(RootModel[AllEnvironments | SelectedEnvironments]):
    root: Annotated[AllEnvironments | SelectedEnvironments, Field(discriminator="scope")]
    """
    Which environments of a project the key may serve.
    """
