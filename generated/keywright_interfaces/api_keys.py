# Generated from specs/api-keys.yaml by `keywright generate`. Do not edit: change the spec
# and run `make generate`, then implement what changed (keywright.apis.api_keys).

"""API Keys API (EAP): the interface an implementation of specs/api-keys.yaml subclasses."""

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
from keywright_models.api_keys import ApiKey, CreateApiKeyRequest


@dataclass(frozen=True)
class CreateApiKeyOk(Reply[ApiKey]):
    """createApiKey 200: The API key was created. Its value is shown once, in this response. A key created with an expiring API key expires no later than that key, with or without `expiration_time`."""

    body: ApiKey
    idempotent_replayed: str | None = None
    """Header `Idempotent-Replayed`: `true` when this answer replays the one an earlier request with the same `x-idempotency-key` got (as Stripe-style APIs say it). Not in the seed."""
    status: ClassVar[int] = 200
    header_fields: ClassVar[dict[str, str]] = {"idempotent_replayed": "Idempotent-Replayed"}


CreateApiKeyReply = CreateApiKeyOk
"""What createApiKey may answer: exactly the success responses its spec documents."""


class CreateApiKeyError(OperationError):
    """Fails createApiKey with a status it documents, in the API's error envelope."""

    def __init__(
        self,
        status: Literal[401, 403, 408, 413, 415, 422, 431, 500, 501, 503],
        message: str,
        *,
        violations: Sequence[Violation] = (),
        reason: str | None = None,
    ) -> None:
        super().__init__(status, message, violations=violations, reason=reason)


class ApiKeysInterface(Interface[Identity]):
    """API Keys API, as specs/api-keys.yaml describes it.

    Subclass it with one method per operation and per security scheme; a type checker names
    what is missing or mistyped. At run time an operation left out answers 501.
    """

    api = "api-keys"

    @abstractmethod
    async def verify_api_key(self, credential: str) -> Identity:
        """Who the APIKey credential belongs to (header `x-api-key`: An API key that holds the `admin:api-keys:create` scope.)

        Raise `keywright.interface.Unauthenticated` when it is not valid.
        """
        raise Unimplemented("verify_api_key")

    @abstractmethod
    async def verify_admin_token(self, credential: str) -> Identity:
        """Who the AdminToken credential belongs to (header `x-admin-token`: An administrator token; it may create keys with any scopes.)

        Raise `keywright.interface.Unauthenticated` when it is not valid.
        """
        raise Unimplemented("verify_admin_token")

    @abstractmethod
    async def create_api_key(
        self,
        *,
        caller: Authenticated[Identity],
        body: CreateApiKeyRequest,
        x_idempotency_key: str | None = None,
    ) -> CreateApiKeyReply:
        """Create API key

        Creates a new API key with the specified scopes and expiration time.

        POST /api/admin/api-keys; fails with CreateApiKeyError.
        """
        raise Unimplemented("create_api_key")


ApiKeysInterface.operations = {
    "createApiKey": OperationBinding(
        method="create_api_key",
        parameters=(Parameter("x-idempotency-key", "header", "x_idempotency_key", str),),
        body=CreateApiKeyRequest,
        replies=(CreateApiKeyOk,),
        error=CreateApiKeyError,
        statuses=frozenset({200, 401, 403, 408, 413, 415, 422, 431, 500, 501, 503}),
    )
}
ApiKeysInterface.security = {
    "APIKey": SchemeBinding("verify_api_key"),
    "AdminToken": SchemeBinding("verify_admin_token"),
}
