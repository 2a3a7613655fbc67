"""POST /cf/admin/proxy/keys: an admin key creates a proxy key scoped to known organisations."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from keywright.dispatch import Call, Reply
from keywright.errors import ApiError, Kind
from keywright.server.config import Account, Config
from keywright.server.crypto import Keyring, new_uuid
from keywright.server.store import AlreadyExists, ProxyKeyRecord, Store
from keywright_models.proxy_keys import (
    CreateProxyKeyRequest,
    ProxyKeyCreated,
    SelectedEnvironments,
)

MAX_ENVIRONMENTS = 1000
"""The Relay Proxy's limit on the environments one key may serve."""


class ProxyKeys:
    def __init__(self, config: Config, store: Store, keyring: Keyring) -> None:
        self.config = config
        self.store = store
        self.keyring = keyring

    def handlers(self) -> dict[str, Any]:
        return {"createProxyKey": self.create}

    async def create(self, call: Call) -> Reply:
        account_identifier = call.query["accountIdentifier"]
        if account_identifier not in call.caller["accounts"]:
            raise ApiError(
                Kind.FORBIDDEN, f"The x-api-key may not administer account '{account_identifier}'"
            )
        request = CreateProxyKeyRequest.model_validate(call.body)
        _check_scope(request, self.config.accounts[account_identifier])
        key = new_uuid()
        record = ProxyKeyRecord(
            account=account_identifier,
            identifier=request.identifier,
            name=request.name,
            description=request.description,
            organizations=request.organizations.model_dump(mode="json"),
            key_digest=self.keyring.digest(key),
            created_at=datetime.now(UTC),
        )
        try:
            await self.store.add_proxy_key(record)
        except AlreadyExists:
            raise ApiError(
                Kind.CONFLICT,
                f"A proxy key with identifier '{request.identifier}' already exists "
                f"in account '{account_identifier}'",
            ) from None
        return ProxyKeyCreated(key=key).model_dump(mode="json"), 201


def _check_scope(request: CreateProxyKeyRequest, account: Account) -> None:
    """Every organisation, project and selected environment must exist in the account, and the
    key may serve at most MAX_ENVIRONMENTS environments in all."""
    served = 0
    for org_id, organization in request.organizations.root.items():
        if org_id not in account:
            raise ApiError(
                Kind.NOT_FOUND, f"Error retrieving projects, organization '{org_id}' does not exist"
            )
        for project_id, project in organization.projects.items():
            if project_id not in account[org_id]:
                raise ApiError(
                    Kind.NOT_FOUND,
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
                raise ApiError(
                    Kind.NOT_FOUND,
                    f"Error retrieving environments, environment '{missing[0]}' "
                    f"does not exist in project '{project_id}' of organization '{org_id}'",
                )
            served += len(selected)
    if served > MAX_ENVIRONMENTS:
        raise ApiError(
            Kind.INVALID,
            f"A proxy key may serve at most {MAX_ENVIRONMENTS} environments; "
            f"this one would serve {served}",
        )
