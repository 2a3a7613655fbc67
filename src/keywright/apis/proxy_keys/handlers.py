"""POST /cf/admin/proxy/keys: an admin key creates a proxy key scoped to known organisations."""

from __future__ import annotations

from dataclasses import dataclass

from keywright_interfaces.proxy_keys import (
    CreateProxyKeyCreated,
    CreateProxyKeyError,
    CreateProxyKeyReply,
    ProxyKeysInterface,
)

from keywright.apis.proxy_keys.config import Account, ProxyKeysConfig
from keywright.apis.proxy_keys.store import ProxyKeyRecord, ProxyKeyStore
from keywright.interface import Authenticated, Unauthenticated
from keywright.server.context import ServerContext
from keywright.server.crypto import constant_time_find, new_uuid
from keywright.server.storage import AlreadyExists
from keywright_models.proxy_keys import CreateProxyKeyRequest, ProxyKeyCreated, SelectedEnvironments

MAX_ENVIRONMENTS = 1000
"""The Relay Proxy's limit on the environments one key may serve."""


@dataclass(frozen=True)
class Caller:
    sub: str
    accounts: frozenset[str]


class ProxyKeys(ProxyKeysInterface[Caller]):
    def __init__(self, context: ServerContext) -> None:
        self.config: ProxyKeysConfig = context.config
        self.store = ProxyKeyStore(context.database)
        self.keyring = context.keyring
        self.clock = context.clock

    async def verify_x_api_key(self, credential: str) -> Caller:
        keys = self.config.admin_keys
        index = constant_time_find([k.key for k in keys], credential)
        if index is None:
            raise Unauthenticated("The x-api-key is not a valid admin key")
        return Caller(f"proxy-admin-key:{index}", keys[index].accounts)

    async def create_proxy_key(
        self, *, caller: Authenticated[Caller], body: CreateProxyKeyRequest, account_identifier: str
    ) -> CreateProxyKeyReply:
        if account_identifier not in caller.identity.accounts:
            raise CreateProxyKeyError(
                403, f"The x-api-key may not administer account '{account_identifier}'"
            )
        _check_scope(body, self.config.accounts.get(account_identifier, {}))
        key = new_uuid()  # a secret, shown once: from the OS RNG, never an injected id
        record = ProxyKeyRecord(
            account=account_identifier,
            identifier=body.identifier,
            name=body.name,
            description=body.description,
            organizations=body.organizations.model_dump(mode="json", exclude_none=True),
            key_digest=self.keyring.digest(key),
            created_at=self.clock(),
        )
        try:
            await self.store.add(record)
        except AlreadyExists:
            raise CreateProxyKeyError(
                409,
                f"A proxy key with identifier '{body.identifier}' already exists "
                f"in account '{account_identifier}'",
            ) from None
        return CreateProxyKeyCreated(ProxyKeyCreated(key=key))


def _check_scope(request: CreateProxyKeyRequest, account: Account) -> None:
    """Every organisation, project and selected environment must exist in the account, and the
    key may serve at most MAX_ENVIRONMENTS environments in all."""
    served = 0
    for org_id, organization in request.organizations.root.items():
        if org_id not in account:
            raise CreateProxyKeyError(
                404, f"Error retrieving projects, organization '{org_id}' does not exist"
            )
        for project_id, project in organization.projects.items():
            if project_id not in account[org_id]:
                raise CreateProxyKeyError(
                    404,
                    f"Error retrieving environments, project '{project_id}' does not exist "
                    f"in organization '{org_id}'",
                )
            existing = account[org_id][project_id]
            if not isinstance(project.root, SelectedEnvironments):
                served += len(existing)
                continue
            selected = {environment.root for environment in project.root.environments}
            missing = sorted(selected - existing)
            if missing:
                raise CreateProxyKeyError(
                    404,
                    f"Error retrieving environments, environment '{missing[0]}' "
                    f"does not exist in project '{project_id}' of organization '{org_id}'",
                )
            served += len(selected)
    if served > MAX_ENVIRONMENTS:
        raise CreateProxyKeyError(
            400,
            f"A proxy key may serve at most {MAX_ENVIRONMENTS} environments; "
            f"this one would serve {served}",
        )


def build(context: ServerContext) -> ProxyKeysInterface[Caller]:
    return ProxyKeys(context)
