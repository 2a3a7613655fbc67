# Generated from specs/proxy-keys.yaml by `keywright generate`. Do not edit: change the spec
# and run `make generate`, then implement what changed (keywright.apis.proxy_keys).

"""Proxy Keys API (1.0): the interface an implementation of specs/proxy-keys.yaml subclasses."""

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
from keywright_models.proxy_keys import CreateProxyKeyRequest, ProxyKeyCreated


@dataclass(frozen=True)
class CreateProxyKeyCreated(Reply[ProxyKeyCreated]):
    """createProxyKey 201: The proxy key was created. Its value is shown once, in this response."""

    body: ProxyKeyCreated
    status: ClassVar[int] = 201


CreateProxyKeyReply = CreateProxyKeyCreated
"""What createProxyKey may answer: exactly the success responses its spec documents."""


class CreateProxyKeyError(OperationError):
    """Fails createProxyKey with a status it documents, in the API's error envelope."""

    def __init__(
        self,
        status: Literal[400, 401, 403, 404, 408, 409, 413, 415, 431, 500, 501, 503],
        message: str,
        *,
        violations: Sequence[Violation] = (),
        reason: str | None = None,
    ) -> None:
        super().__init__(status, message, violations=violations, reason=reason)


class ProxyKeysInterface(Interface[Identity]):
    """Proxy Keys API, as specs/proxy-keys.yaml describes it.

    Subclass it with one method per operation and per security scheme; a type checker names
    what is missing or mistyped. At run time an operation left out answers 501.
    """

    api = "proxy-keys"

    @abstractmethod
    async def verify_x_api_key(self, credential: str) -> Identity:
        """Who the x-api-key credential belongs to (header `x-api-key`: An admin API key of the account: a personal (`pat.`) or service account (`sat.`) token, `<prefix>.<account id>.<token id>.<secret>` (older tokens have no account id).)

        Raise `keywright.interface.Unauthenticated` when it is not valid.
        """
        raise Unimplemented("verify_x_api_key")

    @abstractmethod
    async def create_proxy_key(
        self,
        *,
        caller: Authenticated[Identity],
        body: CreateProxyKeyRequest,
        account_identifier: str,
    ) -> CreateProxyKeyReply:
        """Creates a Proxy Key in the account & org

        POST /cf/admin/proxy/keys; fails with CreateProxyKeyError.
        """
        raise Unimplemented("create_proxy_key")


ProxyKeysInterface.operations = {
    "createProxyKey": OperationBinding(
        method="create_proxy_key",
        parameters=(Parameter("accountIdentifier", "query", "account_identifier", str),),
        body=CreateProxyKeyRequest,
        replies=(CreateProxyKeyCreated,),
        error=CreateProxyKeyError,
        statuses=frozenset({201, 400, 401, 403, 404, 408, 409, 413, 415, 431, 500, 501, 503}),
    )
}
ProxyKeysInterface.security = {"x-api-key": SchemeBinding("verify_x_api_key")}
