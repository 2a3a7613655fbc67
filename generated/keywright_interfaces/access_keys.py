# Generated from specs/access-keys.yaml by `keywright generate`. Do not edit: change the spec
# and run `make generate`, then implement what changed (keywright.apis.access_keys).

"""Access Keys API (v1): the interface an implementation of specs/access-keys.yaml subclasses."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

from keywright.errors import Violation
from keywright.interface import (
    Authenticated,
    Identity,
    Interface,
    OperationBinding,
    OperationError,
    Parameter,
    Reply,
    SchemeBinding,
    Unimplemented,
)
from keywright_models.access_keys import CreateAccessKeyRequest, CreateAccessKeyResponse


@dataclass(frozen=True)
class CreateAccessKeyOk(Reply[CreateAccessKeyResponse]):
    """createAccessKey 200: The access key was created. Its secret is shown once, in this response. Its `displayName` is stored in Unicode normalisation form C, without zero-width spaces, word joiners or byte-order marks: names that look the same are the same name."""

    body: CreateAccessKeyResponse
    status: ClassVar[int] = 200


CreateAccessKeyReply = CreateAccessKeyOk
"""What createAccessKey may answer: exactly the success responses its spec documents."""


class CreateAccessKeyError(OperationError):
    """Fails createAccessKey with a status it documents, in the API's error envelope."""

    def __init__(
        self,
        status: Literal[400, 401, 403, 404, 408, 409, 413, 415, 431, 500, 501, 503],
        message: str,
        *,
        violations: Sequence[Violation] = (),
        reason: str | None = None,
    ) -> None:
        super().__init__(status, message, violations=violations, reason=reason)


class AccessKeysInterface(Interface[Identity]):
    """Access Keys API, as specs/access-keys.yaml describes it.

    Subclass it with one method per operation and per security scheme; a type checker names
    what is missing or mistyped. At run time an operation left out answers 501.
    """

    api = "access-keys"

    @abstractmethod
    async def verify_oauth2(self, credential: str) -> Identity:
        """Who the OAuth2 credential belongs to (header `Authorization`: An OAuth 2.0 bearer access token.)

        Raise `keywright.interface.Unauthenticated` when it is not valid.
        """
        raise Unimplemented("verify_oauth2")

    @abstractmethod
    async def verify_basic(self, user: str, password: str) -> Identity:
        """Who the Basic credential belongs to (header `Authorization`: An access key's id (a UUID) as user name and its secret as password.)

        Raise `keywright.interface.Unauthenticated` when it is not valid.
        """
        raise Unimplemented("verify_basic")

    @abstractmethod
    async def create_access_key(
        self, *, caller: Authenticated[Identity], body: CreateAccessKeyRequest, project_id: str
    ) -> CreateAccessKeyReply:
        """Create Access Key

        Creates an Access Key for the given project. Returns the new key and its credentials.

        POST /v1/projects/{projectId}/accessKeys; fails with CreateAccessKeyError.
        """
        raise Unimplemented("create_access_key")


AccessKeysInterface.operations = {
    "createAccessKey": OperationBinding(
        method="create_access_key",
        parameters=(Parameter("projectId", "path", "project_id", str),),
        body=CreateAccessKeyRequest,
        replies=(CreateAccessKeyOk,),
        error=CreateAccessKeyError,
        statuses=frozenset({200, 400, 401, 403, 404, 408, 409, 413, 415, 431, 500, 501, 503}),
    )
}
AccessKeysInterface.security = {
    "OAuth2": SchemeBinding("verify_oauth2"),
    "Basic": SchemeBinding("verify_basic"),
}
