"""POST /api/admin/api-keys: scoped keys, no escalation, idempotent retries."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

import orjson
from keywright_interfaces.api_keys import (
    ApiKeysInterface,
    CreateApiKeyError,
    CreateApiKeyOk,
    CreateApiKeyReply,
)

from keywright.apis.api_keys.config import ApiKeysConfig
from keywright.apis.api_keys.store import ApiKeyRecord, ApiKeyStore, IdempotencyRecord
from keywright.errors import Violation
from keywright.interface import Authenticated, Unauthenticated
from keywright.server.context import ServerContext
from keywright.server.crypto import Undecryptable, constant_time_find, random_alphanumerics
from keywright_models.api_keys import ApiKey, CreateApiKeyRequest

CREATE_SCOPE = "admin:api-keys:create"
IDEMPOTENCY_TTL = timedelta(hours=24)
IDEMPOTENCY_HEADER = "x-idempotency-key"
UNDECRYPTABLE_REPLAY = (
    "The stored reply to this idempotency key cannot be decrypted with the configured secret "
    "keys (the secret key that encrypted it is no longer configured); this request created "
    "nothing"
)


@dataclass(frozen=True)
class Caller:
    """An admin token, or an API key with its scopes (and expiry, which its children inherit)."""

    sub: str
    admin: bool
    scopes: frozenset[str] = frozenset()
    expires_at: datetime | None = None


class ApiKeys(ApiKeysInterface[Caller]):
    def __init__(self, context: ServerContext) -> None:
        self.config: ApiKeysConfig = context.config
        self.store = ApiKeyStore(context.database)
        self.keyring = context.keyring
        self.clock = context.clock
        self.new_id = context.new_id

    async def verify_admin_token(self, credential: str) -> Caller:
        index = constant_time_find(self.config.admin_tokens, credential)
        if index is None:
            raise Unauthenticated("The admin token is not valid")
        return Caller(sub=f"admin-token:{index}", admin=True)

    async def verify_api_key(self, credential: str) -> Caller:
        record = await self.store.by_digest(*self.keyring.digests(credential))
        if record is None:
            raise Unauthenticated("The API key is not valid")
        if record.expires_at is not None and record.expires_at <= self.clock():
            raise Unauthenticated(f"The API key expired at {record.expires_at.isoformat()}")
        return Caller(
            sub=f"api-key:{record.id}",
            admin=False,
            scopes=frozenset(record.scopes),
            expires_at=record.expires_at,
        )

    async def create_api_key(
        self,
        *,
        caller: Authenticated[Caller],
        body: CreateApiKeyRequest,
        x_idempotency_key: str | None = None,
    ) -> CreateApiKeyReply:
        scopes = [scope.value for scope in body.scopes.root]
        _check_may_grant(caller.identity, scopes)

        owner = caller.identity.sub
        now = self.clock().replace(microsecond=0)
        if x_idempotency_key is not None:
            request_digest = _digest(body)
            previous = await self.store.idempotency(owner, x_idempotency_key, now)
            if previous is not None:
                return self._replay(previous, request_digest)

        key_value = new_key_value()
        expires_at = caller.identity.expires_at  # a child never outlives the key that made it
        if body.expiration_time is not None:
            asked = now + timedelta(seconds=body.expiration_time)
            expires_at = asked if expires_at is None else min(asked, expires_at)
        record = ApiKeyRecord(
            id=self.new_id(),
            key_digest=self.keyring.digest(key_value),
            scopes=tuple(scopes),
            created_at=now,
            expires_at=expires_at,
            created_by=owner,
        )
        reply = CreateApiKeyOk(
            ApiKey(
                id=record.id,
                created_at=now,
                expires_at=expires_at,
                key_value=key_value,
                scopes=body.scopes,
            )
        )
        if x_idempotency_key is None:
            await self.store.add(record)
            return reply
        idempotency = IdempotencyRecord(
            owner=owner,
            key=x_idempotency_key,
            request_digest=request_digest,
            response=self.keyring.encrypt(orjson.dumps(reply.content())),
            expires_at=now + IDEMPOTENCY_TTL,
        )
        winner = await self.store.add(record, idempotency)
        if winner is not None:  # a concurrent request with the same key got there first
            return self._replay(winner, request_digest)
        return reply

    def _replay(self, previous: IdempotencyRecord, request_digest: str) -> CreateApiKeyReply:
        if previous.request_digest != request_digest:
            raise CreateApiKeyError(
                422,
                "The idempotency key was already used with a different request body",
                violations=[
                    Violation(
                        f"$.headers['{IDEMPOTENCY_HEADER}']", "already used with a different body"
                    )
                ],
            )
        try:
            stored = self.keyring.decrypt(previous.response)
        except Undecryptable:
            # The secret key that encrypted it is no longer configured: only the operator can
            # help (the server logs this error once, as every 500 it answers).
            raise CreateApiKeyError(500, UNDECRYPTABLE_REPLAY) from None
        return CreateApiKeyOk(ApiKey.model_validate_json(stored), idempotent_replayed="true")


def _check_may_grant(caller: Caller, scopes: list[str]) -> None:
    if caller.admin:
        return
    if CREATE_SCOPE not in caller.scopes:
        raise CreateApiKeyError(403, f"The API key does not hold scope '{CREATE_SCOPE}'")
    missing = [scope for scope in scopes if scope not in caller.scopes]
    if missing:
        names = ", ".join(f"'{scope}'" for scope in missing)
        raise CreateApiKeyError(403, f"The API key cannot grant scopes it does not hold: {names}")


def build(context: ServerContext) -> ApiKeysInterface[Caller]:
    return ApiKeys(context)


def _digest(body: CreateApiKeyRequest) -> str:
    """What tells a retry from a different request under the same idempotency key."""
    canonical = orjson.dumps(
        body.model_dump(mode="json", exclude_none=True), option=orjson.OPT_SORT_KEYS
    )
    return hashlib.sha256(canonical).hexdigest()


def new_key_value() -> str:
    """`key_` and 32 random alphanumerics (190 bits)."""
    return "key_" + random_alphanumerics(32)
